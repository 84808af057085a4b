import Foundation
import GradCheck
import Render
import ScalarGrad

/// Lesson 1: one neuron, y = φ(Σ wᵢxᵢ + b), on concrete numbers, through ReLU, sigmoid and tanh; each output's
/// local derivative and the weights' gradients come from the scalar engine and are checked by central differences.
struct NeuronLesson: Lesson {
    static let name = "neuron"
    static let summary: [Language: String] = [
        .en: "one neuron y = φ(Σ wᵢxᵢ + b) on real numbers, through ReLU, sigmoid and tanh",
        .zh: "一个神经元 y = φ(Σ wᵢxᵢ + b)：用具体数字算一遍，分别经过 ReLU、sigmoid 和 tanh",
    ]

    /// The inputs and parameters the learner sees (chosen so the weighted sum is positive but small).
    static let inputs: [Double] = [2.0, -1.0, 0.5]
    static let weights: [Double] = [0.6, 0.9, -0.4]
    static let bias = 0.5
    /// A second bias that makes the weighted sum negative, to show what each activation does there.
    static let negativeBias = -1.0

    /// The three activations: scalar-engine function ops, named by their op (`Value.Operation`).
    enum Activation: String, CaseIterable {
        case relu, sigmoid, tanh

        /// The engine op (every case is one, by name: the lesson tests run each).
        var operation: Value.Operation { Value.Operation(function: rawValue)! }

        /// `ReLU`, `sigmoid`, `tanh`: the op's display name.
        var name: String { operation.displayName }

        func apply(_ z: Value) -> Value { z.applying(operation) }

        /// The activation on a plain number, for central differences.
        func value(_ z: Double) -> Double { apply(Value(z)).data }
    }

    /// Builds y = φ(Σ wᵢxᵢ + b) from leaves: inputs, weights, bias (labelled as the text names them).
    static func neuron(_ leaves: [Value], _ activation: Activation) -> (z: Value, y: Value) {
        let n = inputs.count
        var sum = leaves[0] * leaves[n]
        for i in 1..<n { sum = sum + leaves[i] * leaves[n + i] }
        let z = sum + leaves[2 * n]
        z.label = "z"
        let y = activation.apply(z)
        y.label = "y"
        return (z, y)
    }

    static func leaves(bias: Double) -> [Value] {
        // Three typed arrays, then joined: one `+` chain of two maps took ≈ 0.9 s to type-check under load.
        let xs: [Value] = inputs.indices.map { Value(inputs[$0], label: "x\($0 + 1)") }
        let ws: [Value] = weights.indices.map { Value(weights[$0], label: "w\($0 + 1)") }
        return xs + ws + [Value(bias, label: "b")]
    }

    func run(_ context: LessonContext) throws {
        let n = Self.inputs.count

        // MARK: Intro: the formula and the numbers chosen
        let assignments = (0..<n).map { "x\($0 + 1) = \(fmt(Self.inputs[$0], digits: 1))" }.joined(separator: ", ")
            + "\n" + (0..<n).map { "w\($0 + 1) = \(fmt(Self.weights[$0], digits: 1))" }.joined(separator: ", ")
            + ", b = \(fmt(Self.bias, digits: 1))"
        try context.say("intro", ["n": "\(n)", "assignments": assignments])

        // MARK: The weighted sum, step by step (from the sigmoid neuron's trace)
        let leaves = Self.leaves(bias: Self.bias)
        let (z, y) = Self.neuron(leaves, .sigmoid)
        y.backward()
        let trace = y.trace(title: context.zh ? "一个 sigmoid 神经元" : "one sigmoid neuron")
        let narration = Narration.forward(trace, language: context.language).lines
            .filter { $0.kind != .heading }.map(\.text).joined(separator: "\n")
        let products = (0..<n).map { Self.weights[$0] * Self.inputs[$0] }
        let sumLine = "z = " + (products + [Self.bias]).map { signed($0) }.joined(separator: " + ")
            + " = \(fmt(z.data))"
        try context.say("sum", ["forward": narration, "sum_line": sumLine, "z": fmt(z.data)])

        // MARK: The three activations on the same z, with their local derivatives and the weights' gradients
        var rows: [[String]] = []
        var negativeRows: [[String]] = []
        var outputs: [Activation: (y: Double, local: Double)] = [:]
        for activation in Activation.allCases {
            let leaves = Self.leaves(bias: Self.bias)
            let (z, y) = Self.neuron(leaves, activation)
            y.backward()
            outputs[activation] = (y.data, z.grad)
            rows.append([activation.name, fmt(y.data), fmt(z.grad)] + leaves[n..<(2 * n + 1)].map { fmt($0.grad) })
            context.check(name: "\(activation.name)′(z)", shown: z.grad,
                          expected: centralDifference(activation.value, at: z.data))
            let report = try ScalarGradCheck.compare(
                names: (1...n).map { "w\($0)" } + ["b"], analytical: leaves[n...].map(\.grad),
                at: Array(Self.weights) + [Self.bias]) { parameters in
                    let values = Self.inputs.map { Value($0) } + parameters.map { Value($0) }
                    return Self.neuron(values, activation).y.data
                }
            for entry in report.entries {
                context.check(name: "\(activation.name): ∂y/∂\(entry.name)", shown: entry.analytical,
                              expected: entry.numerical)
            }
            let negative = Self.leaves(bias: Self.negativeBias)
            let (zn, yn) = Self.neuron(negative, activation)
            yn.backward()
            negativeRows.append([activation.name, fmt(yn.data), fmt(zn.grad)])
            context.check(name: "\(activation.name)′(\(fmt(zn.data, digits: 1)))", shown: zn.grad,
                          expected: centralDifference(activation.value, at: zn.data))
        }
        let header = [context.zh ? "激活函数" : "activation", "y = φ(z)", "∂y/∂z = φ′(z)"]
            + (1...n).map { "∂y/∂w\($0)" } + ["∂y/∂b"]
        let table = Table(header: header, rows: rows, alignments: [.left] + Array(repeating: .right, count: n + 3))
        let sig = outputs[.sigmoid]!, tanh = outputs[.tanh]!
        try context.say("activations", [
            "z": fmt(z.data), "table": indented(table),
            "relu_y": fmt(outputs[.relu]!.y), "sig_y": fmt(sig.y), "sig_local": fmt(sig.local),
            "sig_check": fmt(sig.y * (1 - sig.y)), "tanh_y": fmt(tanh.y), "tanh_local": fmt(tanh.local),
            "tanh_check": fmt(1 - tanh.y * tanh.y), "x1": fmt(Self.inputs[0], digits: 1),
            "sig_w1": fmt(sig.local * Self.inputs[0]),
        ])

        // MARK: The same weights with a bias that makes z negative
        let zNegative = z.data - Self.bias + Self.negativeBias
        let negativeTable = Table(header: [context.zh ? "激活函数" : "activation", "y = φ(z)", "φ′(z)"],
                                  rows: negativeRows, alignments: [.left, .right, .right])
        try context.say("negative", [
            "b2": fmt(Self.negativeBias, digits: 1), "z2": fmt(zNegative), "table": indented(negativeTable),
        ])

        // MARK: The computation graph of the sigmoid neuron
        try context.record(TraceDiagrams.write(trace, to: context.outputDirectory, command: context.command, language: context.language))
        try context.say("graph", [
            "graph": context.file(named: "graph.png"),
            "backprop": context.file(named: "backprop.png"),
        ])
        try context.say("check")
    }
}
