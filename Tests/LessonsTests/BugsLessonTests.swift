import Foundation
import Testing
import Lessons
import Render

@Suite struct BugsLessonTests {
    @Test(arguments: [Language.en, .zh])
    func catchesEveryBugAndPassesItsSelfCheck(language: Language) throws {
        let (text, report, dir) = try runLessonQuickly("bugs", language: language)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(report.passed)
        #expect(!text.contains("{{"))
        // Each broken variant fails the gradient check and each fixed one passes, as the tables show.
        let fail = language == .zh ? "失败" : "FAIL", pass = language == .zh ? "通过" : "PASS"
        let verdicts = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(verdicts.filter { $0.hasSuffix(fail) }.count == 6)
        #expect(verdicts.filter { $0.hasSuffix(pass) }.count == 6)
        #expect(report.checks.count == 12)
        for name in ["trace-diff.png", "graph.png", "backprop.png", "backprop-bug1.png"] {
            let path = dir + "/" + name
            #expect(report.files.contains(path))
            let image = try PNGImage.read(from: path)
            #expect(image.width > 200 && image.height > 100)
        }
    }
}
