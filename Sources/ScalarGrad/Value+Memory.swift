// MARK: - How the scalar engine keeps memory traffic down: a tape per thread
//
// A scalar graph is all small nodes: micrograd's moons demo builds ≈ 65 800 of them per step, and building,
// walking and freeing them waits on memory, not arithmetic. Until 2026-12 every node was a heap object; a
// profile of `dlexplain bench scalar` then put 27 % in the backward walk, 21 % in the walk that freed the
// graph, 19 % in malloc and free and ≈ 15 % in reference counting, and the median step ran 2.4× the fastest
// (README, speed section). Now nodes are records on a tape. Nothing below changes a number.
//
// 1. A node is a 64-byte record (Node.swift): data, grad, two local derivatives, two parent addresses, the
//    owning storage, a mark, the op and two flags. Ops and constants append their record to the current
//    thread's tape (Tape.swift): no malloc, no retain of the parents, no per-node free.
// 2. Records sit in chunks that never move (64 records doubling to 16 384), so a record's address is its
//    identity and a `Value` is a handle: the record's address plus a strong reference to its storage. A
//    handle keeps the storage valid; parents are plain addresses, read without reference counting.
// 3. Leaves — inputs and parameters — get storage of their own (`LeafStorage`): an MLP's weights outlive every
//    step's graph and must not sit on a tape that a step resets. A tape records each storage its records'
//    parents live in (a leaf, another tape) once per epoch (`NodeStorage.keptBy`) and keeps it alive.
// 4. "Free" is a reset: when an op with no parent on the current tape (the likely start of a new graph) finds
//    the tape held by nothing but its thread, no handle into it is left, and its count goes back to 0
//    (ThreadTape.swift). The chunks are kept (up to 2¹⁸ records), so the next step writes into memory that
//    is already mapped and cached. Chains of 100 000 nodes need no teardown at all.
// 5. One tape per thread, found through pthread's thread-local key: graphs built on different threads never
//    append to one tape, and a thread may read another's records (by address) while it appends, because
//    chunks do not move. If handles keep a tape past 2¹⁸ records at a graph start (say `lastLoss` held across
//    steps), the thread moves to a fresh tape and the old one is freed with its last handle: memory stays
//    bounded by a few tapes, not by the number of steps. A tape keeps only storages older than itself, so a
//    graph handed back and forth between threads cannot leave two tapes keeping each other alive
//    (ThreadTape.keep moves the thread to a fresh tape instead).
// 6. Backward keeps its visiting order (Kahn's algorithm, breadth first from the output;
//    Value+Backward.swift), so every gradient sums the same terms in the same order as before: lessons,
//    traces and tests are the same bits.
// 7. Labels live beside the records (a tape's table for op nodes, the leaf's storage for leaves), so a
//    record stays 64 bytes.
// 8. What a handle still costs: it holds its storage strongly, so making one is an atomic retain and dropping
//    it a release (≈ 7 ns each on the 2-core EPYC we measure on). ThreadTape.swift says how ops avoid every
//    other count; Neuron's weighted sum makes no handle for its partial sums at all.
//
// Measured 2026-12-03, `bench scalar --steps 20` (release, load 3.9–5.3 from other builds, two sittings of three
// rounds interleaved with the heap-object engine): median step 0.69–0.80 ms against 3.7–5.1 ms, median/fastest
// step 1.01–1.07 (was up to 2.4). Backward is now about half of a step, waiting on parents' records in L3. The
// README's speed section has the interleaved table against micrograd.
