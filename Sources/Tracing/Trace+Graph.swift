// MARK: - Navigating a trace

extension Trace {
    /// The node with this id.
    public func node(_ id: Int) -> TraceNode { nodes[id] }

    /// Edges into `id` (its inputs), in argument order.
    public func incoming(_ id: Int) -> [TraceEdge] {
        edges.filter { $0.child == id }.sorted { $0.argument < $1.argument }
    }

    /// Edges out of `id` (the nodes that used it).
    public func outgoing(_ id: Int) -> [TraceEdge] {
        edges.filter { $0.parent == id }
    }

    /// Leaves (named inputs and parameters), in forward order.
    public var leaves: [TraceNode] {
        forwardOrder.map { nodes[$0] }.filter { $0.kind == .leaf }
    }

    /// Every path from `source` to `target`, each as its list of edges (source first). Exponential in the
    /// worst case; meant for the small expressions `--why` explains.
    public func paths(from source: Int, to target: Int, limit: Int = 10_000) -> [[TraceEdge]] {
        var outgoingByNode: [Int: [TraceEdge]] = [:]
        for edge in edges { outgoingByNode[edge.parent, default: []].append(edge) }
        var result: [[TraceEdge]] = []
        // Iterative depth-first search: each stack entry is a partial path ending at a node.
        var stack: [(node: Int, path: [TraceEdge])] = [(source, [])]
        while let (node, path) = stack.popLast(), result.count < limit {
            if node == target {
                result.append(path)
                continue
            }
            for edge in (outgoingByNode[node] ?? []).reversed() {
                stack.append((edge.child, path + [edge]))
            }
        }
        return result
    }
}
