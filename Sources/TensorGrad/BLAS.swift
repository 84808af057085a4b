import CBLAS
import Dispatch

/// The OpenBLAS bridge: the only file in TensorGrad that touches C. Matrices are row-major.
///
/// OpenBLAS itself always runs on one thread; the workers are the engine's own (`ComputeContext.current.threads`,
/// set with `withThreads`): a large GEMM is split into blocks of C rows (or columns) computed concurrently, and
/// conv/pool loops split over images (`Parallel`). So results depend only on the calling task's thread count —
/// never on what other code does to a library-global setting — and the same thread count gives bit-identical results.
public enum BLAS {
    /// C ← α·op(A)·op(B) + β·C for Float, with op = transpose when `transposeA`/`transposeB`.
    /// A is m×k (k×m if transposed), B is k×n (n×k if transposed), C is m×n; all row-major, dense.
    @inlinable
    public static func gemm(
        _ transposeA: Bool, _ transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float = 1, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
        beta: Float = 0, _ c: UnsafeMutablePointer<Float>
    ) {
        split(m: m, n: n, k: k) { rows, cols in
            sgemm(transposeA, transposeB, rows, cols, k: k, m: m, n: n, alpha, a, b, beta, c)
        }
    }

    /// C ← α·op(A)·op(B) + β·C for Double (same conventions as the Float version).
    @inlinable
    public static func gemm(
        _ transposeA: Bool, _ transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Double = 1, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
        beta: Double = 0, _ c: UnsafeMutablePointer<Double>
    ) {
        split(m: m, n: n, k: k) { rows, cols in
            dgemm(transposeA, transposeB, rows, cols, k: k, m: m, n: n, alpha, a, b, beta, c)
        }
    }

    /// Runs `body(rows, columns)` over blocks of C: one block below ~4 MFLOP or inside a parallel region,
    /// else one block per worker along the longer side of C.
    @usableFromInline
    static func split(m: Int, n: Int, k: Int, _ body: (Range<Int>, Range<Int>) -> Void) {
        pinLibraryThreads
        let context = ComputeContext.current
        let workers = context.threads
        guard workers > 1, 2 * m * n * k >= 4_000_000, !context.insideParallelRegion else {
            body(0..<m, 0..<n)
            return
        }
        let alongRows = m >= n
        Parallel.forEachChunk(alongRows ? m : n, workers: workers) { part, _ in
            if alongRows { body(part, 0..<n) } else { body(0..<m, part) }
        }
    }

    @usableFromInline
    static func sgemm(_ ta: Bool, _ tb: Bool, _ rows: Range<Int>, _ cols: Range<Int>, k: Int, m: Int, n: Int,
                      _ alpha: Float, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ beta: Float,
                      _ c: UnsafeMutablePointer<Float>) {
        guard !rows.isEmpty, !cols.isEmpty else { return }
        // Row r of op(A) starts at a + r·k (A is m×k) or a + r (A is k×m); column j of op(B) at b + j or b + j·k.
        let pa = ta ? a + rows.lowerBound : a + rows.lowerBound * k
        let pb = tb ? b + cols.lowerBound * k : b + cols.lowerBound
        cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                    Int32(rows.count), Int32(cols.count), Int32(k), alpha, pa, Int32(ta ? m : k), pb,
                    Int32(tb ? k : n), beta, c + rows.lowerBound * n + cols.lowerBound, Int32(n))
    }

    @usableFromInline
    static func dgemm(_ ta: Bool, _ tb: Bool, _ rows: Range<Int>, _ cols: Range<Int>, k: Int, m: Int, n: Int,
                      _ alpha: Double, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ beta: Double,
                      _ c: UnsafeMutablePointer<Double>) {
        guard !rows.isEmpty, !cols.isEmpty else { return }
        let pa = ta ? a + rows.lowerBound : a + rows.lowerBound * k
        let pb = tb ? b + cols.lowerBound * k : b + cols.lowerBound
        cblas_dgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                    Int32(rows.count), Int32(cols.count), Int32(k), alpha, pa, Int32(ta ? m : k), pb,
                    Int32(tb ? k : n), beta, c + rows.lowerBound * n + cols.lowerBound, Int32(n))
    }

    /// OpenBLAS pinned to one thread, once (the engine's workers provide the parallelism).
    @usableFromInline
    static let pinLibraryThreads: Void = openblas_set_num_threads(1)
}
