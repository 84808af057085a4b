import Groundwork
import Foundation
import TensorGrad

/// The networks `dlexplain train` knows by name. Every one ends in log-softmax, so the loss is NLL (= cross-entropy).
public enum Architecture: String, CaseIterable, Sendable, Codable {
    /// The seed documents' net (PyTorch's MNIST example): Conv(1→10, k5) → maxpool 2 → ReLU → Conv(10→20, k5) →
    /// Dropout2d → maxpool 2 → ReLU → flatten 320 → Linear 50 → ReLU → Dropout → Linear 10 → log-softmax.
    case seed
    /// Conv(1→32, k3) → ReLU → pool → Conv(32→64, k3) → ReLU → pool → Linear(1600→128) → ReLU → Linear 10.
    case wide
    /// 784 → 128 → ReLU → 10.
    case mlp

    /// One example's shape: [channels, height, width].
    public static let imageShape = [1, 28, 28]

    /// Rows and columns of the images every architecture takes (`imageShape` without the channel).
    public static var imageSize: (rows: Int, cols: Int) { (imageShape[1], imageShape[2]) }

    /// The network with PyTorch's default initialisation drawn from `SeededGenerator(seed: seed)` in layer order;
    /// dropout layers share `stream`.
    public func makeModel(seed: UInt64, stream: RandomStream) -> Sequential {
        // One statement per layer: several `&g` in one expression would overlap their exclusive accesses.
        var g = SeededGenerator(seed: seed)
        switch self {
        case .seed:
            let conv1 = Conv2d(1, 10, kernelSize: 5, generator: &g)
            let conv2 = Conv2d(10, 20, kernelSize: 5, generator: &g)
            let fc1 = Linear(320, 50, generator: &g)
            let fc2 = Linear(50, 10, generator: &g)
            return Sequential([
                ("conv1", conv1), ("pool1", MaxPool2d(2)), ("relu1", ReLU()),
                ("conv2", conv2), ("conv2_drop", Dropout2d(0.5, stream: stream)), ("pool2", MaxPool2d(2)),
                ("relu2", ReLU()), ("flatten", Flatten()), ("fc1", fc1), ("relu3", ReLU()),
                ("dropout", Dropout(0.5, stream: stream)), ("fc2", fc2), ("log_softmax", LogSoftmax()),
            ])
        case .wide:
            let conv1 = Conv2d(1, 32, kernelSize: 3, generator: &g)
            let conv2 = Conv2d(32, 64, kernelSize: 3, generator: &g)
            let fc1 = Linear(1600, 128, generator: &g)
            let fc2 = Linear(128, 10, generator: &g)
            return Sequential([
                ("conv1", conv1), ("relu1", ReLU()), ("pool1", MaxPool2d(2)),
                ("conv2", conv2), ("relu2", ReLU()), ("pool2", MaxPool2d(2)),
                ("flatten", Flatten()), ("fc1", fc1), ("relu3", ReLU()), ("fc2", fc2), ("log_softmax", LogSoftmax()),
            ])
        case .mlp:
            let fc1 = Linear(784, 128, generator: &g)
            let fc2 = Linear(128, 10, generator: &g)
            return Sequential([
                ("flatten", Flatten()), ("fc1", fc1), ("relu1", ReLU()), ("fc2", fc2), ("log_softmax", LogSoftmax()),
            ])
        }
    }

    /// The layer list with shapes and parameter counts (for tables, checkpoints and diagrams).
    public func describe() -> ArchitectureDescription {
        ArchitectureDescription(name: rawValue, model: makeModel(seed: 0, stream: RandomStream(seed: 0)),
                                inputShape: Architecture.imageShape)
    }
}

/// A network described layer by layer: what `dlexplain graph` draws and what checkpoints record.
public struct ArchitectureDescription: Codable, Equatable, Sendable {
    /// One layer.
    public struct Layer: Codable, Equatable, Sendable {
        /// The layer's name in parameter paths (`"conv1"`).
        public var name: String
        /// What it is (`"Conv2d 1→10 5×5"`).
        public var kind: String
        /// Output shape of one example (batch axis left out): `[10, 24, 24]`.
        public var outputShape: [Int]
        /// Trainable scalars.
        public var parameterCount: Int
    }

    /// The architecture's name.
    public var name: String
    /// One example's input shape, `[1, 28, 28]`.
    public var inputShape: [Int]
    /// The layers in order.
    public var layers: [Layer]

    /// Describes `model` for inputs of `inputShape` (one example, no batch axis).
    public init(name: String, model: Sequential, inputShape: [Int]) {
        self.name = name
        self.inputShape = inputShape
        var shape = [1] + inputShape
        layers = model.layers.map { layer in
            shape = layer.module.outputShape(for: shape)
            return Layer(name: layer.name, kind: layer.module.summary, outputShape: Array(shape.dropFirst()),
                         parameterCount: layer.module.parameterCount)
        }
    }

    /// Total trainable scalars.
    public var totalParameters: Int { layers.reduce(0) { $0 + $1.parameterCount } }

    /// Compact JSON (sorted keys), as stored in checkpoints.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }
}
