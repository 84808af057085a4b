import Foundation

/// A scalar that remembers how it was computed — micrograd's `Value`.
///
/// ```
/// let x = Value(2, label: "x"), w = Value(-3, label: "w")
/// let y = (x * w + 6.88).tanh()   // forward: every op makes a new node
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
/// How a node fits in an 80-byte heap block and how large graphs are walked and freed without recursion or
/// allocation is in Value+Memory.swift; none of it changes a number.
///
/// A graph is not safe to use from two threads at once, nor are two graphs that share nodes (backward marks
/// the nodes it visits).
public final class Value {
    /// The forward value.
    public var data: Double
    /// ∂output/∂self after `backward()` on some output; accumulates across uses and calls until `zeroGrad()`.
    public var grad: Double = 0
    // The parents and their local derivatives: at most two, inline, read as `parents`. The parents are owned
    // but held `Unmanaged` (Value+Memory.swift). Field order is the memory layout: keep it.
    @usableFromInline var parent0: Unmanaged<Value>?
    @usableFromInline var parent1: Unmanaged<Value>?
    /// ∂self/∂parent0.
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
    /// Whether `ValueLabels` holds a label for this node (labels live outside the node: Value+Memory.swift).
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

    /// Drops the label and the parents; parents this frees are freed by a loop, not by recursion
    /// (Value+Memory.swift), so a chain of 100 000 nodes does not overflow the stack.
    deinit {
        if hasLabel { ValueLabels.remove(self) }
        if parent0 != nil { Value.releaseParents(of: self) }
    }

    /// The inputs of the op with ∂self/∂input for each, in argument order (`x*x` lists `x` twice).
    public var parents: [(value: Value, local: Double)] {
        var result: [(value: Value, local: Double)] = []
        if let parent0 { result.append((parent0.takeUnretainedValue(), local0)) }
        if let parent1 { result.append((parent1.takeUnretainedValue(), local1)) }
        return result
    }

    /// A human name (`"w1"`); leaves made from an expression carry the variable name. Empty if unnamed.
    public var label: String {
        get { hasLabel ? ValueLabels.label(of: self) : "" }
        set {
            hasLabel = !newValue.isEmpty
            ValueLabels.set(newValue, for: self)
        }
    }

    /// Whether this is a leaf (an input or parameter).
    public var isLeaf: Bool { operation == .leaf }
    /// Whether this is a literal constant.
    public var isConstant: Bool { operation == .constant }
    /// pow's constant exponent, `nil` for every other op.
    public var powerExponent: Double? { operation == .pow ? local1 : nil }
}

extension Value: CustomStringConvertible {
    /// `Value(data: 0.7071, grad: 1.0)`, like micrograd's repr.
    public var description: String { "Value(data: \(data), grad: \(grad))" }
}
