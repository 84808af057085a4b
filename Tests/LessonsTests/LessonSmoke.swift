import Foundation
import Lessons
import Render

/// Runs a lesson quickly into a fresh temporary folder and returns its text, report and folder.
func runLessonQuickly(_ name: String, language: Language) throws -> (text: String, report: LessonReport, dir: String) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-\(name)-\(UUID().uuidString)").path
    var text = ""
    let context = LessonContext(language: language, outputDirectory: dir, seed: 1, quick: true,
                                command: "dlexplain lesson \(name) --quick", emit: { text += $0 + "\n" })
    let report = try LessonRunner.run(name, context: context)
    return (text, report, dir)
}
