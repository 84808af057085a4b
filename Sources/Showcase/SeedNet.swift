import Groundwork
import Datasets
import Explain
import Foundation
import NN
import Render
import Training

/// The seed documents' CNN trained once on a limited subset of Fashion-MNIST and shared by the `cnn` and `saliency`
/// lessons (and any other front end that wants a trained model without a `train` run first): trained into
/// `<models directory>/<settings tag>/` unless a valid checkpoint of the same settings is already there (checksum,
/// architecture, epoch and seed checked), in which case it is reused.
public struct SeedNet {
    /// The training settings: every choice that decides the weights.
    public let configuration: TrainingConfiguration
    /// The trained network, in evaluation mode.
    public let model: Sequential
    /// The checkpoint file.
    public let path: String
    /// True when this run trained the network; false when it reused the checkpoint.
    public let trained: Bool
    /// Why an existing file was not reused (nil when there was none, or it was reused).
    public let rejected: String?
    /// Seconds spent training (0 when reused).
    public let seconds: Double
    /// The test images the accuracy was measured on (all 10 000, or a sample in quick mode).
    public let test: ImageDataset
    /// Accuracy on `test`, computed now.
    public let testAccuracy: Double
    /// Whether this is the tiny smoke-test model.
    public let quick: Bool

    /// Training examples used (the `--limit` of `dlexplain train`).
    public var trainCount: Int { configuration.limit ?? 0 }

    /// The settings: `quick` trains a few hundred images for smoke tests; otherwise a subset small enough to
    /// train in well under a minute in a release build. The checkpoint goes to a folder of `modelsDirectory`
    /// named after the settings.
    public static func configuration(seed: UInt64, quick: Bool, modelsDirectory: String) -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.architecture = .seed
        c.seed = seed
        c.limit = quick ? 1000 : 30_000
        c.epochs = quick ? 1 : 2
        c.validationCount = quick ? 100 : 1000
        c.learningRate = 0.05
        c.momentum = 0.5
        c.batchSize = 64
        c.threads = 2
        let tag = "seed-n\(c.limit!)-e\(c.epochs)-s\(c.seed)"
        c.outputDirectory = PathText.join(modelsDirectory, tag)
        return c
    }

    /// Loads the shared checkpoint when valid, else trains it; then measures the test accuracy.
    public static func obtain(seed: UInt64, quick: Bool, modelsDirectory: String) throws -> SeedNet {
        let c = configuration(seed: seed, quick: quick, modelsDirectory: modelsDirectory)
        let path = c.resolvedCheckpointPath
        let testFull = try ImageDataset.load(.test)
        let test = quick ? testFull.shuffledPrefix(200, seed: seed) : testFull
        var rejected: String?
        if FileManager.default.fileExists(atPath: path) {
            do {
                let model = try reuse(path, configuration: c)
                return SeedNet(configuration: c, model: model, path: path, trained: false, rejected: nil,
                                     seconds: 0, test: test,
                                     testAccuracy: Trainer.evaluate(model, on: test).accuracy, quick: quick)
            } catch {
                rejected = "\(error)"
                // The file is SeedNet's own cache (models/<settings>/seed.dlxckpt), rejected and said so: a damaged
                // one is replaced. Anything but a regular file stays and is refused by the trainer.
                if FileBytes.kind(of: path) == "a regular file" { unlink(path) }
            }
        }
        let data = try TrainingData.load(configuration: c)
        let trainer = try Trainer(configuration: c, data: TrainingData(train: data.train, validation: data.validation,
                                                                       test: test))
        let clock = ContinuousClock(), start = clock.now
        let report = try trainer.run()
        let elapsed = clock.now - start
        trainer.model.eval()
        return SeedNet(configuration: c, model: trainer.model, path: path, trained: true, rejected: rejected,
                             seconds: elapsed.inSeconds,
                             test: test, testAccuracy: report.test.accuracy, quick: quick)
    }

    /// The checkpoint's model, or an error saying why it does not fit these settings.
    public static func reuse(_ path: String, configuration c: TrainingConfiguration) throws -> Sequential {
        // Checksum and architecture name are checked by reading; the layer list, the epochs and the seed here.
        let (model, _, checkpoint) = try Trainer.loadModel(from: path, expectArchitecture: c.architecture)
        guard checkpoint.architectureDescription == c.architecture.describe().json else {
            throw CheckpointError.corrupt(name: path, reason: "its layer list differs from today's seed net")
        }
        guard checkpoint.epoch == c.epochs, checkpoint.scalars["seed"] == Double(c.seed) else {
            throw CheckpointError.corrupt(name: path, reason: "it holds epoch \(checkpoint.epoch) of seed "
                + "\(checkpoint.scalars["seed"].map { String(Int($0)) } ?? "?"); expected epoch \(c.epochs) of seed \(c.seed)")
        }
        return model
    }

    /// An explainer of the model over the test set's normalisation.
    public var explainer: Explainer { Explainer(model: model, imageShape: test.imageShape, normalization: test.normalization) }

    /// Index in `test` of the first image of class `label` the model classifies correctly (else the first of it).
    public func firstCorrect(label: Int) -> Int {
        let indices = test.labels.indices.filter { test.labels[$0] == label }
        return indices.first { explainer.predictedClass(Array(test.image(at: $0))) == label } ?? indices.first ?? 0
    }
}


/// Fashion-MNIST's class names as a Chinese textbook writes them, in label order.
public let fashionClassNamesZh = ["T恤/上衣", "裤子", "套头衫", "连衣裙", "外套", "凉鞋", "衬衫", "运动鞋", "包", "短靴"]

extension SeedNet {
    /// The name of class `label` in `language`.
    public func className(_ label: Int, _ language: Language) -> String {
        language == .zh && test.classNames.count == fashionClassNamesZh.count
            ? fashionClassNamesZh[label] : test.classNames[label]
    }
}
