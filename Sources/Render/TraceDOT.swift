import Foundation
import Tracing

/// Graphviz DOT text for traces (docs/ARCHITECTURE.md §4), laid out like micrograd's `draw_dot`: left to right, each value a
/// record `name | data … | grad …`, each op a small ellipse between its inputs and its value.
/// The text is deterministic (golden-tested); render it with `Graphviz.render` or `TraceDiagrams.write`.
///
/// The record's fields are stacked (no braces under `rankdir=LR`) rather than side by side as in micrograd:
/// side by side, the neuron's graph came out 4.6 times wider than tall and its numbers unreadable once scaled to
/// a page; stacked, it is about 2:1 and the backprop edge labels fit between the ranks.
public enum TraceDOT {
    /// The computation graph: values and ops, forward edges, the output highlighted.
    public static func graph(_ trace: Trace, language: Language = .en, groups: TraceGroups? = nil) -> String {
        let look = TraceLook(trace, language: language, groups: groups)
        var dot = look.header(title: look.words.graph + look.words.separator + trace.title,
                              subtitle: trace.level == .full ? look.graphSubtitle : look.words.shapesOnly,
                              legend: true)
        dot += look.declarations { id in look.valueNode(id, grad: .final) + (look.hasOp(id) ? look.opNode(id) : "") }
        dot += look.useTags
        for id in look.drawOrder where look.hasOp(id) {
            for edge in trace.incoming(id) {
                dot += "  \(look.source(edge.parent, into: id)) -> op\(id)\(look.chainWeight(edge.parent, list: true));\n"
            }
            dot += "  op\(id) -> v\(id)\(look.chainWeight(id, list: true));\n"
        }
        return dot + "}\n"
    }
}

/// Which gradient a value record shows.
enum GradDisplay {
    /// The gradient recorded in the trace.
    case final
    /// The running gradient after some backward steps (nil: not reached yet).
    case running(Double?, complete: Bool)
    /// The final gradient and the contributions it sums (`② 1.0000`), shown when there are several, with their
    /// total: a gradient that is not their sum (a broken backward) is drawn with ≠, never as a false equation.
    case summed([String], total: Double)
}

/// The shared look of every trace diagram: fonts, palette, records and the legend.
struct TraceLook {
    let trace: Trace
    let names: TraceNames
    let isTensor: Bool
    /// The words drawn, in the diagram's language.
    let words: TraceLabels
    let language: Language
    /// Boxes around groups of nodes (`TraceGroups`), or nil.
    let groups: TraceGroups?
    /// For each value used by more than `sharedUseLimit` ops, those ops in order (see `useTags`).
    let sharedUses: [Int: [Int]]

    /// A value feeding more ops than this is drawn once as its record and once more as a small tag beside each
    /// op that uses it. One record with n edges spanning up to 2n ranks gives dot O(n²) virtual nodes to order
    /// and route: `x+x+…+x` with 99 terms took over 100 s and 750 MB to lay out (four layouts); with tags every
    /// edge spans one rank.
    static let sharedUseLimit = 8

    init(_ trace: Trace, language: Language = .en, groups: TraceGroups? = nil) {
        self.trace = trace
        self.groups = groups
        self.words = TraceLabels.of(language)
        self.language = language
        self.names = TraceNames(trace)
        self.isTensor = trace.engine != "scalar" || trace.nodes.contains { !$0.shape.isEmpty }
        var uses: [Int: [Int]] = [:]
        for edge in trace.edges where uses[edge.parent]?.last != edge.child { uses[edge.parent, default: []].append(edge.child) }
        self.sharedUses = uses.filter { $0.value.count > Self.sharedUseLimit }
    }

    /// Where the edge from value `parent` into op `child` starts: the value's record (at its grad field with
    /// `port: true`), or the value's tag beside that op when it is widely shared.
    func source(_ parent: Int, into child: Int, port usePort: Bool = false) -> String {
        if sharedUses[parent] != nil { return "t\(parent)_\(child)" }
        return usePort ? port(parent) : "v\(parent)"
    }

    /// With tags in the graph, edges between records and ops weigh 8 so the chain of values runs straight and the
    /// tags sit beside it (unweighted, each tag pushed the chain one step down: a 3 000-point-tall staircase).
    /// Empty for the other edges and for graphs without tags, whose DOT text is as before. `list: true` gives
    /// ` [weight=8]`, otherwise `, weight=8` to append to an attribute list.
    func chainWeight(_ parent: Int, list: Bool) -> String {
        guard !sharedUses.isEmpty, sharedUses[parent] == nil else { return "" }
        return list ? " [weight=8]" : ", weight=8"
    }

    /// One tag per use of each widely shared value: `x (use 3 of 99)`, dashed, in the value's fill colour.
    var useTags: String {
        var text = ""
        for id in sharedUses.keys.sorted() {
            let children = sharedUses[id] ?? []
            for (k, child) in children.enumerated() {
                text += "  t\(id)_\(child) [label=\"\(Self.record(names[id])) (use \(k + 1) of \(children.count))\", "
                    + "shape=box, style=\"rounded,dashed,filled\", fillcolor=\"\(fill(trace.nodes[id]))\", fontsize=10, "
                    + "height=0.25, margin=\"0.05,0.02\"];\n"
            }
        }
        return text
    }

    // MARK: - Palette (calm fills; strong colour is kept for gradients)

    static let ink = "#374151", soft = "#6b7280", faint = "#d1d5db"
    static let inputFill = "#e6eef7", parameterFill = "#fcf0d2", constantFill = "#f1f1f1"
    static let opFill = "#ece8f5", outputFill = "#e2f2e0", outputLine = "#2f7d32"
    static let focusFill = "#fff2a8", focusLine = "#b45309"

    /// Nodes in forward order (every node once).
    var drawOrder: [Int] {
        Set(trace.forwardOrder).count == trace.nodes.count ? trace.forwardOrder : Array(trace.nodes.indices)
    }

    func hasOp(_ id: Int) -> Bool { trace.nodes[id].kind == .op }

    var graphSubtitle: String {
        isTensor ? words.graphSubtitleTensor : words.graphSubtitle(outputName)
    }

    var outputName: String { trace.output.map { names[$0] } ?? "L" }

    /// A leaf that is trained rather than given: `w1`, `b`, `W2`, `conv1.weight`, `fc.bias`.
    static func isParameter(_ node: TraceNode) -> Bool {
        guard node.kind == .leaf else { return false }
        let label = node.label.lowercased()
        if label.contains("weight") || label.contains("bias") { return true }
        // w, b, w1, b2, W_x, b_o: a w or b, digits, and an optional _subscript.
        guard let first = label.first, first == "w" || first == "b" else { return false }
        let rest = label.dropFirst()
        let digits = rest.prefix { $0.isNumber }
        let subscripted = rest.dropFirst(digits.count)
        return subscripted.isEmpty || (subscripted.first == "_" && subscripted.count > 1
                                       && subscripted.dropFirst().allSatisfy { $0.isLetter || $0.isNumber })
    }

    // MARK: - Pieces of DOT text

    func header(title: String, subtitle: String, legend: Bool) -> String {
        var rows = "<tr><td align=\"left\"><font point-size=\"15\"><b>\(Self.html(title))</b></font></td></tr>"
        rows += "<tr><td align=\"left\"><font color=\"\(Self.soft)\">\(Self.html(subtitle))</font></td></tr>"
        if legend { rows += "<tr><td align=\"left\">\(legendTable)</td></tr>" }
        return """
            digraph trace {
              graph [rankdir=LR, fontname="DejaVu Sans", bgcolor="white", pad=0.3, nodesep=0.3, ranksep=0.45, ordering=in, \
            labelloc=t, labeljust=l, label=<<table border="0" cellspacing="2" cellpadding="1">\(rows)</table>>];
              node [fontname="DejaVu Sans", fontsize=11, color="\(Self.ink)", fontcolor="#111827"];
              edge [fontname="DejaVu Sans", fontsize=11, color="\(Self.soft)", arrowsize=0.7];

            """
    }

    private var legendTable: String {
        func swatch(_ fill: String, _ text: String, border: String = Self.ink) -> String {
            "<td bgcolor=\"\(fill)\" color=\"\(border)\" border=\"1\" cellpadding=\"3\">\(text)</td>"
        }
        // Only the kinds that appear in this graph, each drawn as the graph draws it (constants dashed).
        let nodes = trace.nodes.enumerated()
        let has = (
            input: nodes.contains { $0.element.kind == .leaf && !Self.isParameter($0.element) },
            parameter: nodes.contains { Self.isParameter($0.element) },
            constant: nodes.contains { $0.element.kind == .constant },
            operation: nodes.contains { $0.element.kind == .op },
            result: nodes.contains { $0.element.kind == .op && $0.offset != trace.output },
            output: trace.output != nil)
        var cells = ""
        if has.input { cells += swatch(Self.inputFill, words.input) }
        if has.parameter { cells += swatch(Self.parameterFill, words.parameter) }
        if has.constant {
            cells += "<td bgcolor=\"\(Self.constantFill)\" border=\"1\" style=\"dashed\" cellpadding=\"3\">"
                + "\(words.constant)</td>"
        }
        if has.operation {
            // Ops are ellipses in the graph; a table cell cannot be one, so a rounded table stands in.
            cells += "<td><table style=\"rounded\" bgcolor=\"\(Self.opFill)\" color=\"\(Self.ink)\" border=\"1\" "
                + "cellborder=\"0\" cellpadding=\"3\" cellspacing=\"0\"><tr><td>\(words.operation)</td></tr></table></td>"
        }
        if has.result { cells += swatch("white", words.result) }
        if has.output { cells += swatch(Self.outputFill, words.output, border: Self.outputLine) }
        return "<table border=\"0\" cellspacing=\"4\" cellpadding=\"0\"><tr><td>\(words.legend)</td>"
            + cells + "</tr></table>"
    }

    /// The record for node `id`'s value.
    func valueNode(_ id: Int, grad: GradDisplay, focus: Bool = false) -> String {
        let node = trace.nodes[id]
        var fields = [Self.record(displayName(id))]
        if isTensor { fields.append(node.shape.isEmpty ? words.scalarShape : NumberFormat.shape(node.shape)) }
        if trace.level != .shapes {
            if let value = node.value { fields.append(words.data + " " + summary(value)) }
            if node.kind != .constant, let text = gradText(node, grad) { fields.append("<g> " + text) }
        }
        var style = "shape=record, style=\"filled\(node.kind == .constant ? ",dashed" : "")\""
        style += ", fillcolor=\"\(focus ? Self.focusFill : fill(node))\""
        if focus {
            style += ", color=\"\(Self.focusLine)\", penwidth=2.5"
        } else if id == trace.output {
            style += ", color=\"\(Self.outputLine)\", penwidth=2.2"
        }
        let label = fields.joined(separator: " | ")
        return "  v\(id) [label=\"\(label)\", \(style)];\n"
    }

    /// The ellipse for the op that made node `id`.
    func opNode(_ id: Int, focus: Bool = false) -> String {
        let node = trace.nodes[id]
        let symbol = OpInfo.symbol(op: node.op, detail: node.detail)
        let size = symbol.count <= 2 ? "fontsize=14, " : ""
        let colours = focus ? "fillcolor=\"\(Self.focusFill)\", color=\"\(Self.focusLine)\", penwidth=2.5"
                            : "fillcolor=\"\(Self.opFill)\""
        return "  op\(id) [label=\"\(Self.escape(symbol))\", shape=ellipse, \(size)style=filled, "
            + "margin=\"0.04,0.02\", height=0.3, \(colours)];\n"
    }

    func displayName(_ id: Int) -> String {
        let node = trace.nodes[id]
        if node.kind == .constant { return words.constant }
        if isTensor, node.label.isEmpty, node.kind == .op, id != trace.output {
            // Unnamed tensor ops are called by their op: its code name in English, its symbol in Chinese.
            return language == .en ? node.op : OpInfo.symbol(op: node.op, detail: node.detail)
        }
        return names[id]
    }

    func fill(_ node: TraceNode) -> String {
        switch node.kind {
        case .constant: return Self.constantFill
        case .leaf: return Self.isParameter(node) ? Self.parameterFill : Self.inputFill
        case .op: return node.id == trace.output ? Self.outputFill : "white"
        }
    }

    private func gradText(_ node: TraceNode, _ display: GradDisplay) -> String? {
        switch display {
        case .final:
            return node.grad.map { words.grad + " " + summary($0) }
        case let .running(value, complete):
            guard let value else { return words.grad + " —" }
            return words.grad + " " + fmt(value) + (complete ? "" : " " + words.soFar)
        case let .summed(parts, total):
            guard let grad = node.grad else { return nil }
            guard parts.count > 1 else { return words.grad + " " + summary(grad) }
            let recorded = node.scalarGrad
            if let recorded, abs(recorded - total) > 1e-9 * max(1, abs(total)) {
                return words.grad + " " + summary(grad) + " | ≠ " + parts.joined(separator: " + ") + " = " + fmt(total)
            }
            return words.grad + " " + summary(grad) + " | = " + parts.joined(separator: " + ")
        }
    }

    /// A scalar as `0.8814`; a few elements listed; many as `min … max`.
    func summary(_ s: TensorSummary) -> String {
        if let x = s.scalar { return fmt(x) }
        if let values = s.values, values.count <= 4 {
            return "[" + values.map { NumberFormat.compact($0) }.joined(separator: ", ") + "]"
        }
        return "min \(NumberFormat.compact(s.min)) max \(NumberFormat.compact(s.max))"
    }

    // MARK: - Escaping

    /// Escapes text for a record field (braces, bars and angle brackets are syntax there).
    static func record(_ text: String) -> String {
        var out = ""
        for c in text {
            if "{}|<>\"\\".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// Escapes text for a quoted DOT string.
    static func escape(_ text: String) -> String {
        // One pass over the characters (chained `replacingOccurrences` bridged through Foundation twice per label).
        guard text.contains(where: { $0 == "\\" || $0 == "\"" }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 4)
        for c in text {
            if c == "\\" || c == "\"" { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// Escapes text for an HTML-like label.
    static func html(_ text: String) -> String {
        guard text.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" }) else { return text }
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(c)
            }
        }
        return out
    }
}
