import TensorGrad
import NN
import Datasets
import Foundation
import Groundwork

/// Everything that decides a training run. Same configuration (seed and threads included) → same weights, bit for bit.
public struct TrainingConfiguration: Codable, Equatable, Sendable {
    /// The network.
    public var architecture: Architecture = .seed
    /// Epochs to reach (a resumed run continues up to this many).
    public var epochs = 1
    /// Examples per mini-batch.
    public var batchSize = 64
    /// The optimizer.
    public var optimizer: OptimizerKind = .sgd
    /// Learning rate (the seed documents' 0.01 by default).
    public var learningRate: Float = 0.01
    /// Momentum for SGD and RMSProp (the seed documents' 0.5).
    public var momentum: Float = 0.5
    /// Nesterov momentum for SGD.
    public var nesterov = false
    /// Weight decay (L2 added to the gradient; decoupled for AdamW).
    public var weightDecay: Float = 0
    /// Strength of the L1 and L2 loss penalties over all parameters (0: none).
    public var l1Penalty: Float = 0, l2Penalty: Float = 0
    /// Optional step schedule: multiply the learning rate by `gamma` every `stepSize` epochs.
    public var scheduleStepSize: Int?, scheduleGamma: Float = 0.1
    /// Seed of initialisation, split, batch order and dropout masks.
    public var seed: UInt64 = 1
    /// Threads for BLAS and the engine's parallel loops.
    public var threads = 2
    /// Use only the first `limit` training examples (after the seeded split); nil for all.
    public var limit: Int?
    /// Examples held out of the training file for validation; nil for one in `validationShare` (5 000 of
    /// Fashion-MNIST's 60 000, as before, and still possible for a small `--data` set).
    public var validationCount: Int?
    /// Where the history CSV (and the default checkpoint) go.
    public var outputDirectory = "Output/train"
    /// Checkpoint path; nil for `<outputDirectory>/<architecture>.dlxckpt`.
    public var checkpointPath: String?

    /// The defaults above.
    public init() {}

    /// The default validation share: one image in this many of the training file.
    public static let validationShare = 12

    /// The checkpoint path in force.
    public var resolvedCheckpointPath: String {
        checkpointPath ?? PathText.join(outputDirectory, "\(architecture.rawValue).dlxckpt")
    }

    /// The history CSV path: `<outputDirectory>/<architecture>-history.csv`.
    public var historyPath: String {
        PathText.join(outputDirectory, "\(architecture.rawValue)-history.csv")
    }

    /// Validation examples for a training file of `count` images: `validationCount`, else one in
    /// `validationShare`; a file too small to give both sets at least one image is refused, naming the minimum.
    public func validationCount(trainingImages count: Int) throws -> Int {
        if let validationCount { return validationCount }
        let share = TrainingConfiguration.validationShare
        guard count >= share else {
            throw DataError.invalidSplit(reason: "the training file holds \(count) image\(count == 1 ? "" : "s"); "
                + "expected at least \(share) (one in \(share) is held out for validation, the rest is trained on)")
        }
        return count / share
    }

    /// The learning rate for (0-based) `epoch` under the schedule, if any.
    public func learningRate(epoch: Int) -> Float {
        guard let stepSize = scheduleStepSize else { return learningRate }
        return StepSchedule(baseLearningRate: learningRate, stepSize: stepSize, gamma: scheduleGamma)
            .learningRate(epoch: epoch)
    }
}

/// The three data sets of a run: training, validation (held out of the training file) and test.
public struct TrainingData: Sendable {
    /// Examples trained on.
    public var train: ImageDataset
    /// Examples for per-epoch validation.
    public var validation: ImageDataset
    /// The test file's examples, for the final accuracy.
    public var test: ImageDataset

    /// The three sets as given.
    public init(train: ImageDataset, validation: ImageDataset, test: ImageDataset) {
        (self.train, self.validation, self.test) = (train, validation, test)
    }

    /// Loads an MNIST-format directory (nil: Fashion-MNIST's default location) and splits its training file
    /// with `configuration`'s seed, validation count and limit.
    public static func load(directory: String? = nil, configuration: TrainingConfiguration) throws -> TrainingData {
        let size = Architecture.imageSize
        let purpose = "the size \(configuration.architecture.rawValue) takes"
        // Split in place before the test file is read: one copy of the training pixels at any time.
        var train = try ImageDataset.load(.train, from: directory, imageSize: size, purpose: purpose)
        let validation = try train.splitOffValidation(
            validationCount: configuration.validationCount(trainingImages: train.count),
            seed: configuration.seed, limit: configuration.limit)
        let test = try ImageDataset.load(.test, from: directory, imageSize: size, purpose: purpose)
        guard test.count > 0 else {
            throw DataError.invalidSplit(reason: "the test file holds no images; expected at least 1 for the final accuracy")
        }
        return TrainingData(train: train, validation: validation, test: test)
    }
}
