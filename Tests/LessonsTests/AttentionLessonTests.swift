import Foundation
import Testing
import Lessons
import Render

@Suite struct AttentionLessonTests {
    @Test(arguments: [Language.en, .zh])
    func runsQuicklyWritesPicturesAndPassesItsSelfCheck(language: Language) throws {
        let (text, report, dir) = try runLessonQuickly("attention", language: language)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(report.passed)
        #expect(!text.contains("{{"))
        for name in ["attention-weights.png", "attention-sqrt-d.png"] {
            let path = dir + "/" + name
            #expect(report.files.contains(path))
            let image = try PNGImage.read(from: path)
            #expect(image.width > 200 && image.height > 100)
        }
        // Four rows of weights summing to 1, and gradients checked numerically.
        #expect(report.checks.filter { $0.expected == 1 && $0.rtol == 0 }.count == 4)
        #expect(report.checks.contains { $0.name.hasPrefix("∂out") })
    }
}
