import Foundation
import Testing
@testable import Lessons
import Render

@Suite struct OptimizersLessonTests {
    @Test(arguments: [Language.en, .zh])
    func runsDrawsThePathsAndPassesItsSelfCheck(language: Language) throws {
        let (text, report, dir) = try runLessonQuickly("optimizers", language: language)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(report.passed)
        #expect(!text.contains("{{"))
        #expect(report.files.contains(dir + "/paths.png"))
        let image = try PNGImage.read(from: dir + "/paths.png")
        #expect(image.width > 1000 && image.height > 800)
    }

    @Test func everyRecordedUpdateMatchesItsFormula() throws {
        let (text, report, dir) = try runLessonQuickly("optimizers", language: .en)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Five methods × three updates × two coordinates, plus the gradient and Adam's corrected first step.
        #expect(report.checks.filter { $0.name.contains("Δ") }.count == 31)
        // Adam's first step is η·sign(−g) up to ε: the corrected step size is 1 in units of η.
        #expect(text.contains("| 1.0000"))
    }
}
