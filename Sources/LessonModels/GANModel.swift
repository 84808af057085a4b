import Foundation
import Groundwork
import NN
import TensorGrad

/// A small MLP over the engine's tensors, 2 → H → H → out with ReLU between: the gan lesson's generator and
/// discriminator. Generic so the self-check runs the same code in Double.
public struct GANNet<S: TensorScalar> {
    /// Weight [out, in] and bias of each of the three layers, in order.
    public let tensors: [Tensor<S>]

    public init(tensors: [Tensor<S>]) {
        self.tensors = tensors
        for t in tensors { t.requiresGrad = true }
    }

    /// The network's output for a batch [B, 2].
    public func callAsFunction(_ x: Tensor<S>) -> Tensor<S> {
        x.linear(weight: tensors[0], bias: tensors[1]).relu()
            .linear(weight: tensors[2], bias: tensors[3]).relu()
            .linear(weight: tensors[4], bias: tensors[5])
    }

    /// Names for the optimizer.
    public var named: [(name: String, tensor: Tensor<S>)] {
        zip(["l1.weight", "l1.bias", "l2.weight", "l2.bias", "l3.weight", "l3.bias"], tensors).map { ($0, $1) }
    }

    /// An independent copy in another scalar type.
    public func converted<T: TensorScalar>(to: T.Type) -> GANNet<T> { GANNet<T>(tensors: tensors.map { $0.converted(to: T.self) }) }

    /// Total number of parameters.
    public var parameterCount: Int { tensors.map(\.count).reduce(0, +) }
}

extension GANNet where S == Float {
    /// PyTorch-style initialisation, 2 → `hidden` → `hidden` → `outputs`.
    public static func random(hidden: Int, outputs: Int, generator: inout SeededGenerator) -> GANNet {
        let layers = [Linear(2, hidden, generator: &generator), Linear(hidden, hidden, generator: &generator),
                      Linear(hidden, outputs, generator: &generator)]
        return GANNet(tensors: layers.flatMap { [$0.weight, $0.bias!] })
    }
}

/// The GAN's losses on discriminator logits, all as binary cross-entropy with logits (stable for any logit).
public enum GANLoss {
    /// The discriminator's loss: −log D(x) on real points − log(1 − D(G(z))) on generated ones (batch means).
    public static func discriminator<S>(real: Tensor<S>, fake: Tensor<S>) -> Tensor<S> {
        real.bceWithLogitsLoss(Tensor(shape: real.shape, scalars: Array(repeating: 1, count: real.count)))
            + fake.bceWithLogitsLoss(Tensor(shape: fake.shape, scalars: Array(repeating: 0, count: fake.count)))
    }

    /// The non-saturating generator loss −log D(G(z)).
    public static func nonSaturating<S>(fake: Tensor<S>) -> Tensor<S> {
        fake.bceWithLogitsLoss(Tensor(shape: fake.shape, scalars: Array(repeating: 1, count: fake.count)))
    }

    /// The minimax generator loss log(1 − D(G(z))) (minimised by G), written as −BCE(logit, 0).
    public static func saturating<S>(fake: Tensor<S>) -> Tensor<S> {
        fake.bceWithLogitsLoss(Tensor(shape: fake.shape, scalars: Array(repeating: 0, count: fake.count))) * S(-1)
    }
}

/// The real data: a ring of 8 Gaussians of radius `radius` and standard deviation `spread`.
public struct Ring {
    public var modes = 8
    public var radius = 2.0
    public var spread = 0.05

    /// The ring the gan lesson learns: 8 modes of radius 2, standard deviation 0.05.
    public init() {}

    /// Centre of mode k.
    public func centre(_ k: Int) -> (Double, Double) {
        let a = 2 * Double.pi * Double(k) / Double(modes)
        return (radius * Foundation.cos(a), radius * Foundation.sin(a))
    }

    /// `count` points, each from a uniformly chosen mode, as [count, 2].
    public func sample(_ count: Int, generator: inout SeededGenerator) -> [Double] {
        (0..<count).flatMap { _ -> [Double] in
            let (cx, cy) = centre(generator.nextIndex(below: modes))
            return [cx + spread * generator.nextNormal(), cy + spread * generator.nextNormal()]
        }
    }

    /// Which modes `points` ([x, y] pairs) cover: a point is of mode k when it lies within 4 standard deviations
    /// of its centre; a mode is covered when at least 1 % of the points are of it. Also the share of points
    /// that are of some mode ("high quality").
    public func coverage(_ points: [Double]) -> (covered: Int, perMode: [Int], quality: Double) {
        var perMode = [Int](repeating: 0, count: modes)
        let n = points.count / 2
        for i in 0..<n {
            for k in 0..<modes {
                let (cx, cy) = centre(k)
                let dx = points[2 * i] - cx, dy = points[2 * i + 1] - cy
                if (dx * dx + dy * dy).squareRoot() < 4 * spread { perMode[k] += 1; break }
            }
        }
        let covered = perMode.filter { Double($0) >= 0.01 * Double(n) }.count
        return (covered, perMode, Double(perMode.reduce(0, +)) / Double(n))
    }
}
