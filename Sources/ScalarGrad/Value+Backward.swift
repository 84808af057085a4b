// MARK: - Topological order and the one backward loop

extension Value {
    /// Appends every node reachable from `self` to `order`, parents before children, `self` last.
    ///
    /// Iterative depth-first search, first argument before second, so the order is deterministic and deep
    /// graphs cannot overflow the stack. A node is pushed once, when first reached (`mark` 1), and emitted when
    /// neither parent is still unreached. Records are reached by address: `self` keeps the graph alive.
    /// Every reached node's `mark` is left at 1; the caller resets it.
    @usableFromInline
    func collectTopological(into order: inout ContiguousArray<UnsafeMutablePointer<Node>>,
                            stack: inout ContiguousArray<UnsafeMutablePointer<Node>>) {
        node.pointee.mark = 1
        stack.append(node)
        while let current = stack.last {
            if let parent = current.pointee.parent0, parent.pointee.mark == 0 {
                parent.pointee.mark = 1
                stack.append(parent)
            } else if let parent = current.pointee.parent1, parent.pointee.mark == 0 {
                parent.pointee.mark = 1
                stack.append(parent)
            } else {
                // Both parents emitted (a parent still on the stack would mean a cycle).
                stack.removeLast()
                order.append(current)
            }
        }
    }

    /// Calls `body` on every node reachable from `self`, parents before children, resetting marks.
    @usableFromInline
    func forEachTopological(_ body: (UnsafeMutablePointer<Node>) -> Void) {
        ThreadTape.withBuffers { stack, order in
            collectTopological(into: &order, stack: &stack)
            for node in order {
                node.pointee.mark = 0
                body(node)
            }
        }
    }

    /// Every node reachable from `self` (itself included), each once, parents before children, `self` last;
    /// the first argument's subgraph before the second's.
    public func topologicalOrder() -> [Value] {
        var result: [Value] = []
        forEachTopological { result.append(Value(node: $0)) }
        return result
    }

    /// Number of nodes in the graph that ends at `self` (leaves and constants included).
    public var graphSize: Int {
        var count = 0
        forEachTopological { _ in count += 1 }
        return count
    }

    /// Visits the graph that ends at `self` in the order backward uses — each node after all of its children,
    /// `self` first — calling `visit` on each (after its children have added into its `grad` when
    /// `propagating`). Kahn's algorithm in two breadth-first passes over reused arrays:
    ///
    /// 1. count each node's children within the graph into `mark` (and, when propagating, zero op gradients);
    /// 2. from `self`, propagate `parent.grad += local × node.grad` and release a parent to the queue when its
    ///    last child is done.
    ///
    /// The order depends on the graph alone, not on where its records sit, so a node's gradient adds its
    /// children's terms in the same order — the same bits — as when nodes were heap objects. (A reverse pass
    /// over the tape would add them in creation order instead: a parameter used by 100 points would sum its
    /// 100 terms in another order and change in the last bits.) Breadth-first queues let the CPU load many
    /// records at once, which matters because a graph walk waits on memory, not arithmetic. Marks end at 0.
    /// (Loading the parents of the node 12 places ahead in each queue, as a software prefetch, was tried on
    /// the tape and was slower: median moons step 0.82–0.86 ms against 0.77–0.85 ms, alternating runs.)
    @usableFromInline
    func walkBackward(propagating: Bool, _ visit: (UnsafeMutablePointer<Node>) -> Void) {
        ThreadTape.withBuffers { queue, nodes in
            // Pass 1: every reachable node once, counting the edges into it.
            nodes.append(node)
            var next = 0
            while next < nodes.count {
                let current = nodes[next]
                if let parent = current.pointee.parent0 {
                    if propagating { current.pointee.grad = 0 }
                    if parent.pointee.mark == 0 { nodes.append(parent) }
                    parent.pointee.mark += 1
                    if let parent = current.pointee.parent1 {
                        if parent.pointee.mark == 0 { nodes.append(parent) }
                        parent.pointee.mark += 1
                    }
                }
                next += 1
            }
            // Pass 2: a node is ready once all its children have been processed.
            if propagating { node.pointee.grad = 1 }
            queue.append(node)
            next = 0
            while next < queue.count {
                let current = queue[next]
                visit(current)
                if let parent = current.pointee.parent0 {
                    let upstream = current.pointee.grad
                    if propagating { parent.pointee.grad += current.pointee.local0 * upstream }
                    parent.pointee.mark -= 1
                    if parent.pointee.mark == 0 { queue.append(parent) }
                    if let parent = current.pointee.parent1 {
                        if propagating { parent.pointee.grad += current.pointee.local1 * upstream }
                        parent.pointee.mark -= 1
                        if parent.pointee.mark == 0 { queue.append(parent) }
                    }
                }
                next += 1
            }
        }
    }

    /// Backpropagates from `self`: sets `self.grad = 1`, then visits each node after all of its children and
    /// adds `local × node.grad` to each parent's gradient. Gradients accumulate over uses (`x*x` gives 2x) and,
    /// for leaves and constants, over calls — call `zeroGrad()` before a second backward over the same leaves.
    /// Op nodes' gradients are recomputed from 0 on every call (as PyTorch treats non-leaf tensors).
    public func backward() {
        walkBackward(propagating: true) { $0.pointee.flags &= ~Node.startedBackward }
        node.pointee.flags |= Node.startedBackward
    }

    /// The nodes in the order `backward()` visits them (`self` first, each node after all of its children).
    public func backwardOrder() -> [Value] {
        var result: [Value] = []
        walkBackward(propagating: false) { result.append(Value(node: $0)) }
        return result
    }

    /// Sets the gradient of every node in the graph that ends at `self` to 0.
    public func zeroGrad() {
        forEachTopological {
            $0.pointee.grad = 0
            $0.pointee.flags &= ~Node.startedBackward
        }
    }

    /// Whether `backward()` was last started from this node (and not cleared by `zeroGrad()` since).
    public var hasRunBackward: Bool { node.pointee.flags & Node.startedBackward != 0 }
}
