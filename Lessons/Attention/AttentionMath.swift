import Foundation

/// Plain-array versions of the attention lesson's computations: an independent implementation for the
/// self-check, and the statistics of the √d experiment.
enum AttentionMath {
    /// Row-major `a · b` for [n, k]·[k, m].
    static func matmul(_ a: [Double], _ b: [Double], n: Int, k: Int, m: Int) -> [Double] {
        var out = [Double](repeating: 0, count: n * m)
        for i in 0..<n { for j in 0..<m { for p in 0..<k { out[i * m + j] += a[i * k + p] * b[p * m + j] } } }
        return out
    }

    /// Softmax of one row, shifted by its maximum so exp never overflows.
    static func softmax(_ row: [Double]) -> [Double] {
        let top = row.max() ?? 0
        let e = row.map { Foundation.exp($0 - top) }
        let sum = e.reduce(0, +)
        return e.map { $0 / sum }
    }

    /// Scaled dot-product attention of `x` ([n, d]) with projections [d, d]: softmax(QKᵀ/√d)·V, row-major.
    static func attention(x: [Double], wq: [Double], wk: [Double], wv: [Double], n: Int, d: Int) -> [Double] {
        let q = matmul(x, wq, n: n, k: d, m: d), k = matmul(x, wk, n: n, k: d, m: d)
        let v = matmul(x, wv, n: n, k: d, m: d)
        var weights: [Double] = []
        for i in 0..<n {
            let scores = (0..<n).map { j in (0..<d).map { q[i * d + $0] * k[j * d + $0] }.reduce(0, +) }
            weights += softmax(scores.map { $0 / Double(d).squareRoot() })
        }
        return matmul(weights, v, n: n, k: n, m: d)
    }

    /// Euclidean norm.
    static func norm(_ v: [Double]) -> Double { v.map { $0 * $0 }.reduce(0, +).squareRoot() }

    /// Entropy −Σ p log p in nats (0 for a one-hot row, log n for a uniform one).
    static func entropy(_ p: [Double]) -> Double {
        -p.reduce(0) { $0 + ($1 > 0 ? $1 * Foundation.log($1) : 0) }
    }

    /// Frobenius norm of the softmax Jacobian diag(p) − p·pᵀ: how much the weights can still move when the
    /// scores move. It goes to 0 as p becomes one-hot, so gradients through the softmax vanish.
    static func jacobianNorm(_ p: [Double]) -> Double {
        var total = 0.0
        for i in p.indices {
            for j in p.indices {
                let entry = (i == j ? p[i] : 0) - p[i] * p[j]
                total += entry * entry
            }
        }
        return total.squareRoot()
    }
}
