import Tracing

// MARK: - Trace emission: the graph that ends at a value, as an engine-neutral record

extension Value {
    /// Records the graph that ends at `self` as a `Trace` (engine `"scalar"`).
    ///
    /// Node ids follow the topological order from `self` (parents before children, first argument first), so
    /// the same expression always gives the same ids; `forwardOrder` is `0..<n` and `output` is the last id.
    /// Every parent → child edge carries the local derivative backward multiplied by and the argument index
    /// (`x*x` has two edges). `backwardOrder` is the order `backward()` visited the nodes (output first, each
    /// node after all the nodes that use it) when it was last started from `self`, and empty otherwise;
    /// gradients are recorded only then.
    /// Level `.shapes` keeps ops and structure without numbers; level `.off` records no nodes at all.
    public func trace(title: String, level: TraceLevel = .full) -> Trace {
        guard level != .off else { return Trace(title: title, engine: "scalar", level: .off) }
        let order = topologicalOrder()
        var ids: [Value.ID: Int] = [:]
        ids.reserveCapacity(order.count)
        for (id, node) in order.enumerated() { ids[node.id] = id }

        let numbers = level == .full
        let withGrads = numbers && hasRunBackward
        var nodes: [TraceNode] = []
        var edges: [TraceEdge] = []
        nodes.reserveCapacity(order.count)
        for (id, node) in order.enumerated() {
            nodes.append(TraceNode(
                id: id, label: node.label, kind: node.nodeKind, op: node.operation.name, detail: node.detail,
                value: numbers ? TensorSummary(scalar: node.data) : nil,
                grad: withGrads ? TensorSummary(scalar: node.grad) : nil))
            for (argument, parent) in node.parents.enumerated() {
                edges.append(TraceEdge(parent: ids[parent.value.id]!, child: id,
                                       local: numbers ? parent.local : nil, argument: argument))
            }
        }
        let backward = hasRunBackward ? backwardOrder().map { ids[$0.id]! } : []
        return Trace(title: title, engine: "scalar", level: level, nodes: nodes, edges: edges,
                     forwardOrder: Array(0..<order.count), backwardOrder: backward, output: order.count - 1)
    }

    /// Leaf, constant or op, as traces classify nodes.
    public var nodeKind: NodeKind {
        switch operation {
        case .leaf: return .leaf
        case .constant: return .constant
        default: return .op
        }
    }

    /// Op settings worth showing: `"^2"` for `pow(2)`, empty otherwise.
    public var detail: String {
        guard operation == .pow else { return "" }
        return "^" + Value.format(node.pointee.local1)
    }

    /// A number as a person writes it: `2` for 2.0, `0.5`, `1e-05`.
    static func format(_ x: Double) -> String {
        if x.isFinite && x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }
}
