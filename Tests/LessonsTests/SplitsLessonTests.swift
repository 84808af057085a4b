import Foundation
import Testing
@testable import Lessons
import Render

@Suite struct SplitsLessonTests {
    @Test(arguments: [Language.en, .zh])
    func runsDrawsTheCurvesAndPassesItsSelfCheck(language: Language) throws {
        let (text, report, dir) = try runLessonQuickly("splits", language: language)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(report.passed)
        #expect(!text.contains("{{"))
        #expect(report.files.contains(dir + "/curves.png"))
        let image = try PNGImage.read(from: dir + "/curves.png")
        #expect(image.width > 1000 && image.height > 600)
        // The reported accuracies are recounted from predictions, and gradients are checked in three layers.
        #expect(report.checks.count == 6)
    }
}
