import ArgumentParser
import Foundation
import Lessons
import Showcase
import Render

extension Language: ExpressibleByArgument {}

/// Options every lesson-running command shares.
struct LessonOptions: ParsableArguments {
    @Option(help: "Language of the text: en or zh (中文).") var lang: Language = .en
    @Option(help: "Directory for the lesson's files (default: Output/<lesson>).") var out: String?
    @Option(help: "Seed for every random choice (data, initialisation).", transform: Checked.seed) var seed: UInt64 = 1
    @Flag(help: "Smaller settings (fewer points and steps), as the smoke tests use.") var quick = false
}

struct Lesson: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a lesson: narration with computed numbers, diagrams in Output/<lesson>/, a self-check.")

    @Argument(help: "The lesson to run (see `dlexplain lessons`).") var name: String
    @OptionGroup var options: LessonOptions

    func validate() throws {
        do { _ = try LessonCatalog.lesson(named: name) } catch { throw ValidationError("\(error)") }
    }

    func run() throws {
        let style = Style.standardOutput
        let markdown = MarkdownTerminal(width: 100, style: style)
        let directory = options.out ?? "Output/\(name.lowercased())"
        let context = LessonContext(
            language: options.lang, outputDirectory: directory, seed: options.seed, quick: options.quick,
            command: CommandLine.arguments.dropFirst().reduce("dlexplain") { $0 + " " + $1 },
            emit: { print(markdown.render($0) + "\n") })
        let report: LessonReport
        do {
            try RunGuard.lockOutput(directory, command: commandLine)
            report = try LessonRunner.run(name, context: context)
        } catch {
            printError("dlexplain lesson \(name): \(error)")
            throw ExitCode.failure
        }
        print(report.render(language: options.lang, style: style))
        if !report.passed { throw ExitCode.failure }
    }
}

struct Lessons: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the lessons in curriculum order.")
    @Option(help: "Language of the summaries: en or zh.") var lang: Language = .en

    func run() {
        let style = Style.standardOutput
        let list = LessonCatalog.all.enumerated().map { index, lesson in
            "\(index + 1). **\(lesson.name)** — " + (lesson.summary[lang] ?? lesson.summary[.en] ?? "")
        }
        print(MarkdownTerminal(width: 100, style: style).render(list.joined(separator: "\n")))
        print(lang == .zh ? "\n运行：dlexplain lesson <课程> [--lang zh]" : "\nRun one: dlexplain lesson <lesson> [--lang zh]")
    }
}
