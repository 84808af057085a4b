import Foundation
import Testing
@testable import Training
@testable import Showcase

@Suite struct TrainingRunsTests {
    /// Two classes, four images: 3 right, 1 wrong.
    static let evaluation = Evaluation(loss: 0.5, classNames: ["cat", "dog"], confusion: [[2, 0], [1, 1]],
                                       predictions: [0, 0, 0, 1])

    @Test func resultsShowAccuracyPerClassTableAndConfusionMatrix() {
        let text = TrainingRuns.results(Self.evaluation)
        #expect(text.hasPrefix("test accuracy 75.00% (4 images), loss 0.5000"))
        #expect(text.contains("confusion matrix (rows: true class, columns: predicted)"))
        #expect(text.contains("100.0 %") && text.contains("50.0 %"))
    }

    @Test func aHistoryWithoutEpochLinesIsRefusedNamingTheFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("history-\(UUID()).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data((EpochRecord.csvHeader + "\n").utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: TrainingError.self) { try TrainingRuns.writeHistory(csv: path, to: "/tmp", command: "t") }
        #expect(throws: TrainingError.self) { try TrainingRuns.writeHistory(csv: path + ".missing", to: "/tmp", command: "t") }
    }
}
