import Tracing

extension TraceDOT {
    /// The backprop flow: the graph's layout with gradient edges pointing back from the output to the inputs,
    /// each labelled `① upstream × local = contribution`, numbered in backward order, coloured by the sign of
    /// the contribution (diverging map) and thickened by its size. A value that feeds several ops shows how
    /// its gradient sums (`grad 7.0000 = 3.0000 + 3.0000 + 1.0000`).
    public static func backprop(_ trace: Trace, language: Language = .en, groups: TraceGroups? = nil) -> String {
        let look = TraceLook(trace, language: language, groups: groups)
        let plan = BackwardPlan(trace)
        var dot = look.header(title: look.words.backpropFlow + look.words.separator + trace.title, subtitle: look.backpropSubtitle, legend: false)
        dot += look.declarations { id in
            let parts = plan.received[id].compactMap { c in
                c.contribution.map { "\(TraceLook.circled(c.number)) \(fmt($0))" }
            }
            let total = plan.received[id].compactMap(\.contribution).reduce(0, +)
            return look.valueNode(id, grad: .summed(parts, total: total)) + (look.hasOp(id) ? look.opNode(id) : "")
        }
        dot += look.useTags
        // Edges in forward order, like the graph, so both diagrams get the same layout.
        for (_, step) in look.stepsInForwardOrder(plan) {
            dot += look.gradientLink(step.node, faint: false)
            for c in step.contributions { dot += look.gradientEdge(c, plan: plan, state: .current) }
        }
        return dot + look.constantEdges(plan) + "}\n"
    }

    /// Flipbook frames, one DOT graph per backward step: the node being processed highlighted, the edges it
    /// just used bold with their contributions, every gradient shown as its running value (`—` until reached).
    public static func frames(_ trace: Trace, language: Language = .en, groups: TraceGroups? = nil) -> [String] {
        let look = TraceLook(trace, language: language, groups: groups)
        let plan = BackwardPlan(trace)
        return plan.steps.indices.map { k in
            let step = plan.steps[k]
            let node = trace.nodes[step.node]
            let op = language == .en ? node.op : OpInfo.symbol(op: node.op, detail: node.detail)
            let title = look.words.step(k + 1, plan.steps.count, op, look.names[step.node])
            var dot = look.header(title: title, subtitle: look.frameSubtitle, legend: false)
            dot += look.declarations { id in
                let running = plan.runningGrad(of: id, afterSteps: k + 1, in: trace)
                let arrived = plan.received[id].filter { (plan.stepIndex(of: $0) ?? .max) <= k }.count
                let complete = id == trace.output || arrived == plan.fanOut[id]
                let focus = id == step.node
                return look.valueNode(id, grad: .running(running, complete: complete), focus: focus)
                    + (look.hasOp(id) ? look.opNode(id, focus: focus) : "")
            }
            dot += look.useTags
            for (index, other) in look.stepsInForwardOrder(plan) {
                dot += look.gradientLink(other.node, faint: index > k)
                let state: EdgeState = index < k ? .done : (index == k ? .current : .pending)
                for c in other.contributions { dot += look.gradientEdge(c, plan: plan, state: state) }
            }
            return dot + look.constantEdges(plan) + "}\n"
        }
    }
}

/// Where a gradient edge stands in a flipbook frame.
enum EdgeState {
    /// Already used: coloured, thin, label greyed.
    case done
    /// Used in this step (or the full diagram): coloured, thick, labelled.
    case current
    /// Not yet used: faint, label invisible (kept so every frame has the same layout).
    case pending
}

extension TraceLook {
    var backpropSubtitle: String {
        isTensor ? words.backpropSubtitleTensor : words.backpropSubtitle
    }

    var frameSubtitle: String { words.frameSubtitle }

    /// A gradient edge drawn along the forward edge with the arrow reversed, so the layout matches the graph.
    func gradientEdge(_ c: BackwardContribution, plan: BackwardPlan, state: EdgeState) -> String {
        let label = edgeLabel(c).map(Self.escape).joined(separator: "\\n")
        var attributes = ["dir=back", "label=\"\(label)\""] + (chainWeight(c.edge.parent, list: false).isEmpty ? [] : ["weight=8"])
        switch state {
        case .pending:
            attributes += ["color=\"\(Self.faint)\"", "fontcolor=\"#ffffff\"", "style=dashed"]
        case .done, .current:
            let (line, text) = colours(c.contribution, largest: plan.largest)
            let width = penWidth(c.contribution, largest: plan.largest) + (state == .current ? 0 : -0.6)
            attributes += ["color=\"\(line)\"", "fontcolor=\"\(state == .done ? Self.soft : text)\"",
                           "penwidth=\(NumberFormat.compact(max(1, width), digits: 2))"]
        }
        return "  \(source(c.edge.parent, into: c.edge.child, port: true)) -> op\(c.edge.child) [\(attributes.joined(separator: ", "))];\n"
    }

    /// The backward steps with their index in backward order, listed in forward order.
    func stepsInForwardOrder(_ plan: BackwardPlan) -> [(Int, BackwardStep)] {
        var index: [Int: Int] = [:]
        for (k, step) in plan.steps.enumerated() { index[step.node] = k }
        return drawOrder.compactMap { id in index[id].map { ($0, plan.steps[$0]) } }
    }

    /// Edges from constants, drawn faint and unlabelled because no gradient flows to a constant; and the
    /// value links of ops whose inputs are all constants (they make no backward step).
    func constantEdges(_ plan: BackwardPlan) -> String {
        let stepped = Set(plan.steps.map(\.node))
        var text = ""
        for id in drawOrder where hasOp(id) && !stepped.contains(id) { text += gradientLink(id, faint: true) }
        for edge in trace.edges where trace.nodes[edge.parent].kind == .constant {
            text += "  \(source(edge.parent, into: edge.child)) -> op\(edge.child) [dir=none, style=dashed, color=\"\(Self.faint)\"];\n"
        }
        return text
    }

    /// The link from an op's value back into the op: the gradient passes through unchanged.
    func gradientLink(_ id: Int, faint: Bool) -> String {
        "  op\(id) -> \(port(id, side: "w")) [dir=back\(faint ? ", color=\"\(Self.faint)\"" : "")\(chainWeight(id, list: false))];\n"
    }

    /// Gradient edges attach to a record's grad field when it has one.
    func port(_ id: Int, side: String = "e") -> String {
        let node = trace.nodes[id]
        let hasGrad = trace.level != .shapes && node.kind != .constant && node.grad != nil
        return hasGrad ? "v\(id):g:\(side)" : "v\(id)"
    }

    /// `① 0.5000 × -3.0000 = -1.5000` on two lines, or only the number when values are missing (tensor traces).
    func edgeLabel(_ c: BackwardContribution) -> [String] {
        let mark = Self.circled(c.number)
        guard let upstream = c.upstream, let local = c.local, let value = c.contribution else { return [mark] }
        return ["\(mark) \(fmt(upstream)) × \(fmt(local))", "= \(fmt(value))"]
    }

    /// Edge colour and a darker text colour for a contribution: its sign picks the side of the diverging map,
    /// its size how far out (never paler than a visible tint); grey for zero or unknown.
    func colours(_ contribution: Double?, largest: Double) -> (line: String, text: String) {
        guard let c = contribution, c != 0, c.isFinite, largest > 0 else { return (Self.soft, Self.ink) }
        let strength = 0.3 + 0.2 * min(1, abs(c) / largest)
        let line = Colormap.diverging.color(0.5 + (c > 0 ? strength : -strength)).hex
        let text = Colormap.diverging.color(c > 0 ? 1 : 0).hex
        return (line, text)
    }

    /// 1.2 for nothing up to 4.5 for the largest contribution.
    func penWidth(_ contribution: Double?, largest: Double) -> Double {
        guard let c = contribution, c.isFinite, largest > 0 else { return 1.2 }
        return 1.2 + 3.3 * min(1, abs(c) / largest)
    }

    /// ① … ⑳, then `#21`.
    static func circled(_ n: Int) -> String {
        guard (1...20).contains(n), let scalar = Unicode.Scalar(0x2460 + n - 1) else { return "#\(n)" }
        return String(Character(scalar))
    }
}
