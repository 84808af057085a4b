// MARK: - Topological order and the one backward loop

extension Value {
    /// Appends every node reachable from `self` to `order`, parents before children, `self` last.
    ///
    /// Iterative depth-first search, first argument before second, so the order is deterministic and deep
    /// graphs cannot overflow the stack. A node is pushed once, when first reached (`mark` 1), and emitted when
    /// neither parent is still unreached. References are unretained: `self` keeps the graph alive.
    /// Every reached node's `mark` is left at 1; the caller resets it.
    @usableFromInline
    func collectTopological(into order: inout ContiguousArray<Unmanaged<Value>>,
                            stack: inout ContiguousArray<Unmanaged<Value>>) {
        mark = 1
        stack.append(.passUnretained(self))
        while let current = stack.last {
            current._withUnsafeGuaranteedRef { node in
                if let parent = node.parent0, parent._withUnsafeGuaranteedRef({ $0.mark == 0 }) {
                    parent._withUnsafeGuaranteedRef { $0.mark = 1 }
                    stack.append(parent)
                } else if let parent = node.parent1, parent._withUnsafeGuaranteedRef({ $0.mark == 0 }) {
                    parent._withUnsafeGuaranteedRef { $0.mark = 1 }
                    stack.append(parent)
                } else {
                    // Both parents emitted (a parent still on the stack would mean a cycle).
                    stack.removeLast()
                    order.append(current)
                }
            }
        }
    }

    /// Calls `body` on every node reachable from `self`, parents before children, resetting marks.
    @usableFromInline
    func forEachTopological(_ body: (Value) -> Void) {
        TraversalScratch.with { stack, order in
            collectTopological(into: &order, stack: &stack)
            for node in order {
                node._withUnsafeGuaranteedRef {
                    $0.mark = 0
                    body($0)
                }
            }
        }
    }

    /// Every node reachable from `self` (itself included), each once, parents before children, `self` last;
    /// the first argument's subgraph before the second's.
    public func topologicalOrder() -> [Value] {
        var result: [Value] = []
        forEachTopological { result.append($0) }
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
    /// Breadth-first queues (not a depth-first stack, not a linked list) let the CPU load many nodes at once,
    /// which matters because a graph walk waits on memory, not arithmetic. Marks end at 0 again.
    @usableFromInline
    func walkBackward(propagating: Bool, _ visit: (Unmanaged<Value>) -> Void) {
        TraversalScratch.with { queue, nodes in
            // Pass 1: every reachable node once, counting the edges into it.
            nodes.append(.passUnretained(self))
            var next = 0
            while next < nodes.count {
                nodes[next]._withUnsafeGuaranteedRef { node in
                    if propagating && node.parent0 != nil { node.grad = 0 }
                    if let parent = node.parent0 {
                        parent._withUnsafeGuaranteedRef { if $0.mark == 0 { nodes.append(parent) }; $0.mark += 1 }
                        if let parent = node.parent1 {
                            parent._withUnsafeGuaranteedRef { if $0.mark == 0 { nodes.append(parent) }; $0.mark += 1 }
                        }
                    }
                }
                next += 1
            }
            // Pass 2: a node is ready once all its children have been processed.
            if propagating { grad = 1 }
            queue.append(.passUnretained(self))
            next = 0
            while next < queue.count {
                let current = queue[next]
                current._withUnsafeGuaranteedRef { node in
                    visit(current)
                    let upstream = node.grad
                    if let parent = node.parent0 {
                        parent._withUnsafeGuaranteedRef {
                            if propagating { $0.grad += node.local0 * upstream }
                            $0.mark -= 1
                            if $0.mark == 0 { queue.append(parent) }
                        }
                        if let parent = node.parent1 {
                            parent._withUnsafeGuaranteedRef {
                                if propagating { $0.grad += node.local1 * upstream }
                                $0.mark -= 1
                                if $0.mark == 0 { queue.append(parent) }
                            }
                        }
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
        walkBackward(propagating: true) { node in
            node._withUnsafeGuaranteedRef { $0.startedBackward = false }
        }
        startedBackward = true
    }

    /// The nodes in the order `backward()` visits them (`self` first, each node after all of its children).
    public func backwardOrder() -> [Value] {
        var result: [Value] = []
        walkBackward(propagating: false) { result.append($0.takeUnretainedValue()) }
        return result
    }

    /// Sets the gradient of every node in the graph that ends at `self` to 0.
    public func zeroGrad() {
        forEachTopological {
            $0.grad = 0
            $0.startedBackward = false
        }
    }

    /// Whether `backward()` was last started from this node (and not cleared by `zeroGrad()` since).
    public var hasRunBackward: Bool { startedBackward }
}
