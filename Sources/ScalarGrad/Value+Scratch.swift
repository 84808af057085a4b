import Foundation

// MARK: - Reused traversal buffers, one set per thread

/// The stack and order arrays a graph walk needs, kept per thread and reused: a fresh 65 000-entry array per
/// backward is a large allocation, and each one makes glibc consolidate its free lists — a whole extra pass
/// over the freed nodes of the previous graph.
@usableFromInline
final class TraversalScratch {
    /// Buffers larger than this many entries are not kept after use.
    static let keptCapacity = 1 << 20
    private static let key = "dlexplain.ScalarGrad.TraversalScratch"

    var stack = ContiguousArray<Unmanaged<Value>>()
    var order = ContiguousArray<Unmanaged<Value>>()
    var busy = false

    /// Runs `body` with this thread's buffers moved into its arguments (empty, with their old capacity), and
    /// takes them back afterwards. A nested call gets fresh buffers.
    static func with<R>(_ body: (inout ContiguousArray<Unmanaged<Value>>,
                                 inout ContiguousArray<Unmanaged<Value>>) -> R) -> R {
        let scratch = current
        guard !scratch.busy else {
            var stack = ContiguousArray<Unmanaged<Value>>(), order = ContiguousArray<Unmanaged<Value>>()
            return body(&stack, &order)
        }
        scratch.busy = true
        var stack = ContiguousArray<Unmanaged<Value>>(), order = ContiguousArray<Unmanaged<Value>>()
        swap(&stack, &scratch.stack)
        swap(&order, &scratch.order)
        defer {
            stack.removeAll(keepingCapacity: stack.capacity <= keptCapacity)
            order.removeAll(keepingCapacity: order.capacity <= keptCapacity)
            swap(&stack, &scratch.stack)
            swap(&order, &scratch.order)
            scratch.busy = false
        }
        return body(&stack, &order)
    }

    private static var current: TraversalScratch {
        let dictionary = Thread.current.threadDictionary
        if let scratch = dictionary[key] as? TraversalScratch { return scratch }
        let scratch = TraversalScratch()
        dictionary[key] = scratch
        return scratch
    }
}
