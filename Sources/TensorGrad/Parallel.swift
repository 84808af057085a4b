import Dispatch

/// The engine's own parallel loops (conv, pooling): a range split into one contiguous chunk per worker.
///
/// Workers = `BLAS.threads` (capped by the work). Inside a parallel region OpenBLAS is switched to one thread, so
/// each worker's GEMMs run on its own core instead of contending for the BLAS pool. The split depends only on the
/// count and the thread count, and reductions over chunks are summed in chunk order by the callers, so results are
/// bit-identical for the same thread count.
public enum Parallel {
    /// Workers a loop over `count` items uses: min(BLAS.threads, count), at least 1.
    @inlinable
    public static func workers(_ count: Int) -> Int { Swift.max(1, Swift.min(BLAS.threads, count)) }

    /// The `chunk`-th of `workers` contiguous parts of `0..<count`.
    @inlinable
    public static func range(_ chunk: Int, of workers: Int, count: Int) -> Range<Int> {
        (chunk * count / workers)..<((chunk + 1) * count / workers)
    }

    /// Calls `body(range, worker)` for each of `workers` chunks of `0..<count`, concurrently when workers > 1.
    @inlinable
    public static func forEachChunk(_ count: Int, workers: Int, _ body: (Range<Int>, Int) -> Void) {
        guard workers > 1 else {
            body(0..<count, 0)
            return
        }
        let saved = BLAS.threads
        BLAS.threads = 1
        defer { BLAS.threads = saved }
        withoutActuallyEscaping(body) { body in
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                body(range(w, of: workers, count: count), w)
            }
        }
    }
}
