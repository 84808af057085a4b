#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - One tape per thread: where ops record, when a tape resets, and the walks' reused buffers

/// A thread's current tape and its graph walks' buffers, kept in thread-local storage.
///
/// Every op records on the tape of the thread that runs it, so two threads never append to one tape. A parent
/// that lives elsewhere (a leaf, another thread's tape, this thread's previous tape) is kept alive by the tape
/// (`Tape.keep`). When an op has no parent on the current tape it may start a new graph, and that is when the
/// tape is checked: if nothing but this object holds it, no handle into it is left and it is reset; if handles
/// remain and it has grown past `switchRecords`, recording moves to a fresh tape and the old one lives on for
/// as long as its handles do.
@usableFromInline
final class ThreadTape {
    /// A tape still in use past this many records is left to its handles at the next graph start (so one
    /// handle kept across steps cannot make a thread's tape grow without bound). 16 MB of records.
    static let switchRecords = 1 << 18
    /// Walk buffers larger than this many entries are not kept after use.
    static let keptBufferCapacity = 1 << 20

    /// The tape ops on this thread record on (held here; `currentTape` is the same tape, unretained, read on
    /// every op without reference counting).
    private(set) var tape = Tape()
    private var currentTape: Unmanaged<Tape>
    private var stack = ContiguousArray<UnsafeMutablePointer<Node>>()
    private var order = ContiguousArray<UnsafeMutablePointer<Node>>()
    private var busy = false

    private init() { currentTape = .passUnretained(tape) }

    // Reference counting is what is left to pay: each retain or release is an atomic instruction, ≈ 7 ns
    // here, about what recording a node costs. Three measures, each measured on `bench scalar` (median moons
    // step, one release run each, load 3–8, so rough):
    // - one entry point per number of parents, taking them as plain, not optional, arguments: wrapping a
    //   `Value` in an Optional copies it, a retain and a release (7.4 → 3.4 ms);
    // - `@_effects(releasenone)`: callers' optimiser may pass a parent read from an array (a weight, an
    //   activation) without a retain/release pair around the call (3.4 → 1.6 ms). It holds for everything a
    //   caller can see: the only releases in here are a reset's (the storages the old epoch kept; a caller
    //   passing a parent from one of them holds it in the array it read it from) and a switch's (the thread's
    //   own reference to a tape that handles still hold), and neither can free what a caller holds. Never
    //   `readonly`: every call records a new node, and two calls must not be merged;
    // - a neuron's weighted sum in one call (`recordWeightedSum`), its partial sums without handles
    //   (1.4 → 0.73 ms).
    // The result's retain of its tape is then the one reference count an op pays.

    /// Records an op of two parents on this thread's tape and returns its handle.
    @usableFromInline @inline(never) @_effects(releasenone)
    static func record(data: Double, operation: Value.Operation, _ parent0: Value, _ local0: Double,
                       _ parent1: Value, _ local1: Double) -> Value {
        let tape = current._withUnsafeGuaranteedRef { $0.tape(for: parent0.owner, parent1.owner) }
        let node = tape._withUnsafeGuaranteedRef {
            $0.append(data: data, operation: operation, parent0.node, local0, parent1.node, local1)
        }
        return Value(owner: tape.takeUnretainedValue(), node: node)
    }

    /// Records an op of one parent (`setting`: pow's exponent, else 0) and returns its handle.
    @usableFromInline @inline(never) @_effects(releasenone)
    static func record(data: Double, operation: Value.Operation, _ parent: Value, _ local: Double,
                       setting: Double) -> Value {
        let tape = current._withUnsafeGuaranteedRef { $0.tape(for: parent.owner, nil) }
        let node = tape._withUnsafeGuaranteedRef {
            $0.append(data: data, operation: operation, parent.node, local, nil, setting)
        }
        return Value(owner: tape.takeUnretainedValue(), node: node)
    }

    /// Records a constant and returns its handle.
    static func recordConstant(_ data: Double) -> Value {
        let tape = current._withUnsafeGuaranteedRef { $0.tape(for: nil, nil) }
        let node = tape._withUnsafeGuaranteedRef { $0.append(data: data, operation: .constant, nil, 0, nil, 0) }
        return Value(owner: tape.takeUnretainedValue(), node: node)
    }

    /// Records `bias + w₀·x₀ + w₁·x₁ + …` as mul and add nodes, in that order, and returns the last sum's
    /// handle (`Value.weightedSum`). Only the first node may start a graph: later ones have no handle yet,
    /// so the tape must not be reset under them.
    @inline(never) @_effects(releasenone)
    static func recordWeightedSum(bias: Value, _ weights: UnsafeBufferPointer<Value>,
                                  _ inputs: UnsafeBufferPointer<Value>) -> Value {
        current._withUnsafeGuaranteedRef { context in
            var tape = context.tape(for: weights[0].owner, inputs[0].owner)
            var token = tape._withUnsafeGuaranteedRef { $0.epochToken }
            // Handles are read in place (`pointee`), never copied out of the buffers: a copy is a retain.
            withUnsafePointer(to: bias) { context.keep($0, tape: &tape, token: &token) }
            var sum = bias.node
            for index in weights.indices {
                let w = weights.baseAddress.unsafelyUnwrapped + index
                let x = inputs.baseAddress.unsafelyUnwrapped + index
                context.keep(w, tape: &tape, token: &token)
                context.keep(x, tape: &tape, token: &token)
                tape._withUnsafeGuaranteedRef { tape in
                    let product = Value.mulRule(w.pointee.node.pointee.data, x.pointee.node.pointee.data)
                    let p = tape.append(data: product.data, operation: .mul, w.pointee.node, product.local0,
                                        x.pointee.node, product.local1)
                    let total = Value.addRule(sum.pointee.data, product.data)
                    sum = tape.append(data: total.data, operation: .add, sum, total.local0, p, total.local1)
                }
            }
            return Value(owner: tape.takeUnretainedValue(), node: sum)
        }
    }

    /// `keep` for the storage of the handle at `value` unless it is `tape` or already kept in epoch `token`;
    /// `tape` and `token` follow the thread to a fresh tape if `keep` moves it.
    @inline(__always)
    private func keep(_ value: UnsafePointer<Value>, tape: inout Unmanaged<Tape>, token: inout UInt64) {
        if value.pointee.owner.keptBy != token
            && Unmanaged.passUnretained(value.pointee.owner).toOpaque() != tape.toOpaque() {
            keep(value.pointee.owner)
            tape = currentTape
            token = tape._withUnsafeGuaranteedRef { $0.epochToken }
        }
    }

    /// The tape a node with parents in `storage0` and `storage1` goes on, with those storages kept alive by it.
    @inline(__always)
    private func tape(for storage0: NodeStorage?, _ storage1: NodeStorage?) -> Unmanaged<Tape> {
        let id = currentTape.toOpaque()
        let onTape0 = storage0.map { Unmanaged.passUnretained($0).toOpaque() == id } ?? false
        let onTape1 = storage1.map { Unmanaged.passUnretained($0).toOpaque() == id } ?? false
        if !onTape0 && !onTape1 { startGraph() }
        if let storage0, !onTape0 { keep(storage0) }
        if let storage1, !onTape1 { keep(storage1) }
        return currentTape
    }

    /// Keeps `storage`, where a parent of the next record lives, alive from the current tape.
    ///
    /// A tape keeps only older storages (smaller `serial`; leaves are 0), so tapes never keep each other in a
    /// cycle, which reference counting could not free: thread A extending a graph of thread B that extends
    /// one of A's would otherwise leave two tapes holding each other. A parent on a newer tape (another
    /// thread's, made after ours) moves this thread to a fresh tape first, which keeps the old one.
    @inline(never)
    private func keep(_ storage: NodeStorage) {
        if storage.serial > tape.serial {
            let old = tape
            tape = Tape()
            currentTape = .passUnretained(tape)
            tape.keep(old)
        }
        currentTape._withUnsafeGuaranteedRef { $0.keep(storage) }
    }

    /// Resets the tape if no handle into it is left, or moves to a fresh one if it is large and still held.
    private func startGraph() {
        if isKnownUniquelyReferenced(&tape) {
            if tape.count > 0 { tape.reset() }
        } else if tape.count >= ThreadTape.switchRecords {
            tape = Tape()
            currentTape = .passUnretained(tape)
        }
    }

    /// Runs `body` with this thread's walk buffers (empty, with their old capacity), and takes them back
    /// afterwards; a nested call gets fresh buffers. A fresh 65 000-entry array per backward was 23 % of a
    /// moons step in the heap-object engine (Value+Memory.swift).
    static func withBuffers<R>(_ body: (inout ContiguousArray<UnsafeMutablePointer<Node>>,
                                        inout ContiguousArray<UnsafeMutablePointer<Node>>) -> R) -> R {
        current._withUnsafeGuaranteedRef { $0.withBuffers(body) }
    }

    private func withBuffers<R>(_ body: (inout ContiguousArray<UnsafeMutablePointer<Node>>,
                                         inout ContiguousArray<UnsafeMutablePointer<Node>>) -> R) -> R {
        var stack = ContiguousArray<UnsafeMutablePointer<Node>>(), order = stack
        guard !busy else { return body(&stack, &order) }
        busy = true
        swap(&stack, &self.stack)
        swap(&order, &self.order)
        defer {
            stack.removeAll(keepingCapacity: stack.capacity <= ThreadTape.keptBufferCapacity)
            order.removeAll(keepingCapacity: order.capacity <= ThreadTape.keptBufferCapacity)
            swap(&stack, &self.stack)
            swap(&order, &self.order)
            busy = false
        }
        return body(&stack, &order)
    }

    // MARK: Thread-local storage

    /// This thread's object, made on first use and released when the thread exits (the tape lives on while
    /// handles into it do). pthread's key rather than `Thread.current.threadDictionary`: every op looks it up.
    static var current: Unmanaged<ThreadTape> {
        if let pointer = pthread_getspecific(key) { return Unmanaged.fromOpaque(pointer) }
        let made = Unmanaged.passRetained(ThreadTape())
        pthread_setspecific(key, made.toOpaque())
        return made
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        #if canImport(Glibc)
        let status = pthread_key_create(&key) { $0.map { Unmanaged<ThreadTape>.fromOpaque($0).release() } }
        #else
        let status = pthread_key_create(&key) { Unmanaged<ThreadTape>.fromOpaque($0).release() }
        #endif
        precondition(status == 0, "pthread_key_create failed (\(status)): out of thread-local keys")
        return key
    }()
}
