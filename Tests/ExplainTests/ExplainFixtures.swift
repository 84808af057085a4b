import Groundwork
import Datasets
import NN
import TensorGrad
@testable import Explain

/// Small models with known answers for the explanation tests.
enum ExplainFixtures {
    /// A tiny CNN on 1×8×8 inputs: conv 1→3 k3 → ReLU → maxpool 2 → flatten 27 → linear 3 → log-softmax.
    static func tinyCNN(seed: UInt64 = 3) -> Sequential {
        var g = SeededGenerator(seed: seed)
        return Sequential([
            ("conv1", Conv2d(1, 3, kernelSize: 3, generator: &g)), ("relu1", ReLU()), ("pool1", MaxPool2d(2)),
            ("flatten", Flatten()), ("fc", Linear(27, 3, generator: &g)), ("log_softmax", LogSoftmax()),
        ])
    }

    /// A smooth tiny CNN (conv → tanh → avgpool → linear, weights scaled up so scores differ by whole units):
    /// along Integrated Gradients' path its score has no kinks, so 64 midpoint steps integrate it to well under 1 %.
    static func smoothCNN(seed: UInt64 = 3) -> Sequential {
        var g = SeededGenerator(seed: seed)
        let conv = Conv2d(1, 3, kernelSize: 3, generator: &g), fc = Linear(27, 3, generator: &g)
        for p in [conv.weight, fc.weight] { p.withUnsafeMutableBufferPointer { w in for i in w.indices { w[i] *= 6 } } }
        return Sequential([
            ("conv1", conv), ("tanh1", Tanh()), ("pool1", AvgPool2d(2)), ("flatten", Flatten()), ("fc", fc),
            ("log_softmax", LogSoftmax()),
        ])
    }

    /// A random 1×8×8 image in 0…1.
    static func image(seed: UInt64 = 5, count: Int = 64) -> [Float] {
        var g = SeededGenerator(seed: seed)
        return (0..<count).map { _ in Float(g.nextUnit()) }
    }

    /// The region the linear model looks at: rows 2..<5, columns 4..<7 of an 8×8 image.
    static let rows = 2..<5, columns = 4..<7

    /// Whether pixel `i` of an 8×8 image lies in the region.
    static func inRegion(_ i: Int) -> Bool { rows.contains(i / 8) && columns.contains(i % 8) }

    /// flatten → linear 64→2 whose class 0 sums the region's pixels and whose class 1 is constant.
    static func regionModel() -> Sequential {
        var g = SeededGenerator(seed: 1)
        let linear = Linear(64, 2, generator: &g)
        linear.weight.withUnsafeMutableBufferPointer { w in
            for i in 0..<64 { w[i] = inRegion(i) ? 1 : 0; w[64 + i] = 0 }
        }
        linear.bias?.withUnsafeMutableBufferPointer { b in b[0] = 0; b[1] = 1 }
        return Sequential([("flatten", Flatten()), ("fc", linear), ("log_softmax", LogSoftmax())])
    }

    /// An explainer on 1×8×8 inputs in 0…1 with small sample counts so tests stay fast.
    static func explainer(_ model: Sequential) -> Explainer {
        var explainer = Explainer(model: model, imageShape: [1, 8, 8], normalization: .unitInterval)
        explainer.settings.smoothGradSamples = 8
        return explainer
    }
}
