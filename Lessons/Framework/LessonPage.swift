import Foundation
import Render

/// A lesson as the explorer's lessons page shows it: run once into a directory, its text split into the
/// sections it said (Markdown, placeholders filled with the run's numbers), each section's figures beside it,
/// and the self-check table. The text comes from the same `<lesson>.<lang>.md` as `dlexplain lesson`.
public struct LessonPage: Encodable, Sendable {
    /// One figure: the file name inside the lesson's directory, its title and the command that made it.
    public struct Figure: Encodable, Sendable, Equatable {
        /// File name (`graph.svg`), relative to the lesson's directory.
        public var file: String
        /// The title recorded in the picture.
        public var title: String
        /// The command recorded in the picture.
        public var command: String
    }

    /// One section of the text and the figures written for it.
    public struct Section: Encodable, Sendable {
        /// The section's name in the Markdown (`forward`).
        public var name: String
        /// Its Markdown, placeholders filled.
        public var markdown: String
        /// Figures written just before the section was said (a lesson draws, then shows).
        public var figures: [Figure]
    }

    /// One self-check row.
    public struct Check: Encodable, Sendable, Equatable {
        /// What was checked.
        public var name: String
        /// The value the lesson showed.
        public var shown: Double
        /// The independent value.
        public var expected: Double
        /// |shown − expected|.
        public var difference: Double
        /// Within tolerance.
        public var passed: Bool
    }

    /// The lesson's name.
    public var name: String
    /// The language of the text.
    public var language: String
    /// Its one-line summary.
    public var summary: String
    /// The command that runs the same lesson in a terminal.
    public var command: String
    /// The sections in the order said.
    public var sections: [Section]
    /// The self-check.
    public var checks: [Check]
    /// Whether every check passed.
    public var passed: Bool

    /// Runs lesson `name` in `language` into `directory` and collects its page. Throws `LessonCatalogError` for
    /// an unknown name, and whatever the lesson throws.
    public static func build(_ name: String, language: Language, directory: String, seed: UInt64 = 1,
                             quick: Bool = false) throws -> LessonPage {
        let lesson = try LessonCatalog.lesson(named: name)
        let command = Gallery.lessonCommand(lesson.name, language, seed, quick)
        let context = LessonContext(language: language, outputDirectory: directory, seed: seed, quick: quick,
                                    command: command, emit: { _ in })
        let record = try LessonRunner.record(lesson.name, context: context)
        var sections: [Section] = []
        for (index, said) in record.said.enumerated() {
            let start = index == 0 ? 0 : record.said[index - 1].filesBefore
            // Files written after the last section belong to it.
            let end = index == record.said.count - 1 ? record.files.count : said.filesBefore
            let files = Array(record.files[min(start, end)..<end])
            let figures = Gallery.figures(in: files).map { path in
                let caption = Gallery.caption(of: path)
                return Figure(file: (path as NSString).lastPathComponent, title: caption.title,
                              command: caption.command)
            }
            // The same typography as the terminal (Chinese quotes, "− 0.9" for "+ -0.9"), line by line.
            let typeset = said.text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { MarkdownTerminal.typeset(String($0)) }.joined(separator: "\n")
            sections.append(Section(name: said.name, markdown: typeset, figures: figures))
        }
        let checks = record.checks.map {
            Check(name: $0.name, shown: $0.shown, expected: $0.expected, difference: abs($0.shown - $0.expected),
                  passed: $0.passed)
        }
        return LessonPage(name: lesson.name, language: language.rawValue,
                          summary: lesson.summary[language] ?? lesson.summary[.en] ?? "", command: command,
                          sections: sections, checks: checks, passed: record.report.passed)
    }
}
