import Foundation

// MARK: - The tape: op and constant nodes in chunks that never move, reset by setting a count to 0

/// The op and constant nodes one thread records, in order of creation (Value+Memory.swift tells the story).
///
/// Records sit in chunks that are never moved or resized while the tape lives, so a record's address — what a
/// `Value` and a child's parent field hold — stays valid for as long as a handle holds the tape, even while the
/// owning thread appends more. Only the owning thread appends (ThreadTape.swift); any thread may read a record
/// it holds a handle to. A reset (when no handle into the tape is left) sets the count back to 0 and keeps the
/// chunks for the next graph.
@usableFromInline
final class Tape: NodeStorage {
    /// Chunk sizes in records: the first is small (4 KB: many threads, and tapes made by ThreadTape.keep, record
    /// a handful of nodes), later ones double up to the largest (1 MB of records), so a tape never asks malloc
    /// for one huge block.
    static let firstChunk = 1 << 6, largestChunk = 1 << 14
    /// A reset keeps chunks for this many records and frees the rest: 16 MB, four moons steps.
    static let keptRecords = 1 << 18

    private var chunks: [(start: UnsafeMutablePointer<Node>, capacity: Int)] = []
    /// The chunk being filled; -1 before the first record.
    private var chunkIndex = -1
    /// Records in the chunks before `chunkIndex`.
    private var recordsBefore = 0
    /// The next free record and the end of the current chunk (both nil before the first record).
    private var next: UnsafeMutablePointer<Node>?
    private var end: UnsafeMutablePointer<Node>?
    /// Storages (leaves, other tapes) that parents of this tape's records live in, each once per epoch.
    private var externals: [NodeStorage] = []
    /// Labels of the few op and constant nodes that have one; leaves keep their own (LeafStorage).
    private var labels: [UnsafeMutablePointer<Node>: String] = [:]
    private let labelLock = NSLock()
    /// Unique across every tape and reset of the process: `(serial << 32) | epoch` (a fresh serial after 2³²
    /// resets).
    private(set) var epochToken: UInt64

    init() {
        let serial = Tape.newSerial()
        epochToken = serial << 32
        super.init(serial: serial)
    }

    /// Frees the chunks and releases the kept storages. A kept tape that this release would free is taken
    /// apart by this same loop, not by a nested deinit: a graph handed between threads op by op is a chain
    /// of as many tapes, and freeing it by recursion could overflow the stack.
    deinit {
        for chunk in chunks { chunk.start.deallocate() }
        var pending = externals
        externals = []
        while var storage = pending.popLast() {
            if isKnownUniquelyReferenced(&storage) { pending.append(contentsOf: storage.takeKept()) }
            // `storage` is released here with nothing kept: its deinit returns at once.
        }
    }

    override func takeKept() -> [NodeStorage] {
        defer { externals = [] }
        return externals
    }

    /// Records on the tape since the last reset.
    var count: Int {
        guard chunkIndex >= 0, let next else { return 0 }
        return recordsBefore + (next - chunks[chunkIndex].start)
    }

    /// Records the chunks can hold before the tape must allocate (tests check that resets reuse them).
    var reservedRecords: Int { chunks.reduce(0) { $0 + $1.capacity } }

    /// Appends a record and returns its (stable) address.
    @inline(__always)
    func append(data: Double, operation: Value.Operation, _ parent0: UnsafeMutablePointer<Node>?,
                _ local0: Double, _ parent1: UnsafeMutablePointer<Node>?, _ local1: Double)
        -> UnsafeMutablePointer<Node> {
        if next == end { advanceChunk() }
        let node = next.unsafelyUnwrapped
        next = node + 1
        node.initialize(to: Node(data: data, operation: operation, parent0, local0, parent1, local1,
                                 owner: .passUnretained(self)))
        return node
    }

    /// Moves to the next chunk, reusing one kept by an earlier reset or allocating one.
    private func advanceChunk() {
        if chunkIndex >= 0 { recordsBefore += chunks[chunkIndex].capacity }
        chunkIndex += 1
        if chunkIndex == chunks.count {
            let capacity = chunks.last.map { min($0.capacity * 2, Tape.largestChunk) } ?? Tape.firstChunk
            chunks.append((.allocate(capacity: capacity), capacity))
        }
        next = chunks[chunkIndex].start
        end = chunks[chunkIndex].start + chunks[chunkIndex].capacity
    }

    /// Keeps `storage` (where a parent of a record about to be appended lives) alive as long as this tape's
    /// current epoch: once per storage and epoch. Only for storages older than this tape (ThreadTape.keep).
    @inline(__always)
    func keep(_ storage: NodeStorage) {
        if storage.keptBy != epochToken {
            precondition(storage.serial < serial, "a tape may keep only older storages (a cycle would leak)")
            storage.keptBy = epochToken
            externals.append(storage)
        }
    }

    /// Forgets every record: the count goes to 0, kept storages are released, chunks beyond `keptRecords`
    /// are freed and the rest reused. Only when no handle into the tape is left (ThreadTape checks).
    func reset() {
        externals.removeAll(keepingCapacity: externals.capacity <= Tape.keptRecords)
        if !labels.isEmpty { labels.removeAll() }
        var kept = 0, keptChunks = 0
        while keptChunks < chunks.count && kept < Tape.keptRecords {
            kept += chunks[keptChunks].capacity
            keptChunks += 1
        }
        for chunk in chunks[keptChunks...] { chunk.start.deallocate() }
        chunks.removeSubrange(keptChunks...)
        chunkIndex = -1
        recordsBefore = 0
        next = nil
        end = nil
        epochToken = epochToken & 0xFFFF_FFFF == 0xFFFF_FFFF ? Tape.newSerial() << 32 : epochToken + 1
    }

    // MARK: Labels

    override func label(of node: UnsafeMutablePointer<Node>) -> String {
        labelLock.lock()
        defer { labelLock.unlock() }
        return labels[node] ?? ""
    }

    override func setLabel(_ label: String, of node: UnsafeMutablePointer<Node>) {
        labelLock.lock()
        defer { labelLock.unlock() }
        labels[node] = label.isEmpty ? nil : label
    }

    // MARK: Serial numbers

    nonisolated(unsafe) private static var lastSerial: UInt64 = 0
    private static let serialLock = NSLock()

    /// A number no tape has had, never 0 (so `keptBy == 0` matches no epoch), increasing.
    static func newSerial() -> UInt64 {
        serialLock.lock()
        defer { serialLock.unlock() }
        lastSerial += 1
        return lastSerial
    }
}
