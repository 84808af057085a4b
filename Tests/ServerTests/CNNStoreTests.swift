import Foundation
import Testing
@testable import Server

/// Which files the "inside the CNN" page offers.
@Suite struct CNNStoreTests {
    @Test func checkpointsAndONNXModelsAreListedAndNothingElse() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dlx-cnnstore-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let models = root + "/models"
        try FileManager.default.createDirectory(atPath: root + "/runs", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: models, withIntermediateDirectories: true)
        for file in ["runs/seed.dlxckpt", "runs/mine.onnx", "runs/MINE2.ONNX", "runs/notes.txt", "runs/seed.csv",
                     "models/lesson.dlxckpt"] {
            #expect(FileManager.default.createFile(atPath: root + "/" + file, contents: Data([0])))
        }
        let store = CNNStore(modelsDirectory: models, checkpointDirectories: [root], quick: true)
        let names = store.networks().map(\.name)
        #expect(names.first == "seed net (quick)")
        #expect(Set(names.dropFirst()) == ["seed.dlxckpt", "mine.onnx", "MINE2.ONNX"])
    }
}
