import Dispatch

/// The engine's own parallel loops (conv, pooling, large GEMMs): a range split into one contiguous chunk per worker.
///
/// Workers = `BLAS.threads` (capped by the work). The split depends only on the count and the thread count, and
/// callers sum per-worker partial results in worker order, so results are bit-identical for the same thread count.
/// GEMMs called inside a region are not split again.
public enum Parallel {
    /// Workers a loop over `count` items uses: min(BLAS.threads, count), at least 1.
    @inlinable
    public static func workers(_ count: Int) -> Int { Swift.max(1, Swift.min(BLAS.threads, count)) }

    /// The `chunk`-th of `workers` contiguous parts of `0..<count`.
    @inlinable
    public static func range(_ chunk: Int, of workers: Int, count: Int) -> Range<Int> {
        (chunk * count / workers)..<((chunk + 1) * count / workers)
    }

    /// Regions running now; nested GEMMs stay whole while > 0 (a hint for speed only: results never depend on it).
    nonisolated(unsafe) public static var activeRegions = 0

    /// Whether a parallel region is running.
    @inlinable
    public static var isInsideRegion: Bool { activeRegions > 0 }

    /// Calls `body(range, worker)` for each of `workers` chunks of `0..<count`, concurrently when workers > 1.
    @inlinable
    public static func forEachChunk(_ count: Int, workers: Int, _ body: (Range<Int>, Int) -> Void) {
        guard workers > 1 else {
            body(0..<count, 0)
            return
        }
        activeRegions += 1
        defer { activeRegions -= 1 }
        withoutActuallyEscaping(body) { body in
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                body(range(w, of: workers, count: count), w)
            }
        }
    }
}
