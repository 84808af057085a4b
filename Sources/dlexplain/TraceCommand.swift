import ArgumentParser
import Foundation
import Render
import Showcase

/// `dlexplain trace EXPR --set x=2 …`: forward and backward pass narrated, drawn, saved and gradient-checked.
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Trace an expression: forward and backward pass, diagrams, JSON, gradient check.",
        discussion: """
            Operators + - * / ^ (right-associative), unary minus, parentheses, functions exp log tanh relu \
            sigmoid. Example: dlexplain trace "tanh(w1*x1 + w2*x2 + b)" --set x1=2 --set x2=0 --set w1=-3 \
            --set w2=1 --set b=6.8813735870195432
            """)

    @Argument(help: "The expression, e.g. \"tanh(w1*x1 + w2*x2 + b)\".") var expression: String
    @Option(name: .customLong("set"), help: "A variable's value, NAME=NUMBER (repeat for each variable).")
    var assignments: [String] = []
    @Option(help: "Comma-separated variables whose gradients to show and check (default: all).") var wrt: String?
    @Option(help: "Explain ∂f/∂VAR as the sum over every path from VAR to the output.") var why: String?
    @Flag(help: "Also write one diagram per backward step (backprop-step-01.svg/png, …).") var flipbook = false
    @Flag(help: "Print the trace as JSON instead of the narration (files are written as usual).") var json = false
    @Option(help: "Language of the narration: en or zh.") var lang: Language = .en
    @Option(help: "Output directory (default: Output/trace).") var out = "Output/trace"

    /// The parsed `--set` values; a malformed, non-finite or repeated assignment is refused naming it.
    func bindings() throws -> [String: Double] {
        var result: [String: Double] = [:], written: [String: String] = [:]
        for assignment in assignments {
            let parts = assignment.split(separator: "=", maxSplits: 1).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard parts.count == 2, !parts[0].isEmpty else {
                throw ValidationError("--set \(assignment): expected NAME=NUMBER, e.g. --set x1=2")
            }
            guard let value = Double(parts[1]), value.isFinite else {
                throw ValidationError("--set \(assignment): '\(parts[1])' is not a finite number")
            }
            if let earlier = written[parts[0]] {
                throw ValidationError("--set \(parts[0]) is given twice (\(parts[0])=\(earlier) and "
                                      + "\(parts[0])=\(parts[1])); expected one value per variable")
            }
            (result[parts[0]], written[parts[0]]) = (value, parts[1])
        }
        return result
    }

    func validate() throws { _ = try bindings() }

    func run() throws {
        let style = Style.standardOutput
        let wanted = wrt.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        if let wanted, wanted.isEmpty {
            throw ValidationError("--wrt '\(wrt ?? "")': expected variable names separated by commas, e.g. --wrt x,y")
        }
        let traced: ExpressionTrace
        do {
            let values = try bindings()
            traced = try ExpressionTrace(expression, bindings: values)
            if let unused = values.keys.sorted().first(where: { !traced.variables.contains($0) }) {
                printError("Error: " + "--set \(unused)=…: the expression has no variable '\(unused)'; expected "
                    + (traced.variables.isEmpty ? "no --set, as it has no variables"
                       : "only " + traced.variables.joined(separator: ", ")))
                throw ExitCode.validationFailure
            }
            if let unknown = wanted?.first(where: { !traced.variables.contains($0) }) {
                printError("Error: " + "--wrt \(unknown): not a variable of the expression; expected one of "
                                      + traced.variables.joined(separator: ", "))
                throw ExitCode.validationFailure
            }
        } catch let error as ValidationError {
            throw error
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("dlexplain trace: \(error)")
            throw ExitCode.failure
        }
        let files: [String], story: [String]
        do {
            try RunGuard.lockOutput(out, command: commandLine)
            files = try traced.write(to: out, command: commandLine, flipbook: flipbook)
            story = json ? [] : try traced.narration(language: lang, why: why, style: style)
        } catch {
            printError("dlexplain trace: \(error)")
            throw ExitCode.failure
        }
        if json {
            print(String(decoding: try traced.trace.jsonData(), as: UTF8.self))
        } else {
            story.forEach { print($0 + "\n") }
            print(style.heading(lang == .zh ? "写出的文件" : "Files written"))
            files.forEach { print("  " + $0) }
        }
        let check = try traced.checkTable(wanted, style: style, language: lang)
        if json { printError("\n" + check.text) } else { print("\n" + check.text) }
        if !check.passed {
            printError("dlexplain trace: the gradient check failed: " + check.failures.joined(separator: "; "))
            throw ExitCode.failure
        }
    }
}
