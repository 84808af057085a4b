import Foundation
import Render
import Tracing

/// The RNN lesson's two views of the unrolled network: the full trace boxed by time step, and a compact
/// rolled/unrolled schematic with the gradient norm the run measured at every state.
enum RNNDiagrams {
    /// One box per time step: the step's input `xₜ`, its products, sums and state `hₜ` go into box t; the shared
    /// parameters, the output and the loss stay outside. An unlabelled op joins the box of the first labelled
    /// node it feeds (the sums between `xₜ·W_x` and `hₜ`).
    static func timeSteps(_ trace: Trace, steps: Int, language: Language) -> TraceGroups {
        func step(of label: String) -> Int? {
            // x3, x3·W_x → 3; h3 → 3; h2·W_h → 3 (the product made at step 3 from the previous state).
            let scalars = Array(label.unicodeScalars)
            guard let first = scalars.first, first == "x" || first == "h" else { return nil }
            let digits = String(String.UnicodeScalarView(scalars.dropFirst().prefix { CharacterSet.decimalDigits.contains($0) }))
            guard let t = Int(digits), (1...steps).contains(t) || (first == "h" && t == 0) else { return nil }
            let rest = String(String.UnicodeScalarView(scalars.dropFirst(1 + digits.count)))
            if rest.isEmpty || rest == "·W_x" { return t }
            return rest == "·W_h" ? t + 1 : nil
        }
        var children = [[Int]](repeating: [], count: trace.nodes.count)
        for edge in trace.edges { children[edge.parent].append(edge.child) }
        var groupOf: [Int: Int] = [:]
        for node in trace.nodes { if let t = step(of: node.label), t >= 1 { groupOf[node.id] = t - 1 } }
        // Unlabelled ops: follow the first child until a grouped node (the chain is a few sums long).
        for node in trace.nodes where node.kind == .op && node.label.isEmpty && groupOf[node.id] == nil {
            var current = node.id, hops = 0
            while groupOf[current] == nil, let next = children[current].first, hops < trace.nodes.count {
                current = next
                hops += 1
            }
            if let group = groupOf[current] { groupOf[node.id] = group }
        }
        let names = (1...steps).map { language == .zh ? "第 \($0) 步" : "step \($0)" }
        return TraceGroups(names: names, groupOf: groupOf)
    }

    /// The rolled network (one cell with its loop) beside the same network unrolled over `gradientNorms.count`
    /// steps, each state labelled with ‖∂L/∂hₜ‖ as measured, the gradient drawn flowing back through time.
    static func schematic(gradientNorms: [Double], loss: Double, language: Language) -> String {
        let zh = language == .zh, steps = gradientNorms.count
        let title = zh ? "RNN：折叠的与展开 \(steps) 步的同一个网络" : "An RNN, rolled and unrolled over \(steps) steps"
        let subtitle = zh ? "“折叠”框：一个单元和它的循环（W_h 把状态送回自己）；“展开”框：每一步是同一组运算，共享 W_x、W_h、b；"
            + "红色虚线：反向传播经过时间，标注本次运行测得的 ‖∂L/∂hₜ‖"
            : "box “rolled”: one cell and its loop (W_h feeds the state back); box “unrolled”: every step is the same "
            + "ops, sharing W_x, W_h, b; red dashed: backpropagation through time, labelled with ‖∂L/∂hₜ‖ measured "
            + "in this run"
        var dot = """
            digraph rnn {
              graph [rankdir=LR, fontname="DejaVu Sans", bgcolor="white", pad=0.3, nodesep=0.35, ranksep=0.45, \
            labelloc=t, labeljust=l, label=<<table border="0" cellspacing="2" cellpadding="1">\
            <tr><td align="left"><font point-size="15"><b>\(html(title))</b></font></td></tr>\
            <tr><td align="left"><font color="#6b7280">\(html(subtitle))</font></td></tr></table>>];
              node [fontname="DejaVu Sans", fontsize=12, style=filled, color="#374151"];
              edge [fontname="DejaVu Sans", fontsize=10, color="#374151", arrowsize=0.7];
              subgraph cluster_rolled {
                label="\(zh ? "折叠" : "rolled")"; style="rounded,dashed"; color="#9ca3af"; fontcolor="#6b7280";
                rx [label="x", shape=circle, fillcolor="#e6eef7"];
                rh [label="h", shape=box, style="rounded,filled", fillcolor="#ece8f5"];
                ry [label="ŷ", shape=circle, fillcolor="#e2f2e0"];
                rx -> rh [label="W_x"];
                rh -> rh [label="W_h"];
                rh -> ry [label="W_o"];
              }

            """
        dot += "  subgraph cluster_unrolled {\n    label=\"\(zh ? "展开" : "unrolled")\"; style=\"rounded,dashed\"; "
            + "color=\"#9ca3af\"; fontcolor=\"#6b7280\";\n"
        for t in 1...steps {
            let norm = String(format: "%.2e", gradientNorms[t - 1])
            dot += "    x\(t) [label=\"x\(t)\", shape=circle, fillcolor=\"#e6eef7\"];\n"
            dot += "    h\(t) [label=\"h\(t)\\n‖∂L/∂h\(t)‖ \(norm)\", shape=box, style=\"rounded,filled\", fillcolor=\"#ece8f5\"];\n"
            dot += "    x\(t) -> h\(t) [label=\"W_x\"];\n"
            if t > 1 {
                dot += "    h\(t - 1) -> h\(t) [label=\"W_h\", weight=10];\n"
                dot += "    h\(t) -> h\(t - 1) [style=dashed, color=\"#b91c1c\", constraint=false];\n"
            }
        }
        dot += "    yhat [label=\"ŷ\", shape=circle, fillcolor=\"#e2f2e0\"];\n"
        dot += "    loss [label=\"L = \(String(format: "%.4f", loss))\", shape=box, fillcolor=\"#e2f2e0\"];\n"
        dot += "    h\(steps) -> yhat [label=\"W_o\"];\n    yhat -> loss;\n"
        dot += "    loss -> h\(steps) [style=dashed, color=\"#b91c1c\", constraint=false];\n"
        // Each input in its state's column (rankdir=LR: a rank is a column), inside the box.
        for t in 1...steps { dot += "    { rank=same; x\(t); h\(t); }\n" }
        dot += "  }\n"
        return dot + "}\n"
    }

    private static func html(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
