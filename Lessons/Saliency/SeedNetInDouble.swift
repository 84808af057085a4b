import NN

/// The seed net's class scores recomputed in Double with plain loops from a trained model's weights: an
/// independent forward pass (no engine, no Float rounding) for the saliency lesson's central differences and its
/// completeness check. Evaluation mode: dropout is the identity.
struct SeedNetInDouble {
    let conv1: (w: [Double], b: [Double]), conv2: (w: [Double], b: [Double])
    let fc1: (w: [Double], b: [Double]), fc2: (w: [Double], b: [Double])

    /// Copies the weights of a `seed` architecture model.
    init(_ model: Sequential) {
        func params(_ name: String) -> (w: [Double], b: [Double]) {
            let named = model.namedParameters
            let w = named.first { $0.name == name + ".weight" }!.tensor.scalars.map(Double.init)
            let b = named.first { $0.name == name + ".bias" }!.tensor.scalars.map(Double.init)
            return (w, b)
        }
        (conv1, conv2, fc1, fc2) = (params("conv1"), params("conv2"), params("fc1"), params("fc2"))
    }

    /// Valid convolution of `channels × side × side` maps with 5×5 kernels, `out` output channels.
    static func conv(_ x: [Double], channels: Int, side: Int, _ p: (w: [Double], b: [Double]), out: Int) -> [Double] {
        let k = 5, o = side - k + 1
        var y = [Double](repeating: 0, count: out * o * o)
        for f in 0..<out {
            for i in 0..<o {
                for j in 0..<o {
                    var s = p.b[f]
                    for c in 0..<channels {
                        for u in 0..<k {
                            for v in 0..<k {
                                s += p.w[((f * channels + c) * k + u) * k + v] * x[(c * side + i + u) * side + j + v]
                            }
                        }
                    }
                    y[(f * o + i) * o + j] = s
                }
            }
        }
        return y
    }

    /// 2×2 max pooling with stride 2, then ReLU (the seed net's order).
    static func poolRelu(_ x: [Double], channels: Int, side: Int) -> [Double] {
        let o = side / 2
        var y = [Double](repeating: 0, count: channels * o * o)
        for c in 0..<channels {
            for i in 0..<o {
                for j in 0..<o {
                    var m = -Double.infinity
                    for u in 0..<2 { for v in 0..<2 { m = max(m, x[(c * side + 2 * i + u) * side + 2 * j + v]) } }
                    y[(c * o + i) * o + j] = max(0, m)
                }
            }
        }
        return y
    }

    /// W·x + b for a [out, in] weight.
    static func linear(_ x: [Double], _ p: (w: [Double], b: [Double])) -> [Double] {
        let n = x.count
        return p.b.indices.map { r in (0..<n).reduce(p.b[r]) { $0 + p.w[r * n + $1] * x[$1] } }
    }

    /// The class scores (logits, before log-softmax) of one 28×28 image.
    func scores(_ image: [Double]) -> [Double] {
        var a = Self.conv(image, channels: 1, side: 28, conv1, out: 10)
        a = Self.poolRelu(a, channels: 10, side: 24)
        a = Self.conv(a, channels: 10, side: 12, conv2, out: 20)
        a = Self.poolRelu(a, channels: 20, side: 8)
        a = Self.linear(a, fc1).map { max(0, $0) }
        return Self.linear(a, fc2)
    }
}
