/// One scalar in a computation graph: its forward value, its gradient, the op that made it, and its parents
/// *with the local derivative of each*, computed by the op at forward time (DESIGN.md §2).
///
/// Backward is then one generic loop over the graph in reverse topological order,
/// `parent.grad += local × node.grad` — micrograd's chain rule made into data. No closure is allocated per
/// node; an op stores at most two parents and two local derivatives inline, so a node is one allocation.
///
/// A graph is not safe to use from two threads at once, nor are two graphs that share nodes (backward marks
/// the nodes it visits).
public final class Value {
    /// The forward value.
    public var data: Double
    /// ∂output/∂self after `backward()` on some output; accumulates across uses and calls until `zeroGrad()`.
    public var grad: Double = 0
    /// A human name (`"w1"`); leaves made from an expression carry the variable name. Empty if unnamed.
    public var label: String
    /// The op that produced this value (`.leaf` for inputs and parameters, `.constant` for literals).
    public let operation: Operation

    @usableFromInline var parent0: Value?
    @usableFromInline var parent1: Value?
    @usableFromInline let local0: Double
    @usableFromInline let local1: Double
    /// pow's constant exponent; 0 for every other op.
    @usableFromInline let exponent: Double
    /// Traversal state while a topological order is being built: 0 unvisited, 1 expanded, 2 emitted.
    /// Always 0 between calls.
    @usableFromInline var mark: UInt8 = 0
    /// Whether `backward()` was last started from this node (the trace then has a backward order).
    @usableFromInline var startedBackward = false

    /// A leaf: an input or a trainable parameter, differentiated with respect to.
    public init(_ data: Double, label: String = "") {
        self.data = data
        self.label = label
        self.operation = .leaf
        self.local0 = 0
        self.local1 = 0
        self.exponent = 0
    }

    /// A literal number: part of the graph (so diagrams show it) but never a variable of interest.
    public static func constant(_ data: Double) -> Value {
        Value(data: data, operation: .constant, nil, 0, nil, 0)
    }

    /// The node an op makes: its value and each parent with ∂self/∂parent at the forward values.
    @usableFromInline
    init(data: Double, operation: Operation, _ parent0: Value?, _ local0: Double, _ parent1: Value?,
         _ local1: Double, exponent: Double = 0) {
        self.data = data
        self.label = ""
        self.operation = operation
        self.parent0 = parent0
        self.parent1 = parent1
        self.local0 = local0
        self.local1 = local1
        self.exponent = exponent
    }

    /// Tears the graph down iteratively: the default release of a parent inside a deinit recurses, and a chain
    /// of 100 000 nodes would overflow the stack. Parents still used elsewhere are merely released.
    deinit {
        guard parent0 != nil || parent1 != nil else { return }
        var pending: [Value] = []
        Value.detachParents(of: self, into: &pending)
        while let node = pending.popLast() {
            Value.detachParents(of: node, into: &pending)
        }
    }

    private static func detachParents(of node: Value, into pending: inout [Value]) {
        if var parent = node.parent0 {
            node.parent0 = nil
            if isKnownUniquelyReferenced(&parent) && parent.parent0 != nil { pending.append(parent) }
        }
        if var parent = node.parent1 {
            node.parent1 = nil
            if isKnownUniquelyReferenced(&parent) && parent.parent0 != nil { pending.append(parent) }
        }
    }

    /// The inputs of the op with ∂self/∂input for each, in argument order (`x*x` lists `x` twice).
    public var parents: [(value: Value, local: Double)] {
        var result: [(value: Value, local: Double)] = []
        if let parent0 { result.append((parent0, local0)) }
        if let parent1 { result.append((parent1, local1)) }
        return result
    }

    /// Whether this is a leaf (an input or parameter).
    public var isLeaf: Bool { operation == .leaf }
    /// Whether this is a literal constant.
    public var isConstant: Bool { operation == .constant }
    /// pow's constant exponent, `nil` for every other op.
    public var powerExponent: Double? { operation == .pow ? exponent : nil }
}

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

extension Value: CustomStringConvertible {
    /// `Value(data: 0.7071, grad: 1.0)`, like micrograd's repr.
    public var description: String { "Value(data: \(data), grad: \(grad))" }
}
