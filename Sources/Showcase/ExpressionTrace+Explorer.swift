import Foundation
import GradCheck
import Render
import ScalarGrad
import Tracing

/// Everything the explorer's trace playground shows for one expression at one set of values, as plain values a
/// server encodes to JSON: the trace itself (the schema of `dlexplain trace --json`), the narration, every node's
/// why-paths, the gradient check and the SVG text of the figures `dlexplain trace` writes.
public struct TraceView: Encodable, Sendable {
    /// One narration line: what it says and, for backward lines, the backward step (flipbook frame) it belongs to.
    public struct Line: Encodable, Sendable, Equatable {
        /// `NarrationLine.Kind` as text (`heading`, `forward`, `backward`, `total`, `path`, `sum`, `check`, `note`).
        public var kind: String
        /// The line's text.
        public var text: String
        /// For check lines: whether the numbers agreed.
        public var passed: Bool?
        /// For backward lines: the 0-based backward step.
        public var step: Int?
    }

    /// One row of the gradient check: backward against the central difference (ε = 1e-6, Double).
    public struct CheckRow: Encodable, Sendable, Equatable {
        /// The variable.
        public var name: String
        /// Backward's gradient.
        public var backward: Double
        /// The central difference.
        public var centralDifference: Double
        /// |backward − central difference|.
        public var absoluteError: Double
        /// Relative error, as `ScalarGradCheck` defines it.
        public var relativeError: Double
        /// Within `Tolerance.standard`.
        public var passed: Bool
    }

    /// The figures as SVG text, each with its provenance comment (title and the equivalent command).
    public struct Figures: Encodable, Sendable {
        /// The computation graph (`graph.svg`).
        public var graph: String
        /// The backprop flow (`backprop.svg`).
        public var backprop: String
        /// One frame per backward step (`backprop-step-NN.svg`), only when asked for.
        public var frames: [String]?
    }

    /// The recorded computation: the same value `dlexplain trace --json` prints.
    public var trace: Trace
    /// The variables in order of first appearance.
    public var variables: [String]
    /// The name each node has in the figures and the narration (`w`, `n1`, `f`), indexed by node id.
    public var names: [String]
    /// The forward narration.
    public var forward: [Line]
    /// The backward narration; `step` ties a line to a flipbook frame.
    public var backward: [Line]
    /// Number of backward steps (flipbook frames).
    public var steps: Int
    /// Why-paths of every node with a gradient except the output, keyed by node id.
    public var why: [String: [Line]]
    /// The gradient check of every variable.
    public var check: [CheckRow]
    /// Whether every row of the check passed.
    public var checkPassed: Bool
    /// The same check for every intermediate node, keyed by node id: its gradient against central differences
    /// of the forward pass replayed with that node's value moved (`TraceReplay`).
    public var nodeChecks: [String: CheckRow]
    /// The diagrams.
    public var svg: Figures
}

extension ExpressionTrace {
    /// The command line that makes the same trace with the CLI, recorded in the explorer's figures.
    public var equivalentCommand: String {
        Provenance.commandLine(["trace", expression.description]
                               + variables.flatMap { ["--set", "\($0)=\(bindings[$0].map { "\($0)" } ?? "")"] })
    }

    /// The playground's view of this trace in `language`; with `frames` the flipbook frames are rendered too
    /// (one Graphviz layout each, so only when the learner steps through backward).
    public func view(language: Language, frames: Bool) throws -> TraceView {
        func lines(_ narration: Narration) -> [TraceView.Line] {
            narration.lines.map { TraceView.Line(kind: $0.kind.rawValue, text: $0.text, passed: $0.passed, step: $0.step) }
        }
        var why: [String: [TraceView.Line]] = [:]
        for node in trace.nodes where node.id != trace.output && node.scalarGrad != nil {
            why[String(node.id)] = lines(try Narration.why(trace, node: node.id, language: language))
        }
        let report = try check()
        let rows = report.entries.map {
            TraceView.CheckRow(name: $0.name, backward: $0.analytical, centralDifference: $0.numerical,
                               absoluteError: $0.absoluteError, relativeError: $0.relativeError, passed: $0.passed)
        }
        let names = TraceNames(trace).names
        var nodeChecks: [String: TraceView.CheckRow] = [:]
        for (id, e) in try TraceReplay.checkNodes(trace, names: names) {
            nodeChecks[String(id)] = TraceView.CheckRow(name: e.name, backward: e.analytical, centralDifference: e.numerical,
                                                        absoluteError: e.absoluteError, relativeError: e.relativeError,
                                                        passed: e.passed)
        }
        let command = equivalentCommand
        func svg(_ dot: String, _ title: String) throws -> String {
            String(decoding: DiagramFiles.annotatedSVG(try Graphviz.render(dot, format: .svg), title: title,
                                                       command: command), as: UTF8.self)
        }
        let frameTexts = frames ? try TraceDOT.frames(trace, language: language).enumerated().map { index, dot in
            try svg(dot, "Backprop step \(index + 1): \(trace.title)")
        } : nil
        let figures = TraceView.Figures(
            graph: try svg(TraceDOT.graph(trace, language: language), "Computation graph: \(trace.title)"),
            backprop: try svg(TraceDOT.backprop(trace, language: language), "Backprop flow: \(trace.title)"),
            frames: frameTexts)
        return TraceView(trace: trace, variables: variables, names: names,
                         forward: lines(Narration.forward(trace, language: language)),
                         backward: lines(Narration.backward(trace, language: language)),
                         steps: BackwardPlan(trace).steps.count, why: why, check: rows,
                         checkPassed: report.passed, nodeChecks: nodeChecks, svg: figures)
    }
}
