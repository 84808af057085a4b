import Foundation
import Testing
import Lessons
import Render

@Suite struct RNNLessonTests {
    @Test(arguments: [Language.en, .zh])
    func runsQuicklyWritesPicturesAndPassesItsSelfCheck(language: Language) throws {
        let (text, report, dir) = try runLessonQuickly("rnn", language: language)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(report.passed)
        #expect(!text.contains("{{"))
        for name in ["rnn-loss.png", "rnn-gradient-norms.png", "graph.png", "backprop.png"] {
            let path = dir + "/" + name
            #expect(report.files.contains(path))
            let image = try PNGImage.read(from: path)
            #expect(image.width > 200 && image.height > 100)
        }
        #expect(report.checks.contains { $0.name.hasPrefix("‖∂L/∂h1‖") })
    }
}
