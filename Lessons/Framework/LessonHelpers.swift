import Foundation
import GradCheck
import Render
import Showcase

// Small helpers the lesson drivers share: a central difference for the self-checks, and formatting for the
// lesson text (the terminal renderer keeps lines that start with four spaces exactly as written).

/// (f(x + ε) − f(x − ε)) / 2ε, GradCheck's ε unless told: for a derivative a lesson shows.
func centralDifference(_ f: (Double) -> Double, at x: Double, epsilon: Double = Tolerance.finiteDifferenceStep) -> Double {
    (f(x + epsilon) - f(x - epsilon)) / (2 * epsilon)
}

/// A number in a sum written out: negative ones in parentheses, `1.2000 + (-0.9000)`.
func signed(_ x: Double, digits: Int = NumberFormat.defaultDigits) -> String {
    let text = fmt(x, digits: digits)
    return text.hasPrefix("-") ? "(\(text))" : text
}

/// A table (or any block) indented by four spaces, so the terminal keeps its alignment.
func indented(_ block: String) -> String {
    block.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
}

/// A rendered table, indented for the lesson text.
func indented(_ table: Table) -> String { indented(table.render()) }

/// A fraction as a percentage with one decimal: `84.3 %`.
func pct(_ fraction: Double) -> String { String(format: "%.1f %%", 100 * fraction) }

/// Paths as the lesson text cites them.
enum LessonFiles {
    /// A path as the learner should read it: relative to the working directory when inside it.
    static func display(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
    }
}

extension ScalarGradCheck.Report {
    /// The self-check rows of a lesson, one per variable.
    public func selfCheckRows(prefix: String = "∂f/∂") -> [SelfCheckRow] {
        entries.map { SelfCheckRow(name: prefix + $0.name, shown: $0.analytical, expected: $0.numerical) }
    }
}
