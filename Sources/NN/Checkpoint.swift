import Groundwork
import Foundation

/// A named tensor as a checkpoint stores it: name, shape, and the values row-major.
public struct NamedArray: Equatable, Sendable {
    /// The parameter's path, e.g. `"conv1.weight"`.
    public var name: String
    /// Dimensions, outermost first (`[out channels, in channels, kernel height, kernel width]` for a conv weight).
    public var shape: [Int]
    /// `shape.product` values, row-major.
    public var values: [Float]

    /// A named array; `values.count` must equal the product of `shape` (programmer error otherwise).
    public init(name: String, shape: [Int], values: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 } && shape.reduce(1, *) == values.count,
                     "NamedArray '\(name)': \(values.count) values do not fill shape \(shape)")
        self.name = name
        self.shape = shape
        self.values = values
    }
}

/// Everything needed to continue or evaluate a training run: weights, optimizer state, counters, RNG state.
///
/// The byte layout is documented at the top of Checkpoint+Format.swift; `write(to:)` is atomic and `read(from:)`
/// validates magic, version, length and checksum before decoding anything.
public struct Checkpoint: Equatable, Sendable {
    /// The format version this build writes and the newest it reads.
    public static let formatVersion: UInt32 = 1

    /// Architecture name (`"seed"`, `"wide"`, `"mlp"`); compared by `read(from:expectArchitecture:)`.
    public var architecture: String
    /// A full description of the architecture (JSON of the layer list, or any text); stored, not interpreted.
    public var architectureDescription: String
    /// Completed epochs.
    public var epoch: Int
    /// Completed optimizer steps.
    public var step: Int
    /// The model's parameters and buffers (e.g. batch-norm running statistics), in module order.
    public var tensors: [NamedArray]
    /// The optimizer's per-parameter state (momentum buffers, Adam moments), named by the optimizer.
    public var optimizerState: [NamedArray]
    /// Scalar optimizer state and hyper-parameters (`"adam.step"`, `"lr"`).
    public var scalars: [String: Double]
    /// The training RNG's state words (`SeededGenerator.state`), so a resumed run continues the same stream.
    public var rngState: [UInt64]
    /// Free-form facts about the run (command line, data set, date).
    public var metadata: [String: String]

    /// A checkpoint; tensor names must be unique within `tensors` and within `optimizerState`.
    public init(architecture: String, architectureDescription: String = "", epoch: Int = 0, step: Int = 0,
                tensors: [NamedArray] = [], optimizerState: [NamedArray] = [], scalars: [String: Double] = [:],
                rngState: [UInt64] = [], metadata: [String: String] = [:]) {
        self.architecture = architecture
        self.architectureDescription = architectureDescription
        self.epoch = epoch
        self.step = step
        self.tensors = tensors
        self.optimizerState = optimizerState
        self.scalars = scalars
        self.rngState = rngState
        self.metadata = metadata
    }

    /// The model tensor called `name`, if any.
    public func tensor(named name: String) -> NamedArray? {
        tensors.first { $0.name == name }
    }

    /// The values of model tensor `name`, checked against the shape the model expects.
    public func values(of name: String, shape: [Int], source: String = "checkpoint") throws -> [Float] {
        guard let tensor = tensor(named: name) else {
            throw CheckpointError.missingTensor(name: source, tensor: name, available: tensors.map(\.name))
        }
        guard tensor.shape == shape else {
            throw CheckpointError.shapeMismatch(name: source, tensor: name, expected: shape, found: tensor.shape)
        }
        return tensor.values
    }

    /// Checks every expected `(name, shape)` is present with that shape; the first problem is thrown.
    public func validate(shapes expected: [(name: String, shape: [Int])], source: String = "checkpoint") throws {
        for (name, shape) in expected { _ = try values(of: name, shape: shape, source: source) }
    }

    /// Throws unless the checkpoint was made for architecture `expected`.
    public func check(architecture expected: String, source: String = "checkpoint") throws {
        guard architecture == expected else {
            throw CheckpointError.architectureMismatch(name: source, found: architecture, expected: expected)
        }
    }
}
