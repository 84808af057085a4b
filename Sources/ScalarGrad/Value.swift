import Foundation

/// A scalar that remembers how it was computed — micrograd's `Value`.
///
/// ```
/// let x = Value(2, label: "x"), w = Value(-3, label: "w")
/// let y = (x * w + 6.88).tanh()   // forward: every op records a new node
/// y.backward()                    // now x.grad == ∂y/∂x and w.grad == ∂y/∂w
/// ```
///
/// A node is four things:
/// - `data`, the forward value;
/// - `grad`, ∂output/∂self, filled in by `backward()` on some output;
/// - its `parents`, each with the **local derivative** ∂self/∂parent, which the op computes at forward time
///   (Value+Ops.swift: `a * b` records ∂/∂a = b and ∂/∂b = a);
/// - the `operation` that made it, which traces and diagrams name.
///
/// `backward()` (Value+Backward.swift) is then one loop: from the output, each node after every node that uses
/// it, `parent.grad += local × node.grad` — the chain rule. Where micrograd stores a `_backward` closure per
/// node, the local derivatives here are plain numbers: the chain rule becomes data, a trace can
/// print every factor, and no closure is allocated per node.
///
/// A `Value` is a handle: the node itself is a 64-byte record on the current thread's tape (ops and constants)
/// or in storage of its own (leaves, which outlive the graphs built on them). Copies of a handle name the same
/// node, so setting `data`, `grad` or `label` through one is seen through every other; a handle keeps its node
/// valid. Value+Memory.swift tells how tapes are reused and why; none of it changes a number.
///
/// A graph is not safe to use from two threads at once, nor are two graphs that share nodes (backward marks
/// the nodes it visits). Graphs built on different threads never share a tape.
public struct Value {
    /// The storage the node lives in, held so the node stays valid.
    @usableFromInline let owner: NodeStorage
    /// The node's record.
    @usableFromInline let node: UnsafeMutablePointer<Node>

    @inlinable
    init(owner: NodeStorage, node: UnsafeMutablePointer<Node>) {
        self.owner = owner
        self.node = node
    }

    /// A handle to the record `node` (a parent, a node a walk reached): holds the record's owner.
    @inlinable
    init(node: UnsafeMutablePointer<Node>) {
        self.init(owner: node.pointee.owner.takeUnretainedValue(), node: node)
    }

    /// A leaf: an input or a trainable parameter, differentiated with respect to.
    public init(_ data: Double, label: String = "") {
        let storage = LeafStorage(data)
        self.init(owner: storage, node: storage.node)
        if !label.isEmpty { self.label = label }
    }

    /// A literal number: part of the graph (so diagrams show it) but never a variable of interest.
    public static func constant(_ data: Double) -> Value { ThreadTape.recordConstant(data) }

    /// The node an op of two parents makes: its value and each parent with ∂self/∂parent at the forward values.
    @inlinable
    init(data: Double, operation: Operation, _ parent0: Value, _ local0: Double, _ parent1: Value,
         _ local1: Double) {
        self = ThreadTape.record(data: data, operation: operation, parent0, local0, parent1, local1)
    }

    /// The node an op of one parent makes, with ∂self/∂parent and the op's setting (pow's exponent, else 0).
    @inlinable
    init(data: Double, operation: Operation, _ parent: Value, _ local: Double, setting: Double = 0) {
        self = ThreadTape.record(data: data, operation: operation, parent, local, setting: setting)
    }

    /// The forward value.
    @inlinable
    public var data: Double {
        get { node.pointee.data }
        nonmutating set { node.pointee.data = newValue }
    }

    /// ∂output/∂self after `backward()` on some output; accumulates across uses and calls until `zeroGrad()`.
    @inlinable
    public var grad: Double {
        get { node.pointee.grad }
        nonmutating set { node.pointee.grad = newValue }
    }

    /// The op that produced this value (`.leaf` for inputs and parameters, `.constant` for literals).
    @inlinable
    public var operation: Operation { node.pointee.operation }

    /// The inputs of the op with ∂self/∂input for each, in argument order (`x*x` lists `x` twice).
    public var parents: [(value: Value, local: Double)] {
        var result: [(value: Value, local: Double)] = []
        if let parent0 = node.pointee.parent0 { result.append((Value(node: parent0), node.pointee.local0)) }
        if let parent1 = node.pointee.parent1 { result.append((Value(node: parent1), node.pointee.local1)) }
        return result
    }

    /// A human name (`"w1"`); leaves made from an expression carry the variable name. Empty if unnamed.
    public var label: String {
        get { hasLabel ? owner.label(of: node) : "" }
        nonmutating set {
            if newValue.isEmpty { node.pointee.flags &= ~Node.hasLabel } else { node.pointee.flags |= Node.hasLabel }
            owner.setLabel(newValue, of: node)
        }
    }

    /// Whether the owner holds a label for this node.
    var hasLabel: Bool { node.pointee.flags & Node.hasLabel != 0 }
    /// The node's traversal state (0 between walks).
    var mark: UInt32 { node.pointee.mark }

    /// Whether this is a leaf (an input or parameter).
    public var isLeaf: Bool { operation == .leaf }
    /// Whether this is a literal constant.
    public var isConstant: Bool { operation == .constant }
    /// pow's constant exponent, `nil` for every other op.
    public var powerExponent: Double? { operation == .pow ? node.pointee.local1 : nil }
}

// MARK: - Identity: a handle names a node

extension Value: Identifiable {
    /// Which node a handle names: equal for copies of one handle and for a parent reached from its child,
    /// different for two nodes with the same data. Unique among nodes some handle still holds.
    public struct ID: Hashable, Sendable {
        let address: UInt
    }

    /// The node's identity (what `ObjectIdentifier` was when nodes were objects).
    public var id: ID { ID(address: UInt(bitPattern: node)) }
}

/// Whether two handles name the same node (or are both nil), as `===` does for objects.
public func === (lhs: Value?, rhs: Value?) -> Bool { lhs?.node == rhs?.node }

/// Whether two handles name different nodes.
public func !== (lhs: Value?, rhs: Value?) -> Bool { !(lhs === rhs) }

extension Value: CustomStringConvertible {
    /// `Value(data: 0.7071, grad: 1.0)`, like micrograd's repr.
    public var description: String { "Value(data: \(data), grad: \(grad))" }
}
