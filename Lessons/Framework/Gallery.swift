import Groundwork
import Foundation
import Render

/// The teaching set in one go: every lesson run into `<dir>/<lesson>/`, then one self-contained `index.html`
/// with a section per lesson and every figure inline (SVG as markup, no network resources), each with its
/// caption and the command that made it — for a teacher to open from disk or project.
public enum Gallery {
    /// What one lesson contributed.
    public struct Section {
        /// The lesson's name.
        public var lesson: String
        /// Its one-line summary in the gallery's language.
        public var summary: String
        /// Its figures (SVG paths, with PNG-only figures where no SVG exists).
        public var figures: [String]
        /// Whether its self-check passed.
        public var passed: Bool
    }

    /// Runs `lessons` (all by default) into `directory`, writes `index.html`, returns the sections and the page.
    public static func build(language: Language, directory: String, seed: UInt64 = 1, quick: Bool = false,
                             lessons: [String]? = nil,
                             progress: (String) -> Void = { _ in }) throws -> (sections: [Section], page: String) {
        var sections: [Section] = []
        for lesson in try (lessons ?? LessonCatalog.names).map(LessonCatalog.lesson(named:)) {
            progress(lesson.name)
            let context = LessonContext(
                language: language, outputDirectory: PathText.join(directory, lesson.name),
                seed: seed, quick: quick, command: lessonCommand(lesson.name, language, seed, quick), emit: { _ in })
            let report = try LessonRunner.run(lesson.name, context: context)
            sections.append(Section(lesson: lesson.name,
                                    summary: lesson.summary[language] ?? lesson.summary[.en] ?? "",
                                    figures: figures(in: report.files), passed: report.passed))
        }
        let page = PathText.join(directory, "index.html")
        try AtomicFile.write(html(sections, language: language, directory: directory), to: page)
        return (sections, page)
    }

    /// The command that regenerates one lesson's figures on its own.
    static func lessonCommand(_ name: String, _ language: Language, _ seed: UInt64, _ quick: Bool) -> String {
        "dlexplain lesson \(name) --lang \(language.rawValue)" + (seed == 1 ? "" : " --seed \(seed)")
            + (quick ? " --quick" : "")
    }

    /// The pictures among a lesson's files: each SVG, or the PNG where a picture has no SVG. Flipbook frames
    /// are kept (the page folds them away).
    static func figures(in files: [String]) -> [String] {
        let svgs = Set(files.filter { $0.hasSuffix(".svg") }.map { String($0.dropLast(4)) })
        return files.filter { file in
            file.hasSuffix(".svg") || (file.hasSuffix(".png") && !svgs.contains(String(file.dropLast(4))))
        }
    }

    /// Title and command of a figure, read from its PNG's text chunks (every picture carries them).
    static func caption(of figure: String) -> (title: String, command: String) {
        let png = figure.hasSuffix(".svg") ? String(figure.dropLast(4)) + ".png" : figure
        let chunks = (try? Data(contentsOf: URL(fileURLWithPath: png))).map { PNGChunks.text(in: [UInt8]($0)) } ?? []
        let title = chunks.first { $0.key == "Title" }?.value ?? PathText.lastComponent(figure)
        let command = chunks.first { $0.key == "Comment" }?.value ?? ""
        return (title, command)
    }
}
