import Foundation

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
    /// Traversal state, always 0 between calls: 1 once a depth-first walk has reached the node; during
    /// backward, the number of the node's children in the graph not yet processed.
    @usableFromInline var mark: UInt32 = 0
    /// The op that produced this value (`.leaf` for inputs and parameters, `.constant` for literals).
    public let operation: Operation
    /// Whether `backward()` was last started from this node (the trace then has a backward order).
    @usableFromInline var startedBackward = false
    /// Whether `ValueLabels` holds a label for this node. Labels live outside the node because every byte
    /// counts: these fields make 71 bytes, an 80-byte heap block (a String here would make it 96) — and the
    /// graph walks, allocation and freeing are all bound by memory traffic.
    @usableFromInline var hasLabel = false

    /// A leaf: an input or a trainable parameter, differentiated with respect to.
    public init(_ data: Double, label: String = "") {
        self.data = data
        self.operation = .leaf
        self.local0 = 0
        self.local1 = 0
        if !label.isEmpty { self.label = label }
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
    /// overflow the stack. A parent that this release would free is queued and torn down by this same loop;
    /// parents still used elsewhere are merely released. The queue is a list threaded through the dying nodes'
    /// `grad` fields (dead by then: only this loop can still reach them), so freeing allocates nothing.
    deinit {
        if hasLabel { ValueLabels.remove(self) }
        guard parent0 != nil else { return }
        var pending: Unmanaged<Value>?
        Value.detachParents(of: self, queueingOn: &pending)
        while let owned = pending {
            let node = owned.takeRetainedValue()
            pending = node.takeLink()
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
            strong.storeLink(pending)
            // Consumed, so the reference we hold moves into the list without a retain/release pair.
            pending = .passRetained(consume strong)
        }
    }

    /// Stores the teardown list's next entry in `grad`, which is dead once the node is being freed.
    private func storeLink(_ next: Unmanaged<Value>?) {
        let bits = next.map { UInt64(UInt(bitPattern: $0.toOpaque())) } ?? 0
        grad = Double(bitPattern: bits)
    }

    /// The entry `storeLink` stored.
    private func takeLink() -> Unmanaged<Value>? {
        let bits = grad.bitPattern
        guard bits != 0, let pointer = UnsafeRawPointer(bitPattern: UInt(bits)) else { return nil }
        return Unmanaged.fromOpaque(pointer)
    }

    /// A human name (`"w1"`); leaves made from an expression carry the variable name. Empty if unnamed.
    public var label: String {
        get { hasLabel ? ValueLabels.label(of: self) : "" }
        set {
            hasLabel = !newValue.isEmpty
            ValueLabels.set(newValue, for: self)
        }
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

/// Labels of the few nodes that have one (leaves, mostly), keyed by node identity; a node removes its own
/// entry when freed. Kept out of `Value` to keep every node in an 80-byte heap block.
enum ValueLabels {
    nonisolated(unsafe) private static var labels: [ObjectIdentifier: String] = [:]
    private static let lock = NSLock()

    static func label(of node: Value) -> String {
        lock.lock()
        defer { lock.unlock() }
        return labels[ObjectIdentifier(node)] ?? ""
    }

    static func set(_ label: String, for node: Value) {
        lock.lock()
        defer { lock.unlock() }
        labels[ObjectIdentifier(node)] = label.isEmpty ? nil : label
    }

    static func remove(_ node: Value) {
        lock.lock()
        defer { lock.unlock() }
        labels[ObjectIdentifier(node)] = nil
    }
}
