import Dispatch

/// Per-task compute settings: how many workers the engine's parallel loops and large GEMMs use, and whether the
/// code runs inside one of those loops already.
///
/// Task-local like `GraphContext`, not a global: tests run concurrently in one process, and a thread count set by
/// one of them must not change another's summation grouping (so its bits). Bind it with `withThreads(_:_:)`.
public struct ComputeContext: Sendable {
    /// Workers for large GEMMs and the engine's parallel loops (at least 1).
    public var threads: Int {
        didSet { threads = Swift.max(1, threads) }
    }
    /// True inside a `Parallel.forEachChunk` worker: nested GEMMs stay whole instead of splitting again.
    public var insideParallelRegion: Bool

    /// Makes a context with `threads` workers (clamped to at least 1), outside any parallel region.
    /// The default of 2 is what lessons and the CLI's defaults were recorded with (their files are byte-identical).
    public init(threads: Int = 2, insideParallelRegion: Bool = false) {
        self.threads = Swift.max(1, threads)
        self.insideParallelRegion = insideParallelRegion
    }

    /// The context in force for the current task or thread.
    @TaskLocal public static var current = ComputeContext()
}

/// Runs `body` with the engine using `threads` workers (at least 1). Nested calls override outer ones for their
/// extent only; other tasks and threads keep their own count.
@inlinable
public func withThreads<R>(_ threads: Int, _ body: () throws -> R) rethrows -> R {
    var context = ComputeContext.current
    context.threads = threads
    return try ComputeContext.$current.withValue(context, operation: body)
}

/// The engine's own parallel loops (conv, pooling, large GEMMs): a range split into one contiguous chunk per worker.
///
/// Workers = `ComputeContext.current.threads` (capped by the work). The split depends only on the count and the
/// thread count, and callers sum per-worker partial results in worker order, so results are bit-identical for the
/// same thread count. GEMMs called inside a region are not split again.
public enum Parallel {
    /// Workers a loop over `count` items uses: min(threads, count), at least 1.
    @inlinable
    public static func workers(_ count: Int) -> Int {
        Swift.max(1, Swift.min(ComputeContext.current.threads, count))
    }

    /// The `chunk`-th of `workers` contiguous parts of `0..<count`.
    @inlinable
    public static func range(_ chunk: Int, of workers: Int, count: Int) -> Range<Int> {
        (chunk * count / workers)..<((chunk + 1) * count / workers)
    }

    /// total += Σ over `slots` partial results of `size` values each, laid out one after another, added slot by
    /// slot: the grouping depends on the slot count only, so chunked sums (one slot per chunk of a fixed size)
    /// give the same bits for every thread count.
    @inlinable
    public static func addSlots<S: AdditiveArithmetic>(_ partials: UnsafePointer<S>, slots: Int, size: Int,
                                                       into total: UnsafeMutablePointer<S>) {
        for slot in 0..<slots {
            let part = partials + slot * size
            for i in 0..<size { total[i] += part[i] }
        }
    }

    /// Whether the caller runs inside a parallel region (a hint for speed only: results never depend on it).
    @inlinable
    public static var isInsideRegion: Bool { ComputeContext.current.insideParallelRegion }

    /// Calls `body(range, worker)` for each of `workers` chunks of `0..<count`, concurrently when workers > 1.
    ///
    /// `concurrentPerform` runs workers on other threads, where a task-local reads its default; so each worker
    /// re-binds the caller's contexts: the same thread count, marked inside a region (a nested GEMM must not split
    /// again), and the same `GraphContext` (today no worker builds graph nodes, but one that did must see the
    /// caller's `withNoGrad`/`withTracing`).
    @inlinable
    public static func forEachChunk(_ count: Int, workers: Int, _ body: (Range<Int>, Int) -> Void) {
        guard workers > 1 else {
            body(0..<count, 0)
            return
        }
        let compute = ComputeContext(threads: ComputeContext.current.threads, insideParallelRegion: true)
        let graph = GraphContext.current
        withoutActuallyEscaping(body) { body in
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                ComputeContext.$current.withValue(compute) {
                    GraphContext.$current.withValue(graph) {
                        body(range(w, of: workers, count: count), w)
                    }
                }
            }
        }
    }
}
