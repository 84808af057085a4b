import Tracing

extension Narration {
    /// Paths beyond this many are summed but not listed one by one.
    public static let listedPathLimit = 24

    /// Why `∂output/∂variable` is what it is: the sum over every path from the variable to the output, each path
    /// the product of the local derivatives along it, shown equal to the gradient backward computed.
    /// For `x*x + x` at x = 3: `3.0000·1.0000 + 3.0000·1.0000 + 1.0000 = 7.0000 = ∂L/∂x`.
    public static func why(_ trace: Trace, variable: String, language: Language = .en,
                           digits: Int = NumberFormat.defaultDigits) throws -> Narration {
        guard let source = trace.nodes.first(where: { $0.label == variable })?.id else {
            let available = trace.nodes.filter { !$0.label.isEmpty && $0.kind == .leaf }.map(\.label)
            throw NarrationError.unknownVariable(variable, available: available)
        }
        return try why(trace, node: source, language: language, digits: digits)
    }

    /// Why `∂output/∂node` is what it is, for any node of the trace (a variable, or an intermediate value the
    /// explorer's learner clicked): the same sum over paths as `why(_:variable:)`.
    public static func why(_ trace: Trace, node source: Int, language: Language = .en,
                           digits: Int = NumberFormat.defaultDigits) throws -> Narration {
        guard let output = trace.output else { throw NarrationError.noOutput(title: trace.title) }
        guard trace.edges.allSatisfy({ $0.local != nil }) else {
            throw NarrationError.noScalarGradients(title: trace.title)
        }
        let words = Notation(trace, language, digits)
        let top = words.outputName
        let target = words.partial(of: top, by: source)
        if source == output {
            // `dlexplain trace x --why x`: the output is the variable (this used to index an empty path).
            let name = words.names[source]
            return Narration([NarrationLine(.heading, words.say(
                "Why \(target) = \(words.number(1)): \(name) is the output itself",
                "为什么 \(target) = \(words.number(1))：\(name) 就是输出本身")),
                NarrationLine(.note, words.say("The only path from \(name) to \(top) is empty: nothing to multiply, so "
                                               + "\(target) = 1.", "从 \(name) 到 \(top) 的路径是空的：没有要相乘的导数，所以 \(target) = 1。"))])
        }
        let paths = trace.paths(from: source, to: output)
        let products = paths.map { path in path.reduce(1.0) { $0 * ($1.local ?? 0) } }
        let total = products.reduce(0, +)
        let name = words.names[source]
        var lines = [NarrationLine(.heading, words.say(
            "Why \(target) = \(words.number(total)): add up every path from \(name) to \(top)",
            "为什么 \(target) = \(words.number(total))：把从 \(name) 到 \(top) 的每条路径加起来"))]
        guard !paths.isEmpty else {
            lines.append(NarrationLine(.note, words.say(
                "\(name) does not reach \(top): no path, so \(target) = 0.",
                "\(name) 不影响 \(top)：没有路径，所以 \(target) = 0。")))
            return Narration(lines)
        }
        lines.append(NarrationLine(.note, words.say(
            "Along a path, multiply the local derivatives (chain rule); across paths, add (the same value used twice "
                + "gets both contributions).",
            "沿一条路径把局部导数相乘（链式法则）；不同路径的结果相加（同一个值被用了几次，就得到几份贡献）。")))
        for (index, path) in paths.enumerated().prefix(listedPathLimit) {
            let locals = path.map { words.number($0.local ?? 0) }
            let product = locals.count > 1 ? locals.joined(separator: " × ") + " = \(words.number(products[index]))"
                                           : locals[0]
            let label = words.say("path \(index + 1): ", "路径 \(index + 1)：")
            let colon = words.say(": ", "：")
            lines.append(NarrationLine(.path, label + words.route(path) + colon + product))
        }
        if paths.count > listedPathLimit {
            let more = paths.count - listedPathLimit
            lines.append(NarrationLine(.note, words.say("… and \(more) more paths, included in the sum below.",
                                                      "……还有 \(more) 条路径，已计入下面的和。")))
        }
        let terms = paths.prefix(listedPathLimit).map { path in
            path.map { words.number($0.local ?? 0) }.joined(separator: "·")
        }
        let shownTerms = terms.joined(separator: " + ") + (paths.count > listedPathLimit ? " + …" : "")
        lines.append(NarrationLine(.sum, "\(shownTerms) = \(words.number(total)) = \(target)"))
        if let recorded = trace.nodes[source].scalarGrad {
            let agrees = Notation.agrees(total, recorded)
            lines.append(agrees
                ? NarrationLine(.check, words.say("equals the gradient backward computed: \(words.number(recorded))",
                                                "与反向传播算出的梯度相同：\(words.number(recorded))"), passed: true)
                : NarrationLine(.check, words.say("differs from the gradient backward recorded: \(words.number(recorded))",
                                                "与反向传播记录的梯度不同：\(words.number(recorded))"), passed: false))
        }
        return Narration(lines)
    }
}

extension Notation {
    /// `x → x·x (input 1) → L`: the nodes a path passes, marking which input it enters where that is ambiguous.
    func route(_ path: [TraceEdge]) -> String {
        guard let first = path.first else { return "" }
        var text = names[first.parent]
        for edge in path {
            text += " → " + names[edge.child]
            if let k = repeatedInput(edge) { text += say(" (input \(k))", "（第 \(k) 个输入）") }
        }
        return text
    }
}
