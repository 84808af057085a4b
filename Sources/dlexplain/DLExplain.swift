import ArgumentParser
import Lessons

/// The `dlexplain` command: parses, calls a library, prints the paths it wrote. Logic lives in libraries.
@main
struct DLExplain: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "dlexplain",
        abstract: "Make deep learning visible: traces, gradients, diagrams and lessons with real numbers.",
        discussion: "Outputs land in Output/<command>/ unless --out says otherwise.",
        version: version,
        subcommands: [
            Lesson.self, Lessons.self, TraceCommand.self, GradCheckCommand.self, TrainCommand.self,
            ExplainCommand.self, FiltersCommand.self, GraphCommand.self, Bench.self, GalleryCommand.self,
            ServeCommand.self, ExportCommand.self,
        ])

    /// Runs the command line; an unknown subcommand is answered with the nearest name before parsing, since
    /// ArgumentParser only says "Unexpected argument".
    static func main() {
        ProcessTuning.ensure()
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let first = arguments.first, !first.hasPrefix("-") {
            let names = configuration.subcommands.map { $0._commandName } + ["help"]
            if !names.contains(first) {
                let nearest = names.min { LessonCatalog.editDistance(first, $0) < LessonCatalog.editDistance(first, $1) }
                let hint = nearest.flatMap { LessonCatalog.editDistance(first, $0) <= max(2, first.count / 2) ? $0 : nil }
                printError("Error: unknown command '\(first)'."
                           + (hint.map { " Did you mean '\($0)'?" } ?? "")
                           + " Expected one of: " + names.dropLast().joined(separator: ", "))
                printError("  See 'dlexplain --help' for more information.")
                Self.exit(withError: ExitCode.validationFailure)
            }
        }
        main(ArgumentSyntax.normalize(arguments, grammar: ArgumentSyntax.grammar(fromHelpJSON: _dumpHelp())))
    }
}
