import Datasets
import Foundation
import GradCheck
import Render
import Showcase
import ScalarGrad

/// The flagship lesson: the chain rule on one neuron, a value used twice, a two-layer net on moons points with
/// one SGD step, then training on the moons — every number computed by the scalar engine, every gradient checked.
struct BackpropLesson: Lesson {
    static let name = "backprop"
    static let summary: [Language: String] = [
        .en: "the chain rule on one neuron, edge by edge; gradients through a 2-layer net; one SGD step",
        .zh: "在一个神经元上逐条边应用链式法则；梯度穿过两层网络；一步 SGD",
    ]

    /// The neuron's inputs and parameters: chosen so n = x1·w1 + x2·w2 + b lands where tanh is not flat.
    static let neuronBindings: [String: Double] = ["x1": 2.0, "x2": -1.0, "w1": 0.4, "w2": 0.5, "b": 0.3]
    /// A value used twice (a and the product share `a`), for the accumulation section.
    static let reuse = (expression: "a*b + a", bindings: ["a": 3.0, "b": -2.0])

    func run(_ context: LessonContext) throws {
        try context.say("intro")

        // MARK: 1–2. One neuron, forward and backward
        let neuron = try Self.neuron()
        let o = neuron.output.data
        try context.record(neuron.write(to: context.outputDirectory, command: context.command, flipbook: true,
                                        language: context.language))
        try context.say("forward", [
            "expression": "o = tanh(x1·w1 + x2·w2 + b)",
            "inputs": ["x1", "x2", "w1", "w2", "b"].map { "\($0) = \(fmt(Self.neuronBindings[$0]!))" }
                .joined(separator: ", "),
            "forward": Narration.forward(neuron.trace, language: context.language).lines.dropFirst()
                .map(\.text).joined(separator: "\n"),
            "o": fmt(o),
            "graph": LessonFiles.display(context.path("graph.png")),
        ])
        let gradRows = neuron.variables.map { name -> [String] in
            let leaf = neuron.leaves[name]!
            return [name, fmt(leaf.data), fmt(leaf.grad)]
        }
        try context.say("backward", [
            "o": fmt(o),
            "dtanh": fmt(1 - o * o),
            "backward": Narration.backward(neuron.trace, language: context.language).lines.dropFirst()
                .map(\.text).joined(separator: "\n"),
            "grad_table": Table(header: context.zh ? ["变量", "值", "∂o/∂变量"] : ["variable", "value", "∂o/∂variable"],
                                rows: gradRows, alignments: [.left, .right, .right]).render(),
            "backprop": LessonFiles.display(context.path("backprop.png")),
            "flipbook": LessonFiles.display(context.path("backprop-step-*.png")),
        ])
        try context.check(neuron.check().selfCheckRows(prefix: "∂o/∂"))

        // MARK: 3. A value used twice
        let reused = try ExpressionTrace(Self.reuse.expression, bindings: Self.reuse.bindings)
        let why = try Narration.why(reused.trace, variable: "a", language: context.language)
        try context.say("reuse", [
            "reuse_expression": "f = " + reused.expression.description,
            "reuse_inputs": Self.reuse.bindings.keys.sorted()
                .map { "\($0) = \(fmt(Self.reuse.bindings[$0]!))" }.joined(separator: ", "),
            "reuse_why": why.lines.dropFirst().map(\.text).joined(separator: "\n"),
        ])
        try context.check(reused.check().selfCheckRows(prefix: "∂f/∂"))

        // MARK: 4. A two-layer network and one SGD step
        let step = try TwoLayerStep(seed: context.seed, language: context.language)
        try context.say("net", step.placeholders)
        context.check(step.checks)

        // MARK: 5. Training on the moons
        let moons = try MoonsTraining(seed: context.seed, quick: context.quick)
        try context.record(moons.writePlot(to: context.outputDirectory, command: context.command, language: context.language))
        try context.say("moons", [
            "steps": "\(moons.steps)", "moons_points": "\(moons.data.count)",
            "moons_shape": "2-16-16-1, ReLU",
            "alpha": String(format: "%g", moons.alpha),
            "lr_first": fmt(moons.learningRates.first ?? .nan, digits: 2),
            "lr_last": fmt(moons.learningRates.last ?? .nan, digits: 2),
            "moons_loss_first": fmt(moons.losses.first ?? .nan), "moons_loss_last": fmt(moons.losses.last ?? .nan),
            "moons_accuracy": String(format: "%.0f %%", 100 * moons.accuracy),
            "moons": LessonFiles.display(context.path("moons.png")),
        ])
        context.check(moons.checks)

        try context.say("history")
        try context.say("check")
    }

    /// o = tanh(x1·w1 + x2·w2 + b) with its intermediate values named as micrograd names them (n, o).
    static func neuron() throws -> ExpressionTrace {
        let expression = try ScalarGrad.Expression.parse("tanh(x1*w1 + x2*w2 + b)")
        let (o, leaves) = try expression.evaluate(neuronBindings)
        o.label = "o"
        o.parents.first?.value.label = "n"
        return ExpressionTrace(expression: expression, bindings: neuronBindings, output: o, leaves: leaves,
                               title: "o = tanh(x1·w1 + x2·w2 + b)")
    }

}
