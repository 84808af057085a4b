// MARK: - The scalar engine's one list of ops
//
// Everything else that names a scalar op derives from `Value.Operation`: the op names in traces (`name`), the
// functions the expression parser knows (`functions`, so `tanh(x)` parses because `tanh` is an op here), the
// MLP's `Nonlinearity`, the lessons' activation lists, and GradCheck's `ScalarOpRegistry`, which must hold a
// gradient check for every case — adding an op here without one fails the suite.

extension Value {
    /// What produced a value. Names are the op names traces use.
    public enum Operation: UInt8, CaseIterable, Sendable {
        case leaf, constant, add, sub, mul, div, neg, pow, exp, log, tanh, relu, sigmoid

        /// The op name written in traces (`"mul"`): the case's own name; empty for leaves and constants.
        public var name: String { Operation.names[Int(rawValue)] }

        private static let names = allCases.map { $0 == .leaf || $0 == .constant ? "" : String(describing: $0) }

        /// Whether the op takes one value and no setting, so the expression language writes it as a call:
        /// `exp(x)`, `tanh(x)`. The others are written with operators (`+ - * / ^`, unary `-`) or are inputs.
        public var isFunction: Bool {
            switch self {
            case .exp, .log, .tanh, .relu, .sigmoid: return true
            case .leaf, .constant, .add, .sub, .mul, .div, .neg, .pow: return false
            }
        }

        /// The function ops in declaration order: the names `Expression` parses as calls.
        public static let functions = allCases.filter(\.isFunction)

        /// The function op called `name` (`"tanh"`), or nil when no function op has that name.
        public init?(function name: String) {
            guard let op = Operation.functions.first(where: { $0.name == name }) else { return nil }
            self = op
        }

        /// The name prose and legends use: `ReLU` in its usual capitals, every other op by `name`.
        public var displayName: String { self == .relu ? "ReLU" : name }
    }

    /// Applies a function op (`Operation.isFunction`) to this value: `x.applying(.tanh)` is `x.tanh()`.
    @inlinable
    public func applying(_ function: Operation) -> Value {
        switch function {
        case .exp: return exp()
        case .log: return log()
        case .tanh: return tanh()
        case .relu: return relu()
        case .sigmoid: return sigmoid()
        case .leaf, .constant, .add, .sub, .mul, .div, .neg, .pow:
            preconditionFailure("\(function) is not a function op; it is written with an operator")
        }
    }
}
