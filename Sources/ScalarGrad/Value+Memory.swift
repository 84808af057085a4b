import Foundation

// MARK: - How the scalar engine keeps memory traffic down
//
// A scalar graph is all small nodes: micrograd's moons demo builds ≈ 65 800 of them per step, and building,
// walking and freeing them waits on memory, not arithmetic. The tricks below keep the numbers of Value.swift
// unchanged and only cut that traffic. Gains are for `dlexplain bench scalar` (100 steps of the moons demo,
// release build) where they were measured; where a trick was never measured on its own, it says so.
//
// 1. Parents inline and unmanaged (Value.swift). At most two parents and two local derivatives are stored in
//    the node itself, so a node is one allocation (micrograd: a set of children plus a closure). The parents
//    are owned (+1, retained in `init`, released by the teardown below) but held as `Unmanaged`: reading one
//    is a plain pointer load, where a strong `Value?` costs a retain/release pair in every hot loop.
//    Gain: not measured on its own (it came in one commit with trick 3, whose figure is below).
// 2. An 80-byte node. The fields of Value.swift, in their declared order, make 71 bytes: one 80-byte heap
//    block. A `String` label field would make 96, so labels live in `ValueLabels`, a side table for the few
//    nodes that have one (leaves, mostly); Value+MemoryTests checks the block size. Gain: not measured on
//    its own.
// 3. Reused traversal buffers (`TraversalScratch`). The stack and order arrays of a graph walk are kept per
//    thread: a fresh 65 000-entry array per backward is a large allocation, and each one makes glibc
//    consolidate its free lists — a whole extra pass over the freed nodes of the previous graph.
//    Gain: median step 19.4 ms with reuse, 25.1 ms with fresh arrays per walk (−23 %): medians of 7
//    interleaved release runs each, measured 2026-12-02 on a 2-core machine shared with other builds, so
//    noisy (runs spread 12.5–29.0 ms and 20.1–32.7 ms; a quiet machine runs a step in 3–6 ms).
// 4. Teardown without recursion or allocation (`releaseParents`). Releasing a parent inside `deinit`
//    recurses, and a chain of 100 000 nodes would overflow the stack. Parents that a release would free are
//    queued and freed by one loop; the queue is threaded through the dying nodes' `grad` fields, dead by then,
//    so freeing allocates nothing. This one is for correctness (deep graphs), not speed.
// (Backward's breadth-first passes, which let the CPU load many nodes at once, are in Value+Backward.swift.)

// MARK: - 4. Teardown: parents released by a loop threaded through dead nodes

extension Value {
    /// Releases `node`'s parents iteratively. A parent that this release would free is queued and torn down by
    /// this same loop; parents still used elsewhere are merely released. Called from `deinit` only.
    static func releaseParents(of node: Value) {
        var pending: Unmanaged<Value>?
        detachParents(of: node, queueingOn: &pending)
        while let owned = pending {
            let dying = owned.takeRetainedValue()
            pending = dying.takeLink()
            detachParents(of: dying, queueingOn: &pending)
            // `dying` is released here with no parents left: its deinit returns at once.
        }
    }

    private static func detachParents(of node: Value, queueingOn pending: inout Unmanaged<Value>?) {
        if let parent = node.parent0 {
            node.parent0 = nil
            release(parent, queueingOn: &pending)
        }
        if let parent = node.parent1 {
            node.parent1 = nil
            release(parent, queueingOn: &pending)
        }
    }

    private static func release(_ parent: Unmanaged<Value>, queueingOn pending: inout Unmanaged<Value>?) {
        var strong = parent.takeRetainedValue()
        if strong.parent0 != nil && isKnownUniquelyReferenced(&strong) {
            strong.storeLink(pending)
            // Consumed, so the reference we hold moves into the list without a retain/release pair.
            pending = .passRetained(consume strong)
        }
    }

    /// Stores the teardown list's next entry in `grad`, which is dead once the node is being freed.
    private func storeLink(_ next: Unmanaged<Value>?) {
        let bits = next.map { UInt64(UInt(bitPattern: $0.toOpaque())) } ?? 0
        grad = Double(bitPattern: bits)
    }

    /// The entry `storeLink` stored.
    private func takeLink() -> Unmanaged<Value>? {
        let bits = grad.bitPattern
        guard bits != 0, let pointer = UnsafeRawPointer(bitPattern: UInt(bits)) else { return nil }
        return Unmanaged.fromOpaque(pointer)
    }
}

// MARK: - 2. Labels outside the node

/// Labels of the few nodes that have one (leaves, mostly), keyed by node identity; a node removes its own
/// entry when freed. Kept out of `Value` to keep every node in an 80-byte heap block.
enum ValueLabels {
    nonisolated(unsafe) private static var labels: [ObjectIdentifier: String] = [:]
    private static let lock = NSLock()

    static func label(of node: Value) -> String {
        lock.lock()
        defer { lock.unlock() }
        return labels[ObjectIdentifier(node)] ?? ""
    }

    static func set(_ label: String, for node: Value) {
        lock.lock()
        defer { lock.unlock() }
        labels[ObjectIdentifier(node)] = label.isEmpty ? nil : label
    }

    static func remove(_ node: Value) {
        lock.lock()
        defer { lock.unlock() }
        labels[ObjectIdentifier(node)] = nil
    }
}

// MARK: - 3. Reused traversal buffers, one set per thread

/// The stack and order arrays a graph walk needs, kept per thread and reused (trick 3 above).
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
