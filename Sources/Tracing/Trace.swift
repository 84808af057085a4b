/// An engine-neutral record of one computation: what was computed, from what, with which local
/// derivatives, and (after a backward pass) which gradients arrived where.
///
/// Engines (ScalarGrad, TensorGrad) *emit* traces; Render, the narration and JSON export *consume* them.
/// Nothing here depends on an engine, so a diagram can be drawn from a saved `trace.json` alone.
/// The JSON schema is documented in the README ("Trace JSON").
public struct Trace: Codable, Equatable, Sendable {
    /// The schema version this build writes; readers refuse newer ones.
    public static let currentVersion = 1

    /// Schema version of this trace (`"traceVersion"` in JSON).
    public var traceVersion: Int
    /// What was computed, for titles: an expression (`tanh(w1*x1 + b)`) or a model name.
    public var title: String
    /// The engine that emitted it: `"scalar"` or `"tensor"`.
    public var engine: String
    /// How much was recorded.
    public var level: TraceLevel
    /// Every node, indexed by `id` (node `i` has `id == i`).
    public var nodes: [TraceNode]
    /// Every parent → child edge.
    public var edges: [TraceEdge]
    /// Node ids in the order the forward pass computed them (parents before children).
    public var forwardOrder: [Int]
    /// Node ids in the order the backward pass visited them (output first); empty before backward.
    public var backwardOrder: [Int]
    /// The node backward started from (the loss or the expression's result), if any.
    public var output: Int?

    /// Makes a trace; `forwardOrder` defaults to node order.
    public init(title: String, engine: String, level: TraceLevel = .full, nodes: [TraceNode] = [],
                edges: [TraceEdge] = [], forwardOrder: [Int]? = nil, backwardOrder: [Int] = [],
                output: Int? = nil) {
        self.traceVersion = Trace.currentVersion
        self.title = title
        self.engine = engine
        self.level = level
        self.nodes = nodes
        self.edges = edges
        self.forwardOrder = forwardOrder ?? nodes.map(\.id)
        self.backwardOrder = backwardOrder
        self.output = output
    }
}

/// How much a traced computation records (docs/ARCHITECTURE.md §3).
public enum TraceLevel: String, Codable, Sendable, CaseIterable {
    /// Nothing: no trace is built (training speed).
    case off
    /// Op names and shapes only: cheap enough for one training forward pass.
    case shapes
    /// Values, local derivatives and gradients: what lessons show.
    case full
}

/// What kind of node this is; diagrams draw each differently.
public enum NodeKind: String, Codable, Sendable {
    /// A named input the user set (`x1`), or a trainable parameter (`w1`).
    case leaf
    /// A literal number in the expression (`2`), never differentiated with respect to.
    case constant
    /// The result of an operation.
    case op
}

/// One value in the computation.
public struct TraceNode: Codable, Equatable, Sendable, Identifiable {
    /// Index of this node in `Trace.nodes`.
    public var id: Int
    /// A human label: the variable name for leaves (`w1`), otherwise empty or a layer name.
    public var label: String
    /// Leaf, constant or op result.
    public var kind: NodeKind
    /// The op that produced it (`"mul"`, `"tanh"`, `"conv2d"`); empty for leaves and constants.
    public var op: String
    /// Extra op settings worth showing (`"^2"` for pow, `"stride 2"`), empty if none.
    public var detail: String
    /// Shape; `[]` for a scalar.
    public var shape: [Int]
    /// The forward value(s), absent at level `shapes`.
    public var value: TensorSummary?
    /// The gradient of the output with respect to this node, absent before backward or at level `shapes`.
    public var grad: TensorSummary?

    /// Makes a node.
    public init(id: Int, label: String = "", kind: NodeKind, op: String = "", detail: String = "",
                shape: [Int] = [], value: TensorSummary? = nil, grad: TensorSummary? = nil) {
        self.id = id
        self.label = label
        self.kind = kind
        self.op = op
        self.detail = detail
        self.shape = shape
        self.value = value
        self.grad = grad
    }

    /// The value as one number, when the node is a scalar with a recorded value.
    public var scalarValue: Double? { value?.scalar }
    /// The gradient as one number, when the node is a scalar with a recorded gradient.
    public var scalarGrad: Double? { grad?.scalar }
    /// Number of elements in `shape` (1 for a scalar).
    public var elementCount: Int { shape.reduce(1, *) }
}

/// A dependency: `child` was computed from `parent`. For scalars, `local` is ∂child/∂parent at the
/// forward values — the very number backward multiplies by.
public struct TraceEdge: Codable, Equatable, Sendable {
    /// The input node's id.
    public var parent: Int
    /// The output node's id.
    public var child: Int
    /// ∂child/∂parent for scalar engines; nil for tensors (a Jacobian is not one number).
    public var local: Double?
    /// Which argument of the op this is (0 for `a` in `a·b`), so `x*x` keeps two distinct edges.
    public var argument: Int

    /// Makes an edge.
    public init(parent: Int, child: Int, local: Double? = nil, argument: Int = 0) {
        self.parent = parent
        self.child = child
        self.local = local
        self.argument = argument
    }
}
