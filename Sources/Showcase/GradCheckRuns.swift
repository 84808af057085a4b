import Foundation
import GradCheck
import TensorGrad

/// The tensor ops' gradient check as `dlexplain gradcheck` prints it: one line per registered case, the worst
/// element of each failing input, and a count.
public enum GradCheckRuns {
    /// The check's step and tolerances as the help text states them: "eps 1e-6, atol 1e-5, rtol 1e-3".
    public static var tolerances: String {
        "eps \(Tolerance.short(Tolerance.finiteDifferenceStep)), \(Tolerance.standard)"
    }

    /// The names of every registered tensor op, for error messages.
    public static var opNames: [String] { TensorOp.allCases.map(\.rawValue) }

    /// Whether `name` is a registered op.
    public static func isOp(_ name: String) -> Bool { TensorOpRegistry.cases(named: name) != nil }

    /// Checks the cases of `op` (every registered case when nil) with inputs drawn from `seed`.
    public static func run(op: String?, seed: UInt64) -> Outcome {
        let cases = op.flatMap { TensorOpRegistry.cases(named: $0) } ?? TensorOpRegistry.cases
        var lines = [column("case", 46) + column("input shapes", 30) + column("max abs err", 13)
                     + column("max rel err", 13) + "result"]
        var failures = 0
        for testCase in cases {
            let result = TensorGradCheck.check(testCase, seed: seed)
            let shapes = result.inputShapes.map(\.description).joined(separator: " ")
            lines.append(column(result.name, 46) + column(shapes, 30)
                         + column(String(format: "%.2e", result.maxAbsError), 13)
                         + column(String(format: "%.2e", result.maxRelError), 13) + (result.passed ? "pass" : "FAIL"))
            for input in result.inputs where !input.passed {
                lines.append("    input \(input.input) \(input.shape): worst element \(input.worstElement) "
                             + "analytical \(input.analytical) numerical \(input.numerical)")
            }
            if !result.passed { failures += 1 }
        }
        lines.append("\(cases.count - failures)/\(cases.count) cases passed")
        return Outcome(text: lines, passed: failures == 0)
    }

    private static func column(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }
}
