// The scalar engine's list of ops.

extension Value {
    /// What produced a value. Names are the op names traces use.
    public enum Operation: UInt8, CaseIterable, Sendable {
        case leaf, constant, add, sub, mul, div, neg, pow, exp, log, tanh, relu, sigmoid

        /// The op name written in traces (`"mul"`); empty for leaves and constants.
        public var name: String {
            switch self {
            case .leaf, .constant: return ""
            case .add: return "add"
            case .sub: return "sub"
            case .mul: return "mul"
            case .div: return "div"
            case .neg: return "neg"
            case .pow: return "pow"
            case .exp: return "exp"
            case .log: return "log"
            case .tanh: return "tanh"
            case .relu: return "relu"
            case .sigmoid: return "sigmoid"
            }
        }
    }
}
