import Tracing

extension Narration {
    /// The forward pass, node by node: each leaf's value, then each op as
    /// `n = x1·w1 + x2·w2 + b = -6.0000 + 6.8814 = 0.8814` (scalars) or its shape and values (tensors).
    public static func forward(_ trace: Trace, language: Language = .en,
                               digits: Int = NumberFormat.defaultDigits) -> Narration {
        let words = Notation(trace, language, digits)
        var lines = [NarrationLine(.heading, words.say("Forward pass: \(trace.title)", "前向传播：\(trace.title)"))]
        let order = Set(trace.forwardOrder).count == trace.nodes.count ? trace.forwardOrder
                                                                         : Array(trace.nodes.indices)
        for id in order {
            let node = trace.nodes[id]
            switch node.kind {
            case .constant:
                continue
            case .leaf:
                let role = TraceLook.isParameter(node) ? words.aside("parameter", "参数") : words.aside("input", "输入")
                lines.append(NarrationLine(.value, "\(words.names[id]) = \(words.valueText(node))\(role)"))
            case .op:
                lines.append(NarrationLine(.forward, words.forwardLine(id)))
            }
        }
        return Narration(lines)
    }
}

extension Notation {
    /// A node's value: `0.8814`, or `1×3 [0.3, -0.1, 1.2]` / `8×26×26 min … max … mean …` for tensors.
    func valueText(_ node: TraceNode) -> String {
        guard let value = node.value else { return NumberFormat.shape(node.shape) }
        if let x = value.scalar, node.shape.isEmpty { return number(x) }
        let shape = NumberFormat.shape(node.shape)
        if let values = value.values, values.count <= 8 {
            return shape + " [" + values.map { NumberFormat.compact($0, digits: digits) }.joined(separator: ", ") + "]"
        }
        return shape + " min \(number(value.min)) max \(number(value.max)) mean \(number(value.mean))"
    }

    /// `name = expression = substituted numbers = value`, leaving out the repetition when the name is the
    /// expression itself (`x1·w1 = 2.0000 × -3.0000 = -6.0000`).
    func forwardLine(_ id: Int) -> String {
        let node = trace.nodes[id]
        let expression = names.expression(of: id, in: trace)
        let head = names[id] == expression ? expression : "\(names[id]) = \(expression)"
        let inputs = trace.incoming(id).map { trace.nodes[$0.parent] }
        let scalars = inputs.compactMap { $0.shape.isEmpty ? $0.scalarValue : nil }
        guard scalars.count == inputs.count, node.shape.isEmpty, let value = node.scalarValue else {
            return "\(head) → \(valueText(node))"
        }
        let substituted = OpInfo.substituted(op: node.op, detail: node.detail, inputs: scalars.map(number))
        return "\(head) = \(substituted) = \(number(value))"
    }
}
