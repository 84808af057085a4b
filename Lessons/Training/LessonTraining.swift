import Groundwork
import Datasets
import Foundation
import GradCheck
import NN
import TensorGrad
import Training

/// Small-classifier training for the lessons that train on Fashion-MNIST subsets (regularization, batchnorm,
/// splits): an MLP builder, one epoch of mini-batch training with an optional penalty, evaluation, snapshots.
///
/// `Trainer` trains the named architectures with checkpoints and CSV files; a lesson needs many short runs of
/// its own small models, so it uses these few lines over the same NN pieces instead.
enum LessonTraining {
    /// What goes between two linear layers of `mlp(_:)`.
    struct Extras {
        /// Dropout probability after each hidden activation (0: none).
        var dropout: Float = 0
        /// Batch norm before each hidden activation.
        var batchNorm = false
    }

    /// Flatten → Linear → [BatchNorm] → ReLU → [Dropout] → … → Linear → LogSoftmax, layers named fc1, bn1, relu1,
    /// drop1, …; weights drawn from `seed` in layer order (PyTorch's default initialisation).
    static func mlp(_ sizes: [Int], extras: Extras = Extras(), seed: UInt64, stream: RandomStream) -> Sequential {
        var generator = SeededGenerator(seed: seed)
        var layers: [(name: String, module: any Module)] = [("flatten", Flatten())]
        for i in 0..<(sizes.count - 1) {
            let k = i + 1
            layers.append(("fc\(k)", Linear(sizes[i], sizes[i + 1], generator: &generator)))
            guard i < sizes.count - 2 else { break }
            if extras.batchNorm { layers.append(("bn\(k)", BatchNorm1d(sizes[i + 1]))) }
            layers.append(("relu\(k)", ReLU()))
            if extras.dropout > 0 { layers.append(("drop\(k)", Dropout(extras.dropout, stream: stream))) }
        }
        layers.append(("log_softmax", LogSoftmax()))
        return Sequential(layers)
    }

    /// The images of `batch` as [N, 1, rows, cols].
    static func input(_ batch: Batch, of data: ImageDataset) -> Tensor<Float> {
        Tensor<Float>(shape: Shape([batch.count, 1, data.rows, data.cols]), scalars: batch.images)
    }

    /// One epoch of mini-batch training in the order fixed by (seed, epoch); `penalty` (if any) is added to each
    /// batch's NLL loss. Returns the mean training loss over the batches (as the model saw them: dropout on).
    static func trainEpoch(_ model: Sequential, optimizer: any Optimizer, on data: ImageDataset, batchSize: Int,
                           seed: UInt64, epoch: Int, penalty: (() -> Tensor<Float>)? = nil) -> Double {
        model.train()
        var iterator = Batches(data, batchSize: batchSize, seed: seed, epoch: epoch).makeIterator()
        var batch = Batch()
        var total = 0.0
        while iterator.next(into: &batch) {
            model.zeroGrad()
            var loss = model(input(batch, of: data)).nllLoss(batch.labels)
            total += Double(loss.item) * Double(batch.count)
            if let penalty { loss = loss + penalty() }
            loss.backward()
            optimizer.step()
        }
        return total / Double(max(data.count, 1))
    }

    /// The current values of every parameter and buffer (to restore an early-stopped model later).
    static func snapshot(_ model: Sequential) -> [[Float]] {
        (model.namedParameters + model.namedBuffers).map(\.tensor.scalars)
    }

    /// Writes a `snapshot` back into `model`.
    static func restore(_ model: Sequential, from snapshot: [[Float]]) {
        for (tensor, values) in zip((model.namedParameters + model.namedBuffers).map(\.tensor), snapshot) {
            tensor.withUnsafeMutableBufferPointer { p in for i in 0..<p.count { p[i] = values[i] } }
        }
    }

    /// The decoded Fashion-MNIST files, read once per process (several lessons, and their smoke tests, share them).
    static let trainingFile = Result { try ImageDataset.load(.train) }
    static let testFile = Result { try ImageDataset.load(.test) }

    /// The Fashion-MNIST training file split into a seeded training subset of `trainCount` and a validation set of
    /// `validationCount`, plus the first `testCount` images of the test file after a seeded shuffle.
    static func fashionSubsets(trainCount: Int, validationCount: Int, testCount: Int = 0, seed: UInt64) throws
        -> (train: ImageDataset, validation: ImageDataset, test: ImageDataset?) {
        let full = try trainingFile.get()
        let (train, validation) = try full.split(validationCount: validationCount, seed: seed, limit: trainCount)
        let test = testCount > 0 ? try testFile.get().shuffledPrefix(testCount, seed: seed &+ 7) : nil
        return (train, validation, test)
    }
}

/// The loss gradient of a trained MLP (Linear/ReLU layers, eval mode) recomputed in Double and checked by central
/// differences on a few weights: an independent check of the gradients the Float training used.
struct MLPGradientCheck {
    /// One checked weight: its name, backward's value (Double), the central difference.
    struct Entry {
        var name: String
        var analytical: Double
        var numerical: Double
    }

    /// The checked weights.
    let entries: [Entry]

    /// Checks ∂L/∂w on the first `examples` images of `data` for the weight with the largest gradient in each of
    /// `layers`, where L is the mean NLL of `model` in eval mode plus λ·Σw² over the first layer's weight (`l2`),
    /// all in Double.
    init(model: Sequential, data: ImageDataset, examples: Int, layers: [String], l2: Double = 0) throws {
        let linears = model.layers.compactMap { layer -> (String, Linear)? in
            (layer.module as? Linear).map { (layer.name, $0) }
        }
        let weights = linears.map { $0.1.weight.converted(to: Double.self) }
        let biases = linears.map { $0.1.bias!.converted(to: Double.self) }
        for w in weights { w.requiresGrad = true }
        let n = min(examples, data.count)
        let x = Tensor<Double>(shape: Shape([n, data.pixelsPerImage]),
                               scalars: data.images.prefix(n * data.pixelsPerImage).map(Double.init))
        let labels = Array(data.labels.prefix(n))
        func loss() -> Tensor<Double> {
            var h = x
            for (i, (w, b)) in zip(weights, biases).enumerated() {
                h = h.linear(weight: w, bias: b)
                if i < weights.count - 1 { h = h.relu() }
            }
            let nll = h.logSoftmax(axis: 1).nllLoss(labels)
            return l2 > 0 ? nll + (weights[0] * weights[0]).sum() * l2 : nll
        }
        loss().backward()
        let names = linears.map(\.0)
        let epsilon = TensorGradCheck.epsilon
        entries = try layers.map { name in
            guard let layer = names.firstIndex(of: name) else {
                throw LessonTrainingError.unknownLayer(name, known: names)
            }
            let w = weights[layer], grads = w.grad!.scalars
            let index = grads.indices.max { abs(grads[$0]) < abs(grads[$1]) }!
            let saved = w.scalars[index]
            w.withUnsafeMutableBufferPointer { $0[index] = saved + epsilon }
            let plus = withNoGrad { loss().item }
            w.withUnsafeMutableBufferPointer { $0[index] = saved - epsilon }
            let minus = withNoGrad { loss().item }
            w.withUnsafeMutableBufferPointer { $0[index] = saved }
            let columns = w.shape[1]
            return Entry(name: "∂L/∂\(name).w[\(index / columns),\(index % columns)]",
                         analytical: grads[index], numerical: (plus - minus) / (2 * epsilon))
        }
    }
}

/// A lesson asked for something its model does not have (a bug in the lesson, caught by its smoke test).
enum LessonTrainingError: Error, CustomStringConvertible {
    /// No linear layer of that name.
    case unknownLayer(String, known: [String])

    var description: String {
        switch self {
        case let .unknownLayer(name, known):
            return "gradient check: no linear layer '\(name)'; expected one of \(known.joined(separator: ", "))"
        }
    }
}
