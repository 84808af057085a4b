import Foundation

/// A network as drawn by `ArchitectureDOT`: plain values (Render never imports an engine), filled from
/// `NN.ArchitectureDescription` by the caller.
public struct ArchitectureDiagram: Sendable, Equatable {
    /// One layer.
    public struct Layer: Sendable, Equatable {
        /// Name in parameter paths (`"conv1"`), description (`"Conv2d 1→10 5×5"`), output shape of one example
        /// (batch axis left out) and trainable scalars.
        public var name: String, kind: String, outputShape: [Int], parameterCount: Int

        /// A layer.
        public init(name: String, kind: String, outputShape: [Int], parameterCount: Int) {
            (self.name, self.kind, self.outputShape, self.parameterCount) = (name, kind, outputShape, parameterCount)
        }
    }

    /// The architecture's name (`"seed"`), one example's input shape, the layers in order.
    public var name: String, inputShape: [Int], layers: [Layer]

    /// A diagram description.
    public init(name: String, inputShape: [Int], layers: [Layer]) {
        (self.name, self.inputShape, self.layers) = (name, inputShape, layers)
    }

    /// Total trainable scalars.
    public var totalParameters: Int { layers.reduce(0) { $0 + $1.parameterCount } }
}

/// The gradient norms of one batch drawn on an architecture diagram (from `Explain.BackpropFlow`).
public struct GradientFlowNumbers: Sendable, Equatable {
    /// ‖∂L/∂input‖ and, per layer, ‖∂L/∂output‖ — the gradient flowing back along each edge.
    public var inputGradientNorm: Double, activationGradientNorms: [Double]
    /// Per layer ‖∂L/∂parameters‖ (nil without parameters).
    public var parameterGradientNorms: [Double?]
    /// The batch's loss and size, for the title.
    public var loss: Double, batchSize: Int

    /// The numbers of one backward pass.
    public init(inputGradientNorm: Double, activationGradientNorms: [Double], parameterGradientNorms: [Double?],
                loss: Double, batchSize: Int) {
        (self.inputGradientNorm, self.activationGradientNorms) = (inputGradientNorm, activationGradientNorms)
        (self.parameterGradientNorms, self.loss, self.batchSize) = (parameterGradientNorms, loss, batchSize)
    }
}

/// Architecture diagrams as DOT text (docs/ARCHITECTURE.md §4), deterministic and golden-tested: one record per layer
/// (name | what it is | output shape | parameters), top to bottom, edges labelled with the tensor shape flowing
/// along them, the total parameter count in the graph label.
public enum ArchitectureDOT {
    /// The forward diagram.
    public static func graph(_ diagram: ArchitectureDiagram, language: Language = .en) -> String {
        let words = ArchitectureLabels.of(language)
        var dot = header(title: words.title(diagram.name, grouped(diagram.totalParameters)), subtitle: words.subtitle)
        dot += nodes(diagram, gradients: nil, words: words)
        for (i, shape) in edgeShapes(diagram).enumerated() {
            dot += "  \(node(i)) -> \(node(i + 1)) [label=\"  \(NumberFormat.shape(shape))\"];\n"
        }
        return dot + "}\n"
    }

    /// The backprop-flow diagram: the same boxes, each edge drawn back from the output towards the input,
    /// coloured and thickened by log ‖∂L/∂(tensor on that edge)‖ and labelled with it; parameter gradient norms
    /// in the boxes. Vanishing gradients show as thin pale edges near the input.
    public static func backprop(_ diagram: ArchitectureDiagram, flow: GradientFlowNumbers,
                                language: Language = .en) -> String {
        precondition(flow.activationGradientNorms.count == diagram.layers.count
                         && flow.parameterGradientNorms.count == diagram.layers.count,
                     "ArchitectureDOT.backprop: one gradient norm per layer expected")
        let words = ArchitectureLabels.of(language)
        var dot = header(title: words.backpropTitle(diagram.name, flow.batchSize, NumberFormat.fixed(flow.loss)),
                         subtitle: words.backpropSubtitle(Int(decades)))
        dot += nodes(diagram, gradients: flow.parameterGradientNorms, words: words)
        // Edge i carries the input (i = 0) or layer i's output into layer i + 1; the last edge is the loss's input.
        let norms = [flow.inputGradientNorm] + flow.activationGradientNorms.dropLast()
        let logs = norms.map { $0 > 0 ? Foundation.log10($0) : -Double.infinity }
        // A fixed span of decades below the largest norm: a factor of 2 stays a small step, while a gradient
        // that vanishes by orders of magnitude fades to a hairline.
        let hi = logs.filter(\.isFinite).max() ?? 0
        for (i, shape) in edgeShapes(diagram).enumerated() {
            let t = logs[i].isFinite ? Swift.min(1, Swift.max(0, (logs[i] - hi + decades) / decades)) : 0
            let colour = Colormap.diverging.color(0.6 + 0.4 * t).hex
            let width = NumberFormat.compact(1 + 5 * t, digits: 2)
            let label = "  \(NumberFormat.shape(shape))\\n  ‖grad‖ \(scientific(norms[i]))"
            dot += "  \(node(i)) -> \(node(i + 1)) [dir=back, color=\"\(colour)\", penwidth=\(width), "
                + "fontcolor=\"\(Colormap.diverging.color(0.9).hex)\", label=\"\(label)\"];\n"
        }
        return dot + "}\n"
    }

    /// Decades of gradient norm the backprop diagram's edge widths span.
    static let decades = 4.0

    // MARK: - Pieces

    static func header(title: String, subtitle: String) -> String {
        """
        digraph architecture {
          graph [rankdir=TB, fontname="DejaVu Sans", bgcolor="white", pad=0.3, nodesep=0.3, ranksep=0.32, \
        labelloc=t, labeljust=l, label=<<table border="0" cellspacing="2" cellpadding="1">\
        <tr><td align="left"><font point-size="15"><b>\(TraceLook.html(title))</b></font></td></tr>\
        <tr><td align="left"><font color="\(TraceLook.soft)">\(TraceLook.html(subtitle))</font></td></tr></table>>];
          node [shape=record, style=filled, fontname="DejaVu Sans", fontsize=11, color="\(TraceLook.ink)", \
        fontcolor="#111827"];
          edge [fontname="DejaVu Sans", fontsize=10, color="\(TraceLook.soft)", fontcolor="\(TraceLook.soft)", \
        arrowsize=0.7];

        """
    }

    /// The input record, one record per layer (`gradients` adds a ‖∂L/∂W‖ field to parametrised ones).
    static func nodes(_ diagram: ArchitectureDiagram, gradients: [Double?]?, words: ArchitectureLabels) -> String {
        var dot = "  \(node(0)) [label=\"\(words.input) | \(NumberFormat.shape(diagram.inputShape))\", "
            + "fillcolor=\"\(TraceLook.inputFill)\"];\n"
        for (i, layer) in diagram.layers.enumerated() {
            var fields = [layer.name, layer.kind, NumberFormat.shape(layer.outputShape),
                          layer.parameterCount > 0 ? words.parameters(grouped(layer.parameterCount)) : words.noParameters]
            if let g = gradients?[i] { fields.append("‖∂L/∂W‖ \(scientific(g))") }
            let fill = layer.parameterCount > 0 ? TraceLook.parameterFill
                : (i == diagram.layers.count - 1 ? TraceLook.outputFill : TraceLook.opFill)
            dot += "  \(node(i + 1)) [label=\"\(fields.map(TraceLook.record).joined(separator: " | "))\", "
                + "fillcolor=\"\(fill)\"];\n"
        }
        return dot
    }

    /// The shape on each edge: the input's, then every layer's output but the last.
    static func edgeShapes(_ diagram: ArchitectureDiagram) -> [[Int]] {
        [diagram.inputShape] + diagram.layers.dropLast().map(\.outputShape)
    }

    static func node(_ i: Int) -> String { "n\(i)" }

    /// `21,840`.
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        return digits.enumerated().map { ($0.offset > 0 && (digits.count - $0.offset) % 3 == 0 ? "," : "") + String($0.element) }
            .joined()
    }

    /// `3.21e-02`.
    static func scientific(_ x: Double) -> String { String(format: "%.2e", x) }
}
