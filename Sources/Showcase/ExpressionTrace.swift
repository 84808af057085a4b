import Groundwork
import Foundation
import GradCheck
import Render
import ScalarGrad
import Tracing

/// A traced expression: parsed, evaluated on the scalar engine, back-propagated, recorded as a `Trace`, and
/// checkable against central differences. `dlexplain trace` and the backprop lesson both stand on it.
public struct ExpressionTrace {
    /// The parsed expression.
    public let expression: ScalarGrad.Expression
    /// The value of each variable.
    public let bindings: [String: Double]
    /// The output value after backward (its graph holds every gradient).
    public let output: Value
    /// One leaf per variable.
    public let leaves: [String: Value]
    /// The recorded computation, values and gradients included.
    public let trace: Trace

    /// Parses `text`, evaluates it at `bindings`, runs backward and records the trace. Throws
    /// `ExpressionError` for syntax errors (with column), unbound variables, log ≤ 0, division by zero.
    public init(_ text: String, bindings: [String: Double], outputLabel: String = "f") throws {
        let expression = try ScalarGrad.Expression.parse(text)
        let (output, leaves) = try expression.evaluate(bindings)
        if output.label.isEmpty { output.label = outputLabel }
        output.backward()
        self.init(expression: expression, bindings: bindings, output: output, leaves: leaves,
                  title: expression.description)
    }

    /// Wraps a graph built directly from `Value`s (already back-propagated or not).
    public init(expression: ScalarGrad.Expression, bindings: [String: Double], output: Value, leaves: [String: Value],
                title: String) {
        if !output.hasRunBackward { output.backward() }
        self.expression = expression
        self.bindings = bindings
        self.output = output
        self.leaves = leaves
        self.trace = output.trace(title: title)
    }

    /// The variables in order of first appearance.
    public var variables: [String] { expression.variables }

    /// The gradient of the output with respect to each variable in `names` (all variables by default).
    public func gradients(_ names: [String]? = nil) -> [(name: String, grad: Double)] {
        (names ?? variables).compactMap { name in leaves[name].map { (name, $0.grad) } }
    }

    /// Backward's gradients against central differences, for the variables in `names` (all by default).
    public func check(_ names: [String]? = nil) throws -> ScalarGradCheck.Report {
        let report = try ScalarGradCheck.check(expression, at: bindings)
        guard let names else { return report }
        return ScalarGradCheck.Report(entries: report.entries.filter { names.contains($0.name) })
    }

    /// Writes `graph.*`, `backprop.*` (and flipbook frames) and `trace.json` into `directory`.
    /// `language` picks the words the diagrams draw.
    public func write(to directory: String, command: String, flipbook: Bool,
                      language: Language = .en) throws -> [String] {
        var paths = try TraceDiagrams.write(trace, to: directory, command: command, flipbook: flipbook,
                                            language: language)
        let json = PathText.join(directory, "trace.json")
        try AtomicFile.write(try trace.jsonData(), to: json)
        paths.append(json)
        return paths
    }
}

extension ScalarGradCheck.Report {
    /// The check as a terminal table (variable, backward, central difference, errors, verdict).
    public func table(style: Style, language: Language) -> String {
        let header = language == .zh
            ? ["变量", "反向传播", "中心差分", "绝对误差", "相对误差", ""]
            : ["variable", "backward", "central diff", "abs error", "rel error", ""]
        let rows = entries.map { entry in
            [entry.name, fmt(entry.analytical, digits: 8), fmt(entry.numerical, digits: 8),
             String(format: "%.1e", entry.absoluteError), String(format: "%.1e", entry.relativeError),
             style.mark(entry.passed)]
        }
        let table = Table(header: header, rows: rows, alignments: [.left, .right, .right, .right, .right, .left]).render()
        // The notes stay in English: they are computed sentences about this run's numbers (kinks, domain edges).
        let notes = entries.compactMap { entry in entry.note.map { "  \(entry.name): \($0)" } }
        return notes.isEmpty ? table : table + "\n" + notes.joined(separator: "\n")
    }

    /// One line per failed variable for an error message: its name, both numbers and any note.
    public var failureLines: [String] {
        failures.map { entry in
            "∂f/∂\(entry.name) is \(entry.analytical) by backward but \(entry.numerical) numerically"
                + (entry.note.map { " (\($0))" } ?? "")
        }
    }
}

extension ExpressionTrace {
    /// The trace told in words for a terminal: the forward pass node by node, the backward pass edge by edge, and
    /// with `why` the gradient of that variable as a sum over paths. Throws when `why` is not a variable.
    public func narration(language: Language, why: String?, style: Style) throws -> [String] {
        var blocks = [style.render(Narration.forward(trace, language: language)),
                      style.render(Narration.backward(trace, language: language))]
        if let why { blocks.append(style.render(try Narration.why(trace, variable: why, language: language))) }
        return blocks
    }

    /// The gradient check of `names` (all variables by default) as a headed terminal table, and whether it passed.
    /// `failures` has one line per variable that failed (see `ScalarGradCheck.Report.failureLines`).
    public func checkTable(_ names: [String]?, style: Style,
                           language: Language) throws -> (text: String, passed: Bool, failures: [String]) {
        let report = try check(names)
        let heading = language == .zh ? "梯度检查：反向传播 vs 中心差分" : "Gradient check: backward vs central differences"
        return (style.heading(heading) + "\n" + report.table(style: style, language: language), report.passed,
                report.failureLines)
    }
}
