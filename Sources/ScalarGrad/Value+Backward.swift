// MARK: - Topological order and the one backward loop

extension Value {
    /// Nodes reachable from `self`, parents before children, `self` last. Iterative depth-first search (deep
    /// graphs must not overflow the stack), first argument before second, so the order is deterministic.
    /// The references are unretained: the caller keeps `self`, and so the whole graph, alive while using them.
    /// Leaves every visited `mark` at 2; the caller must reset them to 0. With `zeroingOps`, also sets every
    /// op node's gradient to 0 on the way (backward recomputes them; only leaves and constants accumulate).
    @usableFromInline
    func markedOrder(zeroingOps: Bool = false) -> ContiguousArray<Unmanaged<Value>> {
        var order = ContiguousArray<Unmanaged<Value>>()
        var stack = ContiguousArray<Unmanaged<Value>>()
        stack.append(.passUnretained(self))
        while let top = stack.last {
            top._withUnsafeGuaranteedRef { node in
                switch node.mark {
                case 0:
                    node.mark = 1
                    // Pushed second so it is expanded first: the first argument's subgraph comes first.
                    if let parent = node.parent1, parent.mark == 0 { stack.append(.passUnretained(parent)) }
                    if let parent = node.parent0, parent.mark == 0 { stack.append(.passUnretained(parent)) }
                case 1:
                    node.mark = 2
                    if zeroingOps && node.parent0 != nil { node.grad = 0 }
                    stack.removeLast()
                    order.append(top)
                default:
                    // A second copy of a node already emitted through another path.
                    stack.removeLast()
                }
            }
        }
        return order
    }

    /// Every node reachable from `self` (itself included), each once, parents before children.
    public func topologicalOrder() -> [Value] {
        let order = markedOrder()
        var result: [Value] = []
        result.reserveCapacity(order.count)
        for node in order {
            let value = node.takeUnretainedValue()
            value.mark = 0
            result.append(value)
        }
        return result
    }

    /// Number of nodes in the graph that ends at `self` (leaves and constants included).
    public var graphSize: Int {
        let order = markedOrder()
        for node in order { node._withUnsafeGuaranteedRef { $0.mark = 0 } }
        return order.count
    }

    /// Backpropagates from `self`: sets `self.grad = 1`, then visits the graph in reverse topological order and
    /// adds `local × node.grad` to each parent's gradient. Gradients accumulate over uses (`x*x` gives 2x) and,
    /// for leaves and constants, over calls — call `zeroGrad()` before a second backward over the same leaves.
    /// Op nodes' gradients are recomputed from 0 on every call (as PyTorch treats non-leaf tensors).
    public func backward() {
        let order = markedOrder(zeroingOps: true)
        grad = 1
        for index in order.indices.reversed() {
            order[index]._withUnsafeGuaranteedRef { node in
                let upstream = node.grad
                if let parent = node.parent0 { parent.grad += node.local0 * upstream }
                if let parent = node.parent1 { parent.grad += node.local1 * upstream }
                node.mark = 0
                node.startedBackward = false
            }
        }
        startedBackward = true
    }

    /// Sets the gradient of every node in the graph that ends at `self` to 0.
    public func zeroGrad() {
        let order = markedOrder()
        for node in order {
            node._withUnsafeGuaranteedRef {
                $0.grad = 0
                $0.mark = 0
                $0.startedBackward = false
            }
        }
    }

    /// Whether `backward()` was last started from this node (and not cleared by `zeroGrad()` since).
    public var hasRunBackward: Bool { startedBackward }
}
