import Groundwork
import TensorGrad

/// PyTorch's default initialisation of `Linear` and `Conv2d`, so runs are comparable with PyTorch's.
///
/// Weights: Kaiming-uniform with a = √5, i.e. U(−b, b) with b = gain·√(3/fan_in), gain = √(2/(1 + a²)) = √(1/3),
/// so b = 1/√fan_in. Biases: U(−1/√fan_in, 1/√fan_in). fan_in = in features, or in channels · kh · kw.
public enum Initialization {
    /// The bound 1/√fan_in shared by weights (Kaiming-uniform, a = √5) and biases.
    public static func bound(fanIn: Int) -> Float {
        precondition(fanIn > 0, "initialisation: fan-in must be positive, got \(fanIn)")
        return 1 / Float(fanIn).squareRoot()
    }

    /// A trainable tensor of `shape` drawn from U(−bound, bound) with `generator` (53-bit uniforms, so the
    /// values depend only on the generator's state, never on the standard library's algorithm).
    public static func uniform(_ shape: Shape, bound: Float, using generator: inout SeededGenerator) -> Tensor<Float> {
        let t = Tensor<Float>.zeros(shape, requiresGrad: true)
        t.withUnsafeMutableBufferPointer { values in
            for i in values.indices { values[i] = Float((generator.nextUnit() * 2 - 1) * Double(bound)) }
        }
        return t
    }
}
