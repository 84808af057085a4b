import ArgumentParser

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
        ])

    static func main() {
        ProcessTuning.ensure()
        main(nil)
    }
}
