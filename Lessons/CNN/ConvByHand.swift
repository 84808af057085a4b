import Foundation
import Render
import TensorGrad

/// The worked example of the `cnn` lesson: a 6×6 input with a vertical edge, a 3×3 edge kernel, the convolution
/// by the engine (Double), one output element as a sum of products, 2×2 max pooling with its winners, and the
/// gradient of one output element with respect to the kernel.
struct ConvByHand {
    /// Input side, kernel side, pooling window.
    static let size = 6, kernelSize = 3, pool = 2
    /// The input: dark (1) on the left three columns, a bright right half that brightens downwards (4 + row),
    /// integers so every sum is exact and each pooling window has one winner.
    static let input: [Double] = (0..<(size * size)).map { (i: Int) -> Double in
        let row = i / size, col = i % size
        return col < size / 2 ? 1 : Double(4 + row)
    }
    /// A vertical-edge kernel (Sobel): right column minus left column, the middle row counted twice.
    static let kernel: [Double] = [-1, 0, 1, -2, 0, 2, -1, 0, 1]
    /// The output element worked term by term.
    static let element = (row: 1, col: 1)

    /// Output side: (W − K + 2P)/S + 1 with P = 0, S = 1.
    static var outSize: Int { (size - kernelSize) / 1 + 1 }

    let x: Tensor<Double>, k: Tensor<Double>, y: Tensor<Double>, pooled: Tensor<Double>
    /// 1 where a pooling window's maximum sits (the gradient of Σ pooled with respect to y), else 0.
    let winners: [Double]
    /// ∂y[row, col]/∂K from backward.
    let kernelGradient: [Double]

    init() {
        x = Tensor(shape: Shape([1, 1, Self.size, Self.size]), scalars: Self.input, requiresGrad: true)
        k = Tensor(shape: Shape([1, 1, Self.kernelSize, Self.kernelSize]), scalars: Self.kernel, requiresGrad: true)
        y = x.conv2d(weight: k)
        pooled = y.maxPool2d(kernel: Self.pool)
        pooled.sum().backward()
        winners = y.grad?.scalars ?? []
        k.grad = nil
        let (r, c) = Self.element
        y.slice(axis: 2, r..<(r + 1)).slice(axis: 3, c..<(c + 1)).sum().backward()
        kernelGradient = k.grad?.scalars ?? []
    }

    /// Input element (row, col).
    static func pixel(_ row: Int, _ col: Int) -> Double { input[row * size + col] }

    /// The input patch under the kernel for output (row, col), row-major.
    static func patch(_ row: Int, _ col: Int) -> [Double] {
        (0..<kernelSize).flatMap { u in (0..<kernelSize).map { v in pixel(row + u, col + v) } }
    }

    /// y[row, col] = Σᵤ Σᵥ X[row + u, col + v] · K[u, v], summed here with plain loops.
    static func byHand(_ row: Int, _ col: Int, kernel: [Double] = kernel) -> Double {
        zip(patch(row, col), kernel).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// The sum of products written out, one kernel row per line, then the total.
    var termByTerm: String {
        let (r, c) = Self.element, k = Self.kernelSize
        var lines: [String] = [], partials: [Double] = []
        for u in 0..<k {
            let terms = (0..<k).map { v in
                "\(signed(Self.kernel[u * k + v], digits: 0))·\(fmt(Self.pixel(r + u, c + v), digits: 0))"
            }
            let partial = (0..<k).reduce(0.0) { $0 + Self.kernel[u * k + $1] * Self.pixel(r + u, c + $1) }
            partials.append(partial)
            lines.append((u == 0 ? "  " : "+ ") + "K[\(u),·]·X[\(r + u),\(c)…\(c + k - 1)] = "
                         + terms.joined(separator: " + ") + " = " + fmt(partial, digits: 0))
        }
        lines.append("= " + partials.map { signed($0, digits: 0) }.joined(separator: " + ") + " = "
                     + fmt(Self.byHand(r, c), digits: 0))
        return lines.joined(separator: "\n")
    }

    /// A square matrix as an aligned grid with row and column numbers.
    static func grid(_ values: [Double], side: Int, digits: Int = 0, mark: [Bool]? = nil) -> String {
        let header = [""] + (0..<side).map { "\($0)" }
        let rows = (0..<side).map { i in
            ["\(i)"] + (0..<side).map { j in
                fmt(values[i * side + j], digits: digits) + ((mark?[i * side + j] ?? false) ? "*" : "")
            }
        }
        return Table(header: header, rows: rows, alignments: [.right] + Array(repeating: .right, count: side))
            .render()
    }

    /// Each pooling window (a, b): its four values (row-major), the winner's position in y and its value,
    /// found by comparing the values here (independently of the engine's pooling).
    var poolingWindows: [(window: (Int, Int), values: [Double], winner: (Int, Int), value: Double)] {
        let out = Self.outSize / Self.pool, v = y.scalars, side = Self.outSize
        return (0..<(out * out)).map { w in
            let (a, b) = (w / out, w % out)
            var cells: [(Int, Int)] = []
            for i in (a * Self.pool)..<((a + 1) * Self.pool) {
                for j in (b * Self.pool)..<((b + 1) * Self.pool) { cells.append((i, j)) }
            }
            let best = cells.max { v[$0.0 * side + $0.1] < v[$1.0 * side + $1.1] }!
            return ((a, b), cells.map { v[$0.0 * side + $0.1] }, best, v[best.0 * side + best.1])
        }
    }
}
