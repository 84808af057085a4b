import Foundation
import Testing
@testable import Lessons
import Render

/// One quick run of a lesson: what it printed, what it reported, and where it wrote.
struct LessonRun {
    /// The lesson's name.
    var name: String
    /// The language it ran in.
    var language: Language
    /// The text it emitted, sections joined by newlines.
    var text: String
    /// Its files and self-check.
    var report: LessonReport
    /// Its output folder, `<parent>/<name>` (the shared seed net sits in `<parent>/models/`).
    var directory: String

    /// The path of a file the lesson writes, by name.
    func path(_ file: String) -> String { directory + "/" + file }
}

/// Runs a lesson quickly and checks what every lesson must deliver: the self-check passed, every file exists,
/// every PNG decodes to a real picture, no placeholder is left and no number is non-finite in the text.
enum LessonSmoke {
    /// A fresh private parent folder; a lesson runs into `<parent>/<name>`, so lessons that train the shared seed
    /// net keep its checkpoint (`<parent>/models/`) to themselves.
    static func temporaryParent() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("dlexplain-lesson-\(UUID().uuidString)").path
    }

    /// Runs `name` in `language` (quick, seed 1) into `<parent>/<name>` and checks the common promises. The caller
    /// removes `parent`.
    static func run(_ name: String, language: Language, parent: String) throws -> LessonRun {
        var text = ""
        let directory = parent + "/" + name
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
        if language == .zh {
            // Every figure of the Chinese edition in Chinese: no English word drawn in any SVG it wrote.
            for file in report.files where file.hasSuffix(".svg") {
                let svg = try String(contentsOfFile: file, encoding: .utf8)
                let english = FigureLanguage.englishWords(svg: svg)
                #expect(english.isEmpty, "\(file): English in a Chinese figure: \(english.prefix(8).map { "\($0.word) (in “\($0.run)”)" })")
            }
        }
        #expect(!text.contains("{{"), "\(name): unfilled placeholder")
        #expect(text.range(of: #"\b(nan|-?inf)\b"#, options: .regularExpression) == nil,
                "\(name): non-finite number in the text")
        return LessonRun(name: name, language: language, text: text, report: report, directory: directory)
    }
}
