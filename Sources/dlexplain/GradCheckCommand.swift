import ArgumentParser
import Showcase

/// `dlexplain gradcheck`: checks registered ops' gradients numerically and prints one line per case.
struct GradCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradcheck",
        abstract: "Check every differentiable op's gradient numerically (Double, central differences).",
        discussion: "Tolerances: \(GradCheckRuns.tolerances). Exits non-zero if any case fails.")

    @Option(help: "Check only this op (e.g. conv2d).") var op: String?
    @Flag(help: "Check every registered op (the default).") var all = false
    @Option(help: "Seed for the inputs and the projection vector.", transform: Checked.seed) var seed: UInt64 = 42

    func validate() throws {
        if op != nil && all { throw ValidationError("give either --op NAME or --all, not both") }
        if let op, !GradCheckRuns.isOp(op) {
            throw ValidationError("unknown op '\(op)'; valid names: \(GradCheckRuns.opNames.joined(separator: ", "))")
        }
    }

    func run() throws {
        let outcome = GradCheckRuns.run(op: op, seed: seed)
        show(outcome)
        if !outcome.passed { throw ExitCode.failure }
    }
}
