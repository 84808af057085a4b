#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The element types a `Tensor` can hold: Float (training) and Double (gradient checks).
///
/// The requirements are the few kernels whose implementation differs by precision (GEMM and the
/// transcendental functions); everything else is generic code that the compiler specialises per type.
public protocol TensorScalar: BinaryFloatingPoint, Sendable, Codable, CustomStringConvertible {
    /// C ← α·op(A)·op(B) + β·C, row-major (see `BLAS.gemm`).
    static func gemm(_ transposeA: Bool, _ transposeB: Bool, m: Int, n: Int, k: Int, alpha: Self,
                     _ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>, beta: Self,
                     _ c: UnsafeMutablePointer<Self>)
    /// eˣ.
    static func exp(_ x: Self) -> Self
    /// Natural logarithm.
    static func log(_ x: Self) -> Self
    /// Hyperbolic tangent.
    static func tanh(_ x: Self) -> Self
    /// xʸ.
    static func pow(_ x: Self, _ y: Self) -> Self
    /// log(1 + x), accurate for small x.
    static func log1p(_ x: Self) -> Self
}

extension Float: TensorScalar {
    /// sgemm.
    @inlinable @inline(__always)
    public static func gemm(_ transposeA: Bool, _ transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                            _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, beta: Float,
                            _ c: UnsafeMutablePointer<Float>) {
        BLAS.gemm(transposeA, transposeB, m: m, n: n, k: k, alpha: alpha, a, b, beta: beta, c)
    }
    /// expf.
    @inlinable @inline(__always) public static func exp(_ x: Float) -> Float { expf(x) }
    /// logf.
    @inlinable @inline(__always) public static func log(_ x: Float) -> Float { logf(x) }
    /// tanhf.
    @inlinable @inline(__always) public static func tanh(_ x: Float) -> Float { tanhf(x) }
    /// powf.
    @inlinable @inline(__always) public static func pow(_ x: Float, _ y: Float) -> Float { powf(x, y) }
    /// log1pf.
    @inlinable @inline(__always) public static func log1p(_ x: Float) -> Float { log1pf(x) }
}

extension Double: TensorScalar {
    /// dgemm.
    @inlinable @inline(__always)
    public static func gemm(_ transposeA: Bool, _ transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double,
                            _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, beta: Double,
                            _ c: UnsafeMutablePointer<Double>) {
        BLAS.gemm(transposeA, transposeB, m: m, n: n, k: k, alpha: alpha, a, b, beta: beta, c)
    }
    /// exp.
    @inlinable @inline(__always) public static func exp(_ x: Double) -> Double { cexp(x) }
    /// log.
    @inlinable @inline(__always) public static func log(_ x: Double) -> Double { clog(x) }
    /// tanh.
    @inlinable @inline(__always) public static func tanh(_ x: Double) -> Double { ctanh(x) }
    /// pow.
    @inlinable @inline(__always) public static func pow(_ x: Double, _ y: Double) -> Double { cpow(x, y) }
    /// log1p.
    @inlinable @inline(__always) public static func log1p(_ x: Double) -> Double { clog1p(x) }
}

// Unqualified `exp` inside `extension Double` would resolve to the requirement itself; these forward to libm.
@usableFromInline @inline(__always) func cexp(_ x: Double) -> Double { exp(x) }
@usableFromInline @inline(__always) func clog(_ x: Double) -> Double { log(x) }
@usableFromInline @inline(__always) func ctanh(_ x: Double) -> Double { tanh(x) }
@usableFromInline @inline(__always) func cpow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
@usableFromInline @inline(__always) func clog1p(_ x: Double) -> Double { log1p(x) }
