import CBLAS

/// The OpenBLAS bridge: the only file in TensorGrad that touches C. Matrices are row-major.
public enum BLAS {
    /// C ← α·op(A)·op(B) + β·C for Float, with op = transpose when `transposeA`/`transposeB`.
    /// A is m×k (k×m if transposed), B is k×n (n×k if transposed), C is m×n; all row-major, dense.
    @inlinable
    public static func gemm(
        _ transposeA: Bool, _ transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float = 1, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
        beta: Float = 0, _ c: UnsafeMutablePointer<Float>
    ) {
        sgemm(transposeA, transposeB, Int32(m), Int32(n), Int32(k), alpha, a, b, beta, c)
    }

    /// C ← α·op(A)·op(B) + β·C for Double (same conventions as the Float version).
    @inlinable
    public static func gemm(
        _ transposeA: Bool, _ transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Double = 1, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
        beta: Double = 0, _ c: UnsafeMutablePointer<Double>
    ) {
        dgemm(transposeA, transposeB, Int32(m), Int32(n), Int32(k), alpha, a, b, beta, c)
    }

    @usableFromInline
    static func sgemm(_ ta: Bool, _ tb: Bool, _ m: Int32, _ n: Int32, _ k: Int32, _ alpha: Float,
                      _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ beta: Float,
                      _ c: UnsafeMutablePointer<Float>) {
        cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                    m, n, k, alpha, a, ta ? m : k, b, tb ? k : n, beta, c, n)
    }

    @usableFromInline
    static func dgemm(_ ta: Bool, _ tb: Bool, _ m: Int32, _ n: Int32, _ k: Int32, _ alpha: Double,
                      _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ beta: Double,
                      _ c: UnsafeMutablePointer<Double>) {
        cblas_dgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                    m, n, k, alpha, a, ta ? m : k, b, tb ? k : n, beta, c, n)
    }

    /// Number of threads OpenBLAS uses.
    public static var threads: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(max(1, newValue))) }
    }
}
