import Foundation
import Tracing

/// The language narration and lessons are written in.
public enum Language: String, CaseIterable, Sendable {
    /// English.
    case en
    /// Simplified Chinese.
    case zh
}

/// One line of narration, tagged with what it says so a terminal can colour it.
public struct NarrationLine: Equatable, Sendable {
    /// What a line is.
    public enum Kind: String, Sendable {
        /// A section title.
        case heading
        /// A leaf's value (input, parameter).
        case value
        /// One forward computation.
        case forward
        /// One chain-rule step along an edge.
        case backward
        /// A gradient summed from several contributions.
        case total
        /// One path of `why`: the product of its local derivatives.
        case path
        /// The sum over all paths of `why`.
        case sum
        /// A comparison with the recorded gradient; `passed` says whether it held.
        case check
        /// Anything else worth saying.
        case note
    }

    /// What this line is.
    public var kind: Kind
    /// The text, without colour.
    public var text: String
    /// For `.check` lines: whether the numbers agreed.
    public var passed: Bool?
    /// For backward lines: the backward step (0-based, one per flipbook frame) the line belongs to.
    public var step: Int?

    /// Makes a line.
    public init(_ kind: Kind, _ text: String, passed: Bool? = nil, step: Int? = nil) {
        self.kind = kind
        self.text = text
        self.passed = passed
        self.step = step
    }
}

/// Narration of a trace in words and numbers, generated only from the trace (docs/ARCHITECTURE.md §3): the forward pass
/// node by node, the backward pass edge by edge, and `why` a gradient is what it is, path by path.
public struct Narration: Equatable, Sendable {
    /// The lines, in reading order.
    public var lines: [NarrationLine]

    /// Makes a narration from lines.
    public init(_ lines: [NarrationLine]) { self.lines = lines }

    /// Plain text, one line per line.
    public var text: String { lines.map(\.text).joined(separator: "\n") }

    /// Forward then backward narration of `trace`.
    public static func full(_ trace: Trace, language: Language = .en,
                            digits: Int = NumberFormat.defaultDigits) -> Narration {
        Narration(forward(trace, language: language, digits: digits).lines
                  + backward(trace, language: language, digits: digits).lines)
    }
}

/// Why a narration could not be made.
public enum NarrationError: Error, Equatable, CustomStringConvertible {
    /// No node is labelled with this name; `available` lists the labels that are.
    case unknownVariable(String, available: [String])
    /// The trace has no output node to differentiate.
    case noOutput(title: String)
    /// The trace records no local derivatives or gradients (a tensor trace, or one made before backward).
    case noScalarGradients(title: String)

    /// The message shown to the user: what was missing and what was expected.
    public var description: String {
        switch self {
        case let .unknownVariable(name, available):
            return "no variable named '\(name)' in the trace (expected one of: \(available.joined(separator: ", ")))"
        case let .noOutput(title):
            return "trace '\(title)' has no output node (expected a trace recorded with a backward pass)"
        case let .noScalarGradients(title):
            return "trace '\(title)' has no scalar local derivatives and gradients "
                + "(expected a scalar trace at level full, after backward)"
        }
    }
}

/// Shared pieces of wording and notation.
struct Notation {
    let trace: Trace
    let names: TraceNames
    let language: Language
    let digits: Int

    init(_ trace: Trace, _ language: Language, _ digits: Int) {
        self.trace = trace
        self.names = TraceNames(trace)
        self.language = language
        self.digits = digits
    }

    /// The output's name: `o`, or `L` when unlabelled.
    var outputName: String { trace.output.map { names[$0] } ?? "L" }

    func number(_ x: Double) -> String { fmt(x, digits: digits) }

    /// `∂o/∂w1`, `∂o/∂(x1·w1)`.
    func partial(of top: String, by id: Int) -> String { "∂\(top)/∂\(names.wrapped(id))" }

    /// `∂(x1·w1)/∂w1`, `∂tanh(n)/∂n`: the local derivative along an edge, written with what the child computes
    /// from its inputs — writing the child's own name (`∂o/∂n` for o = tanh(n)) made `∂o/∂n = ∂o/∂o · ∂o/∂n`
    /// circular.
    func local(_ edge: TraceEdge) -> String {
        let node = trace.nodes[edge.child]
        guard !node.op.isEmpty, !trace.incoming(edge.child).isEmpty else {
            return "∂\(names.wrapped(edge.child))/∂\(names.wrapped(edge.parent))"
        }
        let expression = names.expression(of: edge.child, in: trace)
        // A function call (`tanh(n)`) or a lone name reads without parentheses; anything with an operator needs them.
        let call = expression.range(of: #"^[\p{L}\p{N}_]+(\([^()]*\))?$"#, options: .regularExpression) != nil
        return "∂" + (call ? expression : "(\(expression))") + "/∂\(names.wrapped(edge.parent))"
    }

    /// The 1-based position of `edge` among its child's inputs, when the child takes that parent more than once.
    func repeatedInput(_ edge: TraceEdge) -> Int? {
        let same = trace.incoming(edge.child).filter { $0.parent == edge.parent }
        guard same.count > 1 else { return nil }
        return edge.argument + 1
    }

    /// Bilingual wording: English and Chinese forms of one phrase.
    func say(_ en: String, _ zh: String) -> String { language == .en ? en : zh }

    /// `(input)`, `（参数）` …: a parenthetical remark in the language's own brackets.
    func aside(_ en: String, _ zh: String) -> String { language == .en ? "  (\(en))" : "（\(zh)）" }

    /// Whether two gradients agree to the shown precision (relative 1e-9 or absolute 1e-12).
    static func agrees(_ a: Double, _ b: Double) -> Bool {
        // Equal infinities agree (an unbounded slope such as √x at 0 is recorded as ∞ on both sides).
        a == b || abs(a - b) <= max(1e-12, 1e-9 * max(abs(a), abs(b)))
    }
}
