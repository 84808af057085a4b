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
    /// The op's inputs, owned (+1, retained in `init`, released by `deinit`) but read without ARC traffic in the
    /// hot loops: an `Unmanaged` load is a plain pointer load, where a strong `Value?` costs a retain/release.
    @usableFromInline var parent0: Unmanaged<Value>?
    @usableFromInline var parent1: Unmanaged<Value>?
    @usableFromInline let local0: Double
    /// ∂self/∂parent1 — or pow's constant exponent, since pow has one parent.
    @usableFromInline let local1: Double
    /// Intrusive list link used by `deinit`'s teardown, so freeing a graph allocates nothing.
    /// Meaningless outside it.
    @usableFromInline var link: Unmanaged<Value>?
    /// The label, boxed: most nodes have none, and 8 bytes instead of a String's 16 keep a node at 96 bytes
    /// of heap (the graph walks are bound by memory traffic).
    @usableFromInline var name: Name?
    /// The op that produced this value (`.leaf` for inputs and parameters, `.constant` for literals).
    public let operation: Operation
    /// Whether `backward()` was last started from this node (the trace then has a backward order).
    @usableFromInline var startedBackward = false
    /// Traversal state, always 0 between calls: 1 once a depth-first walk has reached the node; during
    /// backward, the number of the node's children in the graph not yet processed.
    // Declared after the two one-byte fields so a node is 88 bytes: a 96-byte heap block, not 112.
    @usableFromInline var mark: UInt32 = 0

    /// A leaf: an input or a trainable parameter, differentiated with respect to.
    public init(_ data: Double, label: String = "") {
        self.data = data
        self.name = label.isEmpty ? nil : Name(label)
        self.operation = .leaf
        self.local0 = 0
        self.local1 = 0
    }

    /// A literal number: part of the graph (so diagrams show it) but never a variable of interest.
    public static func constant(_ data: Double) -> Value {
        Value(data: data, operation: .constant, nil, 0, nil, 0)
    }

    /// The node an op makes: its value and each parent with ∂self/∂parent at the forward values.
    @usableFromInline
    init(data: Double, operation: Operation, _ parent0: Value?, _ local0: Double, _ parent1: Value?,
         _ local1: Double) {
        self.data = data
        self.operation = operation
        self.parent0 = parent0.map { .passRetained($0) }
        self.parent1 = parent1.map { .passRetained($0) }
        self.local0 = local0
        self.local1 = local1
    }

    /// Releases the parents iteratively: a release inside a deinit recurses, and a chain of 100 000 nodes would
    /// overflow the stack. A parent that this release would free is queued (linked through `link`, owned) and
    /// torn down by this same loop; parents still used elsewhere are merely released.
    deinit {
        guard parent0 != nil else { return }
        var pending: Unmanaged<Value>?
        Value.detachParents(of: self, queueingOn: &pending)
        while let owned = pending {
            let node = owned.takeRetainedValue()
            pending = node.link
            Value.detachParents(of: node, queueingOn: &pending)
            // `node` is released here with no parents left: its deinit returns at once.
        }
    }

    private static func detachParents(of node: Value, queueingOn pending: inout Unmanaged<Value>?) {
        if let parent = node.parent0 {
            node.parent0 = nil
            release(parent, queueingOn: &pending)
        }
        if let parent = node.parent1 {
            node.parent1 = nil
            release(parent, queueingOn: &pending)
        }
    }

    private static func release(_ parent: Unmanaged<Value>, queueingOn pending: inout Unmanaged<Value>?) {
        var strong = parent.takeRetainedValue()
        if strong.parent0 != nil && isKnownUniquelyReferenced(&strong) {
            strong.link = pending
            // Consumed, so the reference we hold moves into the list without a retain/release pair.
            pending = .passRetained(consume strong)
        }
    }

    /// A human name (`"w1"`); leaves made from an expression carry the variable name. Empty if unnamed.
    public var label: String {
        get { name?.text ?? "" }
        set { name = newValue.isEmpty ? nil : Name(newValue) }
    }

    /// A node's label, boxed.
    @usableFromInline
    final class Name {
        let text: String
        init(_ text: String) { self.text = text }
    }

    /// The inputs of the op with ∂self/∂input for each, in argument order (`x*x` lists `x` twice).
    public var parents: [(value: Value, local: Double)] {
        var result: [(value: Value, local: Double)] = []
        if let parent0 { result.append((parent0.takeUnretainedValue(), local0)) }
        if let parent1 { result.append((parent1.takeUnretainedValue(), local1)) }
        return result
    }

    /// Whether this is a leaf (an input or parameter).
    public var isLeaf: Bool { operation == .leaf }
    /// Whether this is a literal constant.
    public var isConstant: Bool { operation == .constant }
    /// pow's constant exponent, `nil` for every other op.
    public var powerExponent: Double? { operation == .pow ? local1 : nil }
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
