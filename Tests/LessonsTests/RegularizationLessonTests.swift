import Foundation
import Testing
@testable import Lessons
import Render

@Suite struct RegularizationLessonTests {
    @Test(arguments: [Language.en, .zh])
    func runsDrawsTheHistogramsAndPassesItsSelfCheck(language: Language) throws {
        let (text, report, dir) = try runLessonQuickly("regularization", language: language)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(report.passed)
        #expect(!text.contains("{{"))
        #expect(report.files.contains(dir + "/weights.png"))
        let image = try PNGImage.read(from: dir + "/weights.png")
        #expect(image.width > 1000 && image.height > 600)
        // Three L1 and three L2 penalty gradients, two full-loss gradients, three dropout gradients.
        #expect(report.checks.count == 11)
    }
}
