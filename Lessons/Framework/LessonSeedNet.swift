import Data
import Explain
import Foundation
import NN
import Render

/// The seed documents' CNN trained once on a limited subset of Fashion-MNIST and shared by the `cnn` and `saliency`
/// lessons: trained into `<parent of the lesson's output>/models/…` unless a valid checkpoint of the same settings
/// is already there (checksum, architecture, epoch and seed checked), in which case it is reused.
struct LessonSeedNet {
    /// The training settings: every choice that decides the weights.
    let configuration: TrainingConfiguration
    /// The trained network, in evaluation mode.
    let model: Sequential
    /// The checkpoint file.
    let path: String
    /// True when this run trained the network; false when it reused the checkpoint.
    let trained: Bool
    /// Why an existing file was not reused (nil when there was none, or it was reused).
    let rejected: String?
    /// Seconds spent training (0 when reused).
    let seconds: Double
    /// The test images the accuracy was measured on (all 10 000, or a sample in quick mode).
    let test: ImageDataset
    /// Accuracy on `test`, computed now.
    let testAccuracy: Double
    /// Whether this is the tiny smoke-test model.
    let quick: Bool

    /// Training examples used (the `--limit` of `dlexplain train`).
    var trainCount: Int { configuration.limit ?? 0 }

    /// The settings: `quick` trains a few hundred images for smoke tests; otherwise a subset small enough to
    /// train in well under a minute in a release build.
    static func configuration(_ context: LessonContext) -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.architecture = .seed
        c.seed = context.seed
        c.limit = context.quick ? 1000 : 30_000
        c.epochs = context.quick ? 1 : 2
        c.validationCount = context.quick ? 100 : 1000
        c.learningRate = 0.05
        c.momentum = 0.5
        c.batchSize = 64
        c.threads = 2
        let tag = "seed-n\(c.limit!)-e\(c.epochs)-s\(c.seed)"
        let parent = (context.outputDirectory as NSString).deletingLastPathComponent
        c.outputDirectory = ((parent as NSString).appendingPathComponent("models") as NSString)
            .appendingPathComponent(tag)
        return c
    }

    /// Loads the shared checkpoint when valid, else trains it; then measures the test accuracy.
    static func obtain(_ context: LessonContext) throws -> LessonSeedNet {
        let c = configuration(context)
        let path = c.resolvedCheckpointPath
        let testFull = try ImageDataset.load(.test)
        let test = context.quick ? testFull.shuffledPrefix(200, seed: context.seed) : testFull
        var rejected: String?
        if FileManager.default.fileExists(atPath: path) {
            do {
                let model = try reuse(path, configuration: c)
                return LessonSeedNet(configuration: c, model: model, path: path, trained: false, rejected: nil,
                                     seconds: 0, test: test,
                                     testAccuracy: Trainer.evaluate(model, on: test).accuracy, quick: context.quick)
            } catch {
                rejected = "\(error)"
            }
        }
        let data = try TrainingData.load(configuration: c)
        let trainer = try Trainer(configuration: c, data: TrainingData(train: data.train, validation: data.validation,
                                                                       test: test))
        let clock = ContinuousClock(), start = clock.now
        let report = try trainer.run()
        let elapsed = clock.now - start
        trainer.model.eval()
        return LessonSeedNet(configuration: c, model: trainer.model, path: path, trained: true, rejected: rejected,
                             seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18,
                             test: test, testAccuracy: report.test.accuracy, quick: context.quick)
    }

    /// The checkpoint's model, or an error saying why it does not fit these settings.
    static func reuse(_ path: String, configuration c: TrainingConfiguration) throws -> Sequential {
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
    var explainer: Explainer { Explainer(model: model, imageShape: test.imageShape, normalization: test.normalization) }

    /// Index in `test` of the first image of class `label` the model classifies correctly (else the first of it).
    func firstCorrect(label: Int) -> Int {
        let indices = test.labels.indices.filter { test.labels[$0] == label }
        return indices.first { explainer.predictedClass(Array(test.image(at: $0))) == label } ?? indices.first ?? 0
    }
}

/// Fashion-MNIST's class names as a Chinese textbook writes them, in label order.
let fashionClassNamesZh = ["T恤/上衣", "裤子", "套头衫", "连衣裙", "外套", "凉鞋", "衬衫", "运动鞋", "包", "短靴"]

extension LessonSeedNet {
    /// What the text says about the shared model: trained now or reused, its data and its test accuracy.
    func placeholders(language: Language) -> [String: String] {
        let net = self
        let zh = language == .zh
        let c = net.configuration
        var status: String
        if net.trained {
            status = zh ? "本次运行训练了它，用时 \(fmt(net.seconds, digits: 1)) 秒，并保存为检查点"
                        : "This run trained it, in \(fmt(net.seconds, digits: 1)) s, and saved the checkpoint"
            if let why = net.rejected {
                status += zh ? "（已有的文件不能复用：\(why)）" : " (the file already there could not be reused: \(why))"
            }
        } else {
            status = zh ? "本次运行复用了之前训练好的检查点（校验和、架构、轮数和种子都已核对），没有重新训练"
                        : "This run reused the checkpoint trained earlier (its checksum, architecture, epochs and seed "
                            + "were checked) instead of training again"
        }
        return [
            "status": status, "path": LessonFiles.display(net.path),
            "train_count": "\(net.trainCount)", "epochs": "\(c.epochs)", "batch": "\(c.batchSize)",
            "lr": fmt(Double(c.learningRate), digits: 2), "momentum": fmt(Double(c.momentum), digits: 1),
            "test_count": "\(net.test.count)", "accuracy": String(format: "%.1f%%", 100 * net.testAccuracy),
            "chance": String(format: "%.0f%%", 100 / Double(net.test.classNames.count)),
            "quick_note": net.configuration.limit == nil || !net.quick ? "" : zh
                ? "（快速模式：只为冒烟测试训练了极少的图像，准确率因此很低；去掉 --quick 才能得到有用的模型。）"
                : " (Quick mode: a tiny run for smoke tests, hence the low accuracy; run without --quick for a "
                    + "useful model.)",
        ]
    }

    /// The name of class `label` in `language`.
    func className(_ label: Int, _ language: Language) -> String {
        language == .zh && test.classNames.count == fashionClassNamesZh.count
            ? fashionClassNamesZh[label] : test.classNames[label]
    }
}
