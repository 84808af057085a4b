import Foundation
import Testing
@testable import Lessons
import Render

@Suite struct BatchnormLessonTests {
    @Test(arguments: [Language.en, .zh])
    func runsDrawsTheStatisticsAndPassesItsSelfCheck(language: Language) throws {
        let (text, report, dir) = try runLessonQuickly("batchnorm", language: language)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(report.passed)
        #expect(!text.contains("{{"))
        #expect(report.files.contains(dir + "/activations.png"))
        let image = try PNGImage.read(from: dir + "/activations.png")
        #expect(image.width > 1000 && image.height > 600)
        // Three mode outputs, three forward statistics, three backward gradients (x, γ, β).
        #expect(report.checks.count == 9)
    }
}
