import Groundwork
import Datasets
import Foundation
import NN
import Testing
@testable import Training

@Suite struct GradientHealthTests {
    static func trainer(_ directory: String) throws -> Trainer {
        var g = SeededGenerator(seed: 4)
        let count = 32
        let images = (0..<(count * 784)).map { _ in Float(g.nextUnit()) }
        let labels = (0..<count).map { $0 % 10 }
        let set = ImageDataset(images: images, labels: labels, rows: 28, cols: 28,
                               classNames: DatasetKind.fashionMNIST.classNames, normalization: .unitInterval)
        var c = TrainingConfiguration()
        c.architecture = .seed
        c.epochs = 2
        c.batchSize = 16
        c.threads = 1
        c.outputDirectory = directory
        return try Trainer(configuration: c, data: TrainingData(train: set, validation: set.prefix(8), test: set.prefix(8)))
    }

    @Test func recorderWritesOneRowPerLayerAndEpochWithoutChangingTheRun() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dlx-health-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let watched = try Self.trainer(directory), plain = try Self.trainer(directory + "/plain")
        let recorder = GradientHealthRecorder(sampleEvery: 1)
        watched.observers = [recorder]
        _ = try watched.run()
        _ = try plain.run()
        #expect(watched.model.parameters.map(\.scalars) == plain.model.parameters.map(\.scalars))
        #expect(recorder.records.map(\.layer) == ["conv1", "conv2", "fc1", "fc2", "conv1", "conv2", "fc1", "fc2"])
        #expect(recorder.records.map(\.epoch) == [1, 1, 1, 1, 2, 2, 2, 2])
        for record in recorder.records {
            #expect(record.gradientNorm > 0 && record.updateRatio > 0 && record.updateRatio < 1, "\(record)")
            #expect((record.deadReLUFraction == nil) == (record.layer == "fc2"))
            if let dead = record.deadReLUFraction { #expect(dead >= 0 && dead <= 1) }
        }
        let path = directory + "/health.csv"
        try recorder.csv.write(toFile: path, atomically: true, encoding: .utf8)
        let read = try GradientHealthRecord.read(from: path)
        #expect(read.count == 8 && read.map(\.layer) == recorder.records.map(\.layer))
        #expect(read[3].deadReLUFraction == nil)
        #expect(throws: TrainingError.self) { try GradientHealthRecord.read(from: directory + "/missing.csv") }
    }
}
