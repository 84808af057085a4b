import ArgumentParser
import Foundation
import GradCheck
import TensorGrad

/// `dlexplain gradcheck`: checks registered ops' gradients numerically and prints one line per case.
struct GradCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradcheck",
        abstract: "Check every differentiable op's gradient numerically (Double, central differences).",
        discussion: "Tolerances: eps \(Tolerance.short(Tolerance.finiteDifferenceStep)), \(Tolerance.standard). "
            + "Exits non-zero if any case fails.")

    @Option(help: "Check only this op (e.g. conv2d).") var op: String?
    @Flag(help: "Check every registered op (the default).") var all = false
    @Option(parsing: .unconditional, help: "Seed for the inputs and the projection vector.") var seed: UInt64 = 42

    func validate() throws {
        if op != nil && all { throw ValidationError("give either --op NAME or --all, not both") }
        if let op, TensorOpRegistry.cases(named: op) == nil {
            let names = TensorOp.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("unknown op '\(op)'; valid names: \(names)")
        }
    }

    func run() throws {
        let cases = op.flatMap { TensorOpRegistry.cases(named: $0) } ?? TensorOpRegistry.cases
        print(column("case", 46) + column("input shapes", 30) + column("max abs err", 13)
              + column("max rel err", 13) + "result")
        var failures = 0
        for testCase in cases {
            let result = TensorGradCheck.check(testCase, seed: seed)
            let shapes = result.inputShapes.map(\.description).joined(separator: " ")
            print(column(result.name, 46) + column(shapes, 30) + column(String(format: "%.2e", result.maxAbsError), 13)
                  + column(String(format: "%.2e", result.maxRelError), 13) + (result.passed ? "pass" : "FAIL"))
            for input in result.inputs where !input.passed {
                print("    input \(input.input) \(input.shape): worst element \(input.worstElement) "
                      + "analytical \(input.analytical) numerical \(input.numerical)")
            }
            if !result.passed { failures += 1 }
        }
        print("\(cases.count - failures)/\(cases.count) cases passed")
        if failures > 0 { throw ExitCode.failure }
    }

    private func column(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }
}
