import Tracing

/// Readable names for the nodes of a trace, shared by the diagrams and the narration so both call a node the
/// same thing: its label; for the unlabelled output, `L`; for a constant, its value; for an op on plain names,
/// the expression it computes (`x1·w1`, `tanh(n)`); otherwise a short name `n1`, `n2`, … in forward order.
/// Short names keep a chain-rule line such as `∂L/∂n2 = ∂L/∂n3 · ∂n3/∂n2` within a pencil's reach, where
/// nested expressions (`∂L/∂(x1·w1 + x2·w2)`) would run past the terminal's width.
public struct TraceNames: Sendable {
    /// Expressions longer than this many characters are replaced by `v<id>`.
    public static let maxExpressionLength = 22

    /// Name of each node, indexed by id.
    public let names: [String]
    /// Whether each node's name is an expression with operators (so `∂L/∂(x1·w1)` needs parentheses).
    public let isCompound: [Bool]
    private let precedence: [Int]

    /// Names every node of `trace` (parents before children, following `forwardOrder`).
    public init(_ trace: Trace) {
        let count = trace.nodes.count
        var names = [String](repeating: "", count: count)
        var compound = [Bool](repeating: false, count: count)
        var precedence = [Int](repeating: OpInfo.atom, count: count)
        var order = trace.forwardOrder
        if Set(order).count != count { order = Array(0..<count) }
        let taken = Set(trace.nodes.map(\.label))
        var shortNames = (1...).lazy.map { "n\($0)" }.filter { !taken.contains($0) }.makeIterator()
        for id in order {
            let node = trace.nodes[id]
            if !node.label.isEmpty {
                names[id] = node.label
            } else if node.kind == .constant {
                names[id] = node.scalarValue.map { NumberFormat.compact($0) } ?? "c\(id)"
            } else if node.kind == .leaf {
                names[id] = "v\(id)"
            } else if id == trace.output {
                names[id] = "L"
            } else {
                let incoming = trace.incoming(id)
                let inputs = incoming.map { (names[$0.parent], precedence[$0.parent]) }
                let (text, level) = OpInfo.expression(op: node.op, detail: node.detail, inputs: inputs)
                let onPlainNames = incoming.allSatisfy { !compound[$0.parent] }
                if onPlainNames && text.count <= TraceNames.maxExpressionLength {
                    names[id] = text
                    precedence[id] = level
                    compound[id] = level < OpInfo.atom
                } else {
                    names[id] = shortNames.next() ?? "v\(id)"
                }
            }
        }
        self.names = names
        self.isCompound = compound
        self.precedence = precedence
    }

    /// The name of node `id`.
    public subscript(id: Int) -> String { names[id] }

    /// What op node `id` computes, written from its inputs' names, never shortened (`x1·w1 + x2·w2 + b`).
    public func expression(of id: Int, in trace: Trace) -> String {
        let node = trace.nodes[id]
        let inputs = trace.incoming(id).map { (names[$0.parent], precedence[$0.parent]) }
        return OpInfo.expression(op: node.op, detail: node.detail, inputs: inputs).0
    }

    /// The name, in parentheses when it is a compound expression: for `∂L/∂(x1·w1)`.
    public func wrapped(_ id: Int) -> String { isCompound[id] ? "(\(names[id]))" : names[id] }
}

/// How each op is written: its diagram symbol and its expression form.
public enum OpInfo {
    /// Precedence of an atom (a name or a function call).
    static let atom = 9

    /// The symbol drawn in an op ellipse: `+ − × ÷ ^2 exp log tanh relu σ`; other ops by name.
    public static func symbol(op: String, detail: String) -> String {
        switch op {
        case "add": return "+"
        case "sub": return "−"
        case "mul": return "×"
        case "div": return "÷"
        case "neg": return "−x"
        case "pow": return detail.isEmpty ? "pow" : detail
        case "sigmoid": return "σ"
        default: return detail.isEmpty ? op : "\(op) \(detail)"
        }
    }

    /// The expression text of `op` applied to `inputs` (name, precedence), with its own precedence.
    static func expression(op: String, detail: String, inputs: [(String, Int)]) -> (String, Int) {
        func operand(_ i: Int, _ level: Int, strict: Bool = false) -> String {
            guard i < inputs.count else { return "?" }
            let (text, p) = inputs[i]
            return p < level || (strict && p == level) ? "(\(text))" : text
        }
        switch (op, inputs.count) {
        case ("add", 2): return ("\(operand(0, 1)) + \(operand(1, 1))", 1)
        case ("sub", 2): return ("\(operand(0, 1)) − \(operand(1, 1, strict: true))", 1)
        case ("mul", 2): return ("\(operand(0, 2))·\(operand(1, 2))", 2)
        case ("div", 2): return ("\(operand(0, 2)) / \(operand(1, 2, strict: true))", 2)
        case ("neg", 1): return ("−\(operand(0, 3))", 3)
        case ("pow", 1): return ("\(operand(0, 4, strict: true))\(detail.isEmpty ? "^p" : detail)", 4)
        case ("sigmoid", _): return ("σ(\(inputs.map(\.0).joined(separator: ", ")))", atom)
        default: return ("\(op)(\(inputs.map(\.0).joined(separator: ", ")))", atom)
        }
    }

    /// The op applied to numbers already formatted, as a reader would substitute them:
    /// `2.0000 × -3.0000`, `tanh(0.8814)`, `(-1.5000)^2`.
    static func substituted(op: String, detail: String, inputs: [String]) -> String {
        func parenthesised(_ text: String) -> String { text.hasPrefix("-") ? "(\(text))" : text }
        switch (op, inputs.count) {
        case ("add", 2): return "\(inputs[0]) + \(inputs[1])"
        case ("sub", 2): return "\(inputs[0]) − \(parenthesised(inputs[1]))"
        case ("mul", 2): return "\(inputs[0]) × \(inputs[1])"
        case ("div", 2): return "\(inputs[0]) ÷ \(parenthesised(inputs[1]))"
        case ("neg", 1): return "−\(parenthesised(inputs[0]))"
        case ("pow", 1): return "\(parenthesised(inputs[0]))\(detail.isEmpty ? "^p" : detail)"
        case ("sigmoid", _): return "σ(\(inputs.joined(separator: ", ")))"
        default: return "\(op)(\(inputs.joined(separator: ", ")))"
        }
    }
}
