import Foundation
import Groundwork
import Render

/// What a lesson run may use, and where it records what it produced.
///
/// A lesson only declares: it says its sections (`say`), writes its figures (`write`, `record`) and states its
/// checks (`check`). The context keeps the files and checks in order, so `LessonRunner` can build the
/// `LessonReport` and no lesson threads lists of its own. The settings are a value; the record is one shared
/// object per run (the runner starts a fresh one), so every copy handed to a lesson's helpers records into
/// the same report.
public struct LessonContext {
    /// Language of the text.
    public var language: Language
    /// Directory the lesson writes into (`Output/<lesson>/` by default).
    public var outputDirectory: String
    /// Seed for every random choice (data, initialisation).
    public var seed: UInt64
    /// Smaller settings for smoke tests (fewer points, fewer steps); the lesson says so in its text.
    public var quick: Bool
    /// The command line that reproduces this run, recorded in every picture.
    public var command: String
    /// Receives the lesson's text as it is produced (the CLI prints it; tests collect it).
    public var emit: (String) -> Void
    /// This run's text, files and checks; `LessonRunner` replaces it with a fresh one per run.
    var recorder = LessonRecorder(text: nil)

    /// Makes a context.
    public init(language: Language = .en, outputDirectory: String, seed: UInt64 = 1, quick: Bool = false,
                command: String, emit: @escaping (String) -> Void) {
        self.language = language
        self.outputDirectory = outputDirectory
        self.seed = seed
        self.quick = quick
        self.command = command
        self.emit = emit
    }

    /// True when the text is Chinese (lessons pick their figure titles and table headers with it).
    public var zh: Bool { language == .zh }

    /// The path of `file` inside the output directory.
    public func path(_ file: String) -> String {
        PathText.join(outputDirectory, file)
    }

    // MARK: Text

    /// Emits a part of the lesson's own text: `section` of `<lesson>.<lang>.md`, placeholders filled.
    public func say(_ section: String, _ values: [String: String] = [:]) throws {
        guard let text = recorder.text else { throw LessonTextError.notLoaded(section: section) }
        let rendered = try text.render(section: section, values: values)
        recorder.said.append((section, rendered, recorder.files.count))
        emit(rendered)
    }

    // MARK: Files

    /// Writes `chart` as `<name>.svg` and `.png` into the output directory and records both; returns their paths.
    @discardableResult
    public func write(_ chart: some Chart, name: String) throws -> [String] {
        record(try chart.write(to: outputDirectory, name: name, command: command))
    }

    /// Records files a lesson wrote by other means (trace diagrams, figures of a helper); returns them.
    @discardableResult
    public func record(_ paths: [String]) -> [String] {
        recorder.files += paths
        return paths
    }

    /// The recorded file whose name is `name`, for the text to cite (`name` itself when none is).
    public func file(named name: String) -> String {
        recorder.files.first { $0.hasSuffix("/" + name) } ?? name
    }

    // MARK: Self-check

    /// Records one self-check row with the default (gradcheck) tolerances.
    public func check(name: String, shown: Double, expected: Double) {
        recorder.checks.append(SelfCheckRow(name: name, shown: shown, expected: expected))
    }

    /// Records self-check rows (for rows with their own tolerances, or rows a helper computed).
    public func check(_ rows: SelfCheckRow...) {
        recorder.checks += rows
    }

    /// Records self-check rows, in order.
    public func check(_ rows: [SelfCheckRow]) {
        recorder.checks += rows
    }
}

/// What one lesson run produced so far: its text (loaded by the runner), files and checks in order.
final class LessonRecorder {
    /// The lesson's text in the run's language; nil in a context made outside `LessonRunner`.
    let text: LessonText?
    /// Files written, in order.
    var files: [String] = []
    /// Self-check rows, in order.
    var checks: [SelfCheckRow] = []
    /// Sections said, in order: name, text with placeholders filled, and how many files existed when it was said
    /// (a lesson writes a figure, then says the section showing it; the explorer places figures by this).
    var said: [(name: String, text: String, filesBefore: Int)] = []

    init(text: LessonText?) {
        self.text = text
    }

    /// The report of the run: the files and the checks, as recorded.
    var report: LessonReport { LessonReport(files: files, checks: checks) }
}
