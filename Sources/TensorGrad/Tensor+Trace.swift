import Tracing

extension Tensor {
    /// A `Trace` of the graph reaching this tensor: one node per tensor (leaves, constants, op results)
    /// in forward order, edges from each input to its result (`local` is nil: a Jacobian is not one
    /// number), the backward order when gradients are present. Level `.shapes` keeps op names and shapes
    /// only; `.full` adds value and gradient summaries. Op settings (`detail`) appear for graphs built
    /// inside `withTracing(_:_:)`.
    public func trace(title: String, level: TraceLevel = .full) -> Trace {
        let order = level == .off ? [self] : topologicalOrder()
        var ids: [ObjectIdentifier: Int] = [:]
        var nodes: [TraceNode] = []
        var edges: [TraceEdge] = []
        for (id, tensor) in order.enumerated() {
            ids[ObjectIdentifier(tensor)] = id
            let kind: NodeKind = tensor.op != nil ? .op : (tensor.isConstant ? .constant : .leaf)
            var node = TraceNode(id: id, label: tensor.label, kind: kind, op: tensor.op?.rawValue ?? "",
                                 detail: tensor.detail, shape: tensor.shape.dims)
            if level == .full {
                node.value = tensor.summary()
                node.grad = tensor.grad?.summary()
            }
            nodes.append(node)
            for (argument, input) in tensor.inputs.enumerated() {
                if let parent = ids[ObjectIdentifier(input)] {
                    edges.append(TraceEdge(parent: parent, child: id, local: nil, argument: argument))
                }
            }
        }
        let backward = grad == nil ? [] : order.indices.reversed().filter { order[$0].grad != nil }
        return Trace(title: title, engine: "tensor", level: level, nodes: nodes, edges: edges,
                     backwardOrder: backward, output: nodes.count - 1)
    }

    /// The values summarised for a trace (all of them up to `TensorSummary.fullLimit`).
    public func summary() -> TensorSummary {
        TensorSummary(UnsafeBufferPointer(storage.buffer).lazy.map { Double($0) })
    }
}
