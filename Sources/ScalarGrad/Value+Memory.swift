// MARK: - How the scalar engine keeps memory traffic down: a tape per thread
//
// A scalar graph is all small nodes: micrograd's moons demo builds ≈ 65 800 of them per step, and building,
// walking and freeing them waits on memory, not arithmetic. Until 2026-12 every node was a heap object; a
// profile of `dlexplain bench scalar` then put 29 % in the backward walk, 14 % in the walk that freed the
// graph, 13 % in malloc and free and 17 % in retain/release, and the median step ran 2.4× the fastest
// (README, speed section). Now nodes are records on a tape. Nothing below changes a number.
//
// 1. A node is a 64-byte record (Node.swift): data, grad, two local derivatives, two parent addresses, the
//    owning storage, a mark, the op and two flags. Ops and constants append their record to the current
//    thread's tape (Tape.swift): no malloc, no retain of the parents, no per-node free.
// 2. Records sit in chunks that never move (1 024 records doubling to 16 384), so a record's address is its
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
//    bounded by a few tapes, not by the number of steps.
// 6. Backward keeps its visiting order (Kahn's algorithm, breadth first from the output;
//    Value+Backward.swift), so every gradient sums the same terms in the same order as before: lessons,
//    traces and tests are the same bits.
// 7. Labels live beside the records (a tape's table for op nodes, the leaf's storage for leaves), so a
//    record stays 64 bytes.
