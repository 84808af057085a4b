import Tracing

extension Narration {
    /// The backward pass, edge by edge in the order backward ran: for each edge the upstream gradient, the local
    /// derivative and their product (`∂o/∂w1 = ∂o/∂(x1·w1) · ∂(x1·w1)/∂w1 = 0.5000 × 2.0000 = 1.0000`); where a
    /// node feeds several others, `+=` with the running sum, then the total. Ends by checking every sum against
    /// the gradient the trace recorded.
    public static func backward(_ trace: Trace, language: Language = .en,
                                digits: Int = NumberFormat.defaultDigits) -> Narration {
        let words = Notation(trace, language, digits)
        let top = words.outputName
        var lines = [NarrationLine(.heading, words.say("Backward pass (chain rule), from \(top) back to the inputs",
                                                     "反向传播（链式法则）：从 \(top) 回到输入"))]
        guard let output = trace.output else {
            lines.append(NarrationLine(.note, words.say("No output was recorded, so there is no backward pass.",
                                                      "没有记录输出节点，因此没有反向传播。")))
            return Narration(lines)
        }
        let seed = trace.nodes[output].scalarGrad ?? 1
        lines.append(NarrationLine(.backward, "∂\(top)/∂\(top) = \(words.number(seed))"
                                   + words.aside("start: the output with respect to itself", "起点：输出对自身的导数")))
        let plan = BackwardPlan(trace)
        var running = [Double?](repeating: nil, count: trace.nodes.count)
        var arrived = [Int](repeating: 0, count: trace.nodes.count)
        var mismatches: [String] = []
        for (stepIndex, step) in plan.steps.enumerated() {
            for c in step.contributions {
                let parent = c.edge.parent
                guard let upstream = c.upstream, let local = c.local, let value = c.contribution else {
                    lines.append(NarrationLine(.backward, words.tensorLine(c), step: stepIndex))
                    continue
                }
                arrived[parent] += 1
                running[parent] = (running[parent] ?? 0) + value
                let shared = plan.fanOut[parent] > 1
                var line = words.partial(of: top, by: parent) + (shared ? " += " : " = ")
                line += words.partial(of: top, by: c.edge.child) + " · " + words.local(c.edge)
                line += " = \(words.number(upstream)) × \(words.number(local)) = \(words.number(value))"
                var remarks: [String] = []
                if let k = words.repeatedInput(c.edge) {
                    remarks.append(words.say("as input \(k)", "作为第 \(k) 个输入"))
                }
                if shared, arrived[parent] < plan.fanOut[parent], let sum = running[parent] {
                    remarks.append(words.say("so far \(words.number(sum))", "累计 \(words.number(sum))"))
                }
                if !remarks.isEmpty {
                    line += words.aside(remarks.joined(separator: "; "), remarks.joined(separator: "；"))
                }
                lines.append(NarrationLine(.backward, line, step: stepIndex))
                if shared, arrived[parent] == plan.fanOut[parent], let sum = running[parent] {
                    let parts = plan.received[parent].compactMap(\.contribution).map(words.number)
                    let uses = plan.fanOut[parent]
                    lines.append(NarrationLine(.total, words.partial(of: top, by: parent) + " = "
                        + parts.joined(separator: " + ") + " = \(words.number(sum))"
                        + words.aside("\(words.names[parent]) is used \(uses) times, so its contributions add up",
                                    "\(words.names[parent]) 被使用了 \(uses) 次，各部分梯度相加"), step: stepIndex))
                }
            }
        }
        for id in trace.nodes.indices where id != output {
            if let sum = running[id], let recorded = trace.nodes[id].scalarGrad, !Notation.agrees(sum, recorded) {
                mismatches.append("\(words.names[id]): \(words.number(sum)) ≠ \(words.number(recorded))")
            }
        }
        if running.contains(where: { $0 != nil }) {
            lines.append(mismatches.isEmpty
                ? NarrationLine(.check, words.say("Every value above equals the gradient recorded by backward.",
                                                "以上每个结果都与反向传播记录的梯度一致。"), passed: true)
                : NarrationLine(.check, words.say("Differs from the recorded gradient: ", "与记录的梯度不一致：")
                                + mismatches.joined(separator: ", "), passed: false))
        }
        return Narration(lines)
    }
}

extension Notation {
    /// A tensor edge: no single local derivative, so say where the gradient came from and what arrived.
    func tensorLine(_ c: BackwardContribution) -> String {
        let parent = trace.nodes[c.edge.parent]
        let op = trace.nodes[c.edge.child].op
        let grad = parent.grad.map { summaryText($0, shape: parent.shape) } ?? "—"
        return "∂\(outputName)/∂\(names.wrapped(c.edge.parent)) ← \(op): \(grad)"
            + aside("a Jacobian product, not one number", "雅可比矩阵乘积，不是单个数")
    }

    func summaryText(_ s: TensorSummary, shape: [Int]) -> String {
        if let x = s.scalar, shape.isEmpty { return number(x) }
        if let values = s.values, values.count <= 8 {
            return NumberFormat.shape(shape) + " ["
                + values.map { NumberFormat.compact($0, digits: digits) }.joined(separator: ", ") + "]"
        }
        return NumberFormat.shape(shape) + " min \(number(s.min)) max \(number(s.max)) norm \(number(s.norm))"
    }
}
