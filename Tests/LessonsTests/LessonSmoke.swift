import Foundation
import Testing
@testable import Lessons
import Render

/// Runs a lesson quickly into a temporary folder and checks what every lesson must deliver: the self-check
/// passed, every file exists, every PNG decodes, no placeholder is left in the text.
enum LessonSmoke {
    static func run(_ name: String, language: Language) throws -> (report: LessonReport, text: String) {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("dlexplain-lesson-\(name)-\(language.rawValue)-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var text = ""
        let context = LessonContext(language: language, outputDirectory: directory, quick: true,
                                    command: "dlexplain lesson \(name) --quick", emit: { text += $0 + "\n" })
        let report = try LessonRunner.run(name, context: context)
        #expect(report.passed, "\(name): \(report.checks.filter { !$0.passed })")
        #expect(!report.files.isEmpty)
        for file in report.files {
            #expect(FileManager.default.fileExists(atPath: file), "\(file) missing")
            if file.hasSuffix(".png") {
                let image = try PNGImage.read(from: file)
                #expect(image.width > 100 && image.height > 100, "\(file) is \(image.width)×\(image.height)")
            }
        }
        #expect(!text.contains("{{"), "\(name): unfilled placeholder")
        #expect(text.range(of: #"\b(nan|-?inf)\b"#, options: .regularExpression) == nil,
                "\(name): non-finite number in the text")
        return (report, text)
    }
}

/// Runs a lesson quickly into a fresh temporary folder and returns its text, report and folder (the caller
/// removes the folder), for tests that look at the files themselves.
func runLessonQuickly(_ name: String, language: Language) throws -> (text: String, report: LessonReport, dir: String) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-\(name)-\(UUID().uuidString)").path
    var text = ""
    let context = LessonContext(language: language, outputDirectory: dir, seed: 1, quick: true,
                                command: "dlexplain lesson \(name) --quick", emit: { text += $0 + "\n" })
    let report = try LessonRunner.run(name, context: context)
    return (text, report, dir)
}
