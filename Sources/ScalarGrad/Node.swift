import Foundation

// MARK: - A node as a record, and the storage that owns records: a tape (Tape.swift) or a leaf
//
// Value+Memory.swift says why (the measurements) and how a tape is reused; this file is the storage itself.

/// One node of a scalar graph: what `Value` used to hold as a heap object, now a plain record.
///
/// Field order is the layout: six 8-byte fields, the owner, then the small ones make 62 bytes, a 64-byte
/// stride. Chunks come from malloc (16-byte aligned), so most records straddle two cache lines; allocating them
/// 64-byte aligned was tried and was not faster (median step 0.73–0.75 ms against 0.70–0.72 ms, three
/// alternating release runs at load 8.6).
/// Value+MemoryTests checks the stride.
@usableFromInline
struct Node {
    /// The forward value.
    @usableFromInline var data: Double
    /// ∂output/∂self after backward.
    @usableFromInline var grad: Double
    /// ∂self/∂parent0.
    @usableFromInline var local0: Double
    /// ∂self/∂parent1 — or pow's constant exponent, since pow has one parent.
    @usableFromInline var local1: Double
    /// The first parent's record (on this tape or elsewhere; the owner of this record keeps it alive).
    @usableFromInline var parent0: UnsafeMutablePointer<Node>?
    /// The second parent's record.
    @usableFromInline var parent1: UnsafeMutablePointer<Node>?
    /// The storage this record lives in, unretained: a handle made from a bare record pointer (a parent, a
    /// node in a walk) retains it. Every record's owner outlives it.
    @usableFromInline var owner: Unmanaged<NodeStorage>
    /// Traversal state, always 0 between calls: 1 once a depth-first walk has reached the node; during
    /// backward, the number of the node's children in the graph not yet processed.
    @usableFromInline var mark: UInt32
    /// The op that produced the value.
    @usableFromInline var operation: Value.Operation
    /// `Node.startedBackward` and `Node.hasLabel`.
    @usableFromInline var flags: UInt8

    /// Flag: `backward()` was last started from this node.
    @usableFromInline static let startedBackward: UInt8 = 1
    /// Flag: the owner holds a label for this node.
    @usableFromInline static let hasLabel: UInt8 = 2

    @inlinable
    init(data: Double, operation: Value.Operation, _ parent0: UnsafeMutablePointer<Node>?, _ local0: Double,
         _ parent1: UnsafeMutablePointer<Node>?, _ local1: Double, owner: Unmanaged<NodeStorage>) {
        self.data = data
        self.grad = 0
        self.local0 = local0
        self.local1 = local1
        self.parent0 = parent0
        self.parent1 = parent1
        self.owner = owner
        self.mark = 0
        self.operation = operation
        self.flags = 0
    }
}

/// What a `Value` handle holds on to: a tape (op and constant nodes) or one leaf's storage. A handle keeps its
/// storage alive, and a tape keeps alive every storage its nodes' parents live in.
@usableFromInline
class NodeStorage {
    /// The tape epoch (`Tape.epochToken`) that last recorded this storage as kept alive, so a parameter used
    /// by thousands of ops of one graph is retained by that graph's tape once, not thousands of times.
    /// 0: none yet. Written only by the thread whose tape keeps the storage; two threads building on one leaf
    /// at once (which the engine does not support: backward marks nodes) could at worst keep it twice.
    final var keptBy: UInt64 = 0
    /// Creation order among tapes (`Tape.newSerial`); 0 for leaves, which are older than every tape in this
    /// sense. A tape keeps only storages of a smaller serial, so tapes never keep each other in a cycle
    /// (ThreadTape.keep).
    final let serial: UInt64

    init(serial: UInt64) { self.serial = serial }

    /// The label of `node` (a record this storage owns); empty if none.
    func label(of node: UnsafeMutablePointer<Node>) -> String { "" }

    /// Sets or (with "") removes the label of `node`, a record this storage owns.
    func setLabel(_ label: String, of node: UnsafeMutablePointer<Node>) {}

    /// Hands over the storages this one keeps alive (a tape's; a leaf keeps none), for a freeing loop.
    func takeKept() -> [NodeStorage] { [] }
}

/// A leaf's storage: its record and its label. Leaves (inputs, parameters) outlive the graphs built on them —
/// an MLP's weights are used by every step's graph — so they cannot live on a tape that a step resets.
@usableFromInline
final class LeafStorage: NodeStorage {
    /// The leaf's record; allocated here, so its address never changes while a handle holds this storage.
    @usableFromInline let node: UnsafeMutablePointer<Node>
    private var label = ""

    @usableFromInline
    init(_ data: Double) {
        node = .allocate(capacity: 1)
        super.init(serial: 0)
        node.initialize(to: Node(data: data, operation: .leaf, nil, 0, nil, 0,
                                 owner: .passUnretained(self)))
    }

    deinit { node.deallocate() }

    override func label(of node: UnsafeMutablePointer<Node>) -> String { label }

    override func setLabel(_ label: String, of node: UnsafeMutablePointer<Node>) { self.label = label }
}
