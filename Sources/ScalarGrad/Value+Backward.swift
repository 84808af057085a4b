// MARK: - Topological order and the one backward loop

extension Value {
    /// Appends every node reachable from `self` to `order`, parents before children, `self` last.
    ///
    /// Iterative depth-first search, first argument before second, so the order is deterministic and deep
    /// graphs cannot overflow the stack. A node is pushed once, when first reached (`mark` 1), and emitted when
    /// neither parent is still unreached. References are unretained: `self` keeps the graph alive.
    /// Every reached node's `mark` is left at 1; the caller resets it. With `zeroingOps`, op nodes' gradients
    /// are set to 0 on the way (backward recomputes them).
    @usableFromInline
    func collectTopological(into order: inout ContiguousArray<Unmanaged<Value>>,
                            stack: inout ContiguousArray<Unmanaged<Value>>, zeroingOps: Bool = false) {
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
                    if zeroingOps && node.parent0 != nil { node.grad = 0 }
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

    /// Backpropagates from `self`: sets `self.grad = 1`, then visits the graph in reverse topological order and
    /// adds `local × node.grad` to each parent's gradient. Gradients accumulate over uses (`x*x` gives 2x) and,
    /// for leaves and constants, over calls — call `zeroGrad()` before a second backward over the same leaves.
    /// Op nodes' gradients are recomputed from 0 on every call (as PyTorch treats non-leaf tensors).
    public func backward() {
        TraversalScratch.with { stack, order in
            collectTopological(into: &order, stack: &stack, zeroingOps: true)
            grad = 1
            // Walking an array (not a linked list) lets the CPU fetch many nodes at once.
            for index in order.indices.reversed() {
                order[index]._withUnsafeGuaranteedRef { node in
                    node.mark = 0
                    node.startedBackward = false
                    let upstream = node.grad
                    if let parent = node.parent0 {
                        parent._withUnsafeGuaranteedRef { $0.grad += node.local0 * upstream }
                        if let parent = node.parent1 {
                            parent._withUnsafeGuaranteedRef { $0.grad += node.local1 * upstream }
                        }
                    }
                }
            }
        }
        startedBackward = true
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
