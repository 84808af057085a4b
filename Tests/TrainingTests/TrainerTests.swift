import Datasets
import Foundation
import Testing
import TensorGrad
@testable import NN
@testable import Training

/// Real Fashion-MNIST, loaded once for the suite: 2000 training images, 500 validation, 500 test.
enum TrainingFixture {
    static let full: (train: ImageDataset, test: ImageDataset) = {
        (try! ImageDataset.load(.train), try! ImageDataset.load(.test))
    }()

    static func data(limit: Int = 2000) -> TrainingData {
        let (train, validation) = try! full.train.split(validationCount: 500, seed: 1, limit: limit)
        return TrainingData(train: train, validation: validation, test: full.test.prefix(500))
    }

    static func configuration(_ arch: Architecture = .mlp, epochs: Int = 1, directory: String) -> TrainingConfiguration {
        var c = TrainingConfiguration()
        (c.architecture, c.epochs, c.outputDirectory, c.seed, c.threads) = (arch, epochs, directory, 3, 2)
        return c
    }

    static func directory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("dlx-train-\(UUID().uuidString)").path
    }

    static func weights(_ trainer: Trainer) -> [[UInt32]] {
        trainer.model.parameters.map { $0.scalars.map(\.bitPattern) }
    }
}

@Suite struct TrainerTests {
    @Test func oneEpochOnTwoThousandImagesLearns() throws {
        let dir = TrainingFixture.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var config = TrainingFixture.configuration(.mlp, directory: dir)
        config.learningRate = 0.05
        let trainer = try Trainer(configuration: config, data: TrainingFixture.data())
        var losses: [Double] = []
        let report = try trainer.run { event in
            if case let .batch(_, _, _, loss, _, _) = event { losses.append(loss) }
        }
        #expect(losses.count == 32)  // ⌈2000 / 64⌉ batches
        #expect(losses.last! < losses.first! * 0.7)  // running mean loss falls
        #expect(report.test.accuracy > 0.5)  // chance is 0.1
        #expect(report.history.count == 1 && report.history[0].validationAccuracy > 0.5)
        let csv = try String(contentsOfFile: report.historyPath, encoding: .utf8).split(separator: "\n")
        #expect(csv.first == "epoch,train_loss,train_acc,val_loss,val_acc,seconds,images_per_s" && csv.count == 2)
        #expect(FileManager.default.fileExists(atPath: report.checkpointPath))
    }

    @Test func sameSeedAndThreadsGiveBitIdenticalWeights() throws {
        let dir = TrainingFixture.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let data = TrainingFixture.data(limit: 500)
        let config = TrainingFixture.configuration(.seed, directory: dir)
        let a = try Trainer(configuration: config, data: data), b = try Trainer(configuration: config, data: data)
        _ = try a.trainEpoch()
        _ = try b.trainEpoch()
        #expect(TrainingFixture.weights(a) == TrainingFixture.weights(b))
        var other = config
        other.seed = 4
        let c = try Trainer(configuration: other, data: data)
        _ = try c.trainEpoch()
        #expect(TrainingFixture.weights(a) != TrainingFixture.weights(c))
    }

    @Test func resumeEqualsAnUninterruptedRun() throws {
        let dir = TrainingFixture.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let data = TrainingFixture.data(limit: 300)
        let whole = try Trainer(configuration: TrainingFixture.configuration(.seed, epochs: 2, directory: dir + "/a"),
                                data: data)
        let wholeReport = try whole.run()
        let first = try Trainer(configuration: TrainingFixture.configuration(.seed, epochs: 1, directory: dir + "/b"),
                                data: data)
        let path = try first.run().checkpointPath
        let resumed = try Trainer(configuration: TrainingFixture.configuration(.seed, epochs: 2, directory: dir + "/b"),
                                  data: data)
        try resumed.restore(from: Checkpoint.read(from: path), source: path)
        #expect(resumed.epoch == 1 && resumed.history.count == 1)
        let resumedReport = try resumed.run()
        #expect(TrainingFixture.weights(resumed) == TrainingFixture.weights(whole))
        #expect(resumedReport.test.predictions == wholeReport.test.predictions)
        // The first epoch's record comes back from the checkpoint's CSV text (6 decimals).
        let losses = { (r: TrainingReport) in r.history.map { String(format: "%.6f", $0.trainLoss) } }
        #expect(losses(resumedReport) == losses(wholeReport))
    }

    @Test func checkpointThenLoadEvaluatesIdentically() throws {
        let dir = TrainingFixture.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let trainer = try Trainer(configuration: TrainingFixture.configuration(.mlp, directory: dir),
                                  data: TrainingFixture.data(limit: 500))
        let report = try trainer.run()
        let loaded = try Trainer.loadModel(from: report.checkpointPath, expectArchitecture: .mlp)
        let again = Trainer.evaluate(loaded.model, on: trainer.data.test)
        #expect(again.predictions == report.test.predictions && again.loss == report.test.loss)
        #expect(loaded.checkpoint.epoch == 1 && loaded.checkpoint.step == 8)
    }

    @Test func wrongArchitectureCheckpointIsNamed() throws {
        let dir = TrainingFixture.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let mlp = try Trainer(configuration: TrainingFixture.configuration(.mlp, directory: dir),
                              data: TrainingFixture.data(limit: 100))
        let path = dir + "/mlp.dlxckpt"
        try mlp.checkpoint().write(to: path)
        let seed = try Trainer(configuration: TrainingFixture.configuration(.seed, directory: dir),
                               data: TrainingFixture.data(limit: 100))
        #expect(throws: CheckpointError.architectureMismatch(name: path, found: "mlp", expected: "seed")) {
            try seed.restore(from: Checkpoint.read(from: path), source: path)
        }
        #expect(throws: CheckpointError.architectureMismatch(name: path, found: "mlp", expected: "wide")) {
            try Trainer.loadModel(from: path, expectArchitecture: .wide)
        }
    }

    @Test func nonFiniteLossStopsAtTheStepAndNamesTheLayer() throws {
        let dir = TrainingFixture.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var config = TrainingFixture.configuration(.mlp, directory: dir)
        config.learningRate = 1e30
        let trainer = try Trainer(configuration: config, data: TrainingFixture.data(limit: 500))
        do {
            _ = try trainer.run()
            Issue.record("expected training to stop on a non-finite loss")
        } catch let TrainingError.nonFinite(step, epoch, layer, _, checkpoint) {
            #expect(step > 1 && epoch == 1 && checkpoint == nil)
            #expect(trainer.model.layers.map(\.name).contains(layer) || layer.hasSuffix("weight")
                    || layer.hasSuffix("bias") || layer == "loss")
        }
        #expect(!FileManager.default.fileExists(atPath: config.resolvedCheckpointPath))
    }

    @Test func invalidConfigurationsAreRefusedByName() {
        var c = TrainingConfiguration()
        c.learningRate = 0
        #expect(throws: TrainingError.invalidConfiguration("learning rate is 0.0; expected > 0")) {
            try Trainer.validate(c)
        }
    }
}
