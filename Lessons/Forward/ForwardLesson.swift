import Groundwork
import Datasets
import Foundation
import Render
import TensorGrad

/// Lesson 3: the forward pass of a 2 → 8 → 1 classifier on 50 moons points with real tensor shapes at every
/// step, its architecture, its untrained decision boundary, and why the activation between layers matters.
struct ForwardLesson: Lesson {
    static let name = "forward"
    static let summary: [Language: String] = [
        .en: "the forward pass z = xW + b layer by layer on 50 points: shapes, numbers, architecture",
        .zh: "前向传播 z = xW + b：50 个点逐层计算，每一步的形状、数值和网络结构图",
    ]

    static let points = 50
    static let hidden = 8
    static let shownRows = 3

    /// The parameters: W₁ [2, hidden], b₁ [hidden], W₂ [hidden, 1], b₂ [1] (rows of X times W, as in code).
    struct Parameters {
        var w1: Tensor<Double>, b1: Tensor<Double>, w2: Tensor<Double>, b2: Tensor<Double>

        var all: [Tensor<Double>] { [w1, b1, w2, b2] }

        init(seed: UInt64) {
            var generator = SeededGenerator(seed: seed)
            // He initialisation for the ReLU layer, Xavier for the sigmoid output; small uniform biases.
            w1 = .randomNormal([2, hidden], std: (2.0 / 2).squareRoot(), using: &generator)
            b1 = .randomUniform([hidden], in: -0.5...0.5, using: &generator)
            w2 = .randomNormal([hidden, 1], std: (1.0 / Double(hidden)).squareRoot(), using: &generator)
            b2 = .randomUniform([1], in: -0.5...0.5, using: &generator)
            for p in all { p.requiresGrad = true }
        }

        init(_ w1: Tensor<Double>, _ b1: Tensor<Double>, _ w2: Tensor<Double>, _ b2: Tensor<Double>) {
            (self.w1, self.b1, self.w2, self.b2) = (w1, b1, w2, b2)
        }

        /// Every step of the forward pass, in order: (name, result).
        func steps(_ x: Tensor<Double>) -> [(String, Tensor<Double>)] {
            let xw1 = x.matmul(w1), z1 = xw1 + b1, a1 = z1.relu()
            let aw2 = a1.matmul(w2), z2 = aw2 + b2, p = z2.sigmoid()
            for (tensor, label) in [(x, "X"), (w1, "W₁"), (b1, "b₁"), (w2, "W₂"), (b2, "b₂"), (xw1, "X·W₁"), (z1, "z₁"),
                                    (a1, "a₁"), (aw2, "a₁·W₂"), (z2, "z₂"), (p, "p")] { tensor.label = label }
            return [("X", x), ("X·W₁", xw1), ("z₁ = X·W₁ + b₁", z1), ("a₁ = ReLU(z₁)", a1),
                    ("a₁·W₂", aw2), ("z₂ = a₁·W₂ + b₂", z2), ("p = σ(z₂)", p)]
        }

        func output(_ x: Tensor<Double>) -> Tensor<Double> { steps(x).last!.1 }
    }

    func run(_ context: LessonContext) throws {
        let data = Synthetic.moons(count: Self.points, noise: 0.1, seed: context.seed)
        let x = Tensor<Double>(shape: [data.count, 2], scalars: data.points.flatMap { $0 })
        let parameters = Parameters(seed: context.seed)
        let counts = parameters.all.map(\.count)
        try context.say("intro", [
            "points": "\(data.count)", "hidden": "\(Self.hidden)", "features": "2",
            "layer1": "\(counts[0] + counts[1])", "layer2": "\(counts[2] + counts[3])",
            "total": "\(counts.reduce(0, +))",
        ])

        // MARK: Layer by layer: shapes and the first rows
        let steps = parameters.steps(x)
        let shapeRows = steps.map { name, tensor in [name, tensor.shape.description] }
        let shapeTable = Table(header: [context.zh ? "步骤" : "step", context.zh ? "形状" : "shape"], rows: shapeRows,
                               alignments: [.left, .left])
        let blocks = steps.filter { ["X", "z₁ = X·W₁ + b₁", "a₁ = ReLU(z₁)", "p = σ(z₂)"].contains($0.0) }
            .map { name, tensor in "\(name)   \(tensor.shape)\n" + Self.rows(tensor, count: Self.shownRows) }
            .joined(separator: "\n\n")
        let p = steps.last!.1.scalars
        let correct = zip(p, data.labels).filter { ($0 > 0.5 ? 1 : 0) == $1 }.count
        try context.say("layers", [
            "shapes": indented(shapeTable), "rows": "\(Self.shownRows)", "blocks": blocks,
            "w1": Self.rows(parameters.w1, count: 2), "b1": Self.rows(parameters.b1.reshape([1, Self.hidden]), count: 1),
            "w2": Self.rows(parameters.w2.reshape([1, Self.hidden]), count: 1),
            "b2": fmt(parameters.b2.scalars[0], digits: 3),
            "w1_shape": parameters.w1.shape.description, "w2_shape": parameters.w2.shape.description,
            "b1_shape": parameters.b1.shape.description, "x_shape": x.shape.description,
            "z1_shape": steps[2].1.shape.description,
            "correct": "\(correct)", "points": "\(data.count)",
            "accuracy": fmt(100 * Double(correct) / Double(data.count), digits: 0),
        ])

        // MARK: Pictures: architecture (hand-written DOT), the engine's own graph, the untrained boundary
        try context.record(DiagramFiles.write(dot: Self.architectureDOT(parameters, points: data.count, zh: context.zh),
                                              name: "architecture", to: context.outputDirectory,
                                              title: context.zh ? "网络结构 2 → 8 → 1" : "Architecture 2 → 8 → 1",
                                              command: context.command))
        let traced = withTracing(.shapes) { parameters.output(x) }
        try context.record(DiagramFiles.write(
            dot: TraceDOT.graph(traced.trace(title: context.zh ? "前向传播的张量计算图" : "forward pass, tensor ops",
                                             level: .shapes), language: context.language),
            name: "trace", to: context.outputDirectory,
            title: context.zh ? "前向传播的张量计算图" : "Forward pass: the engine's tensor graph", command: context.command))
        try context.write(Self.boundary(parameters, data: data, resolution: context.quick ? 40 : 150, zh: context.zh), name: "boundary")
        try context.say("pictures", [
            "architecture": context.file(named: "architecture.png"),
            "trace": context.file(named: "trace.png"),
            "boundary": context.file(named: "boundary.png"),
        ])

        // MARK: Self-check of the matrix product against a hand-written loop (the first rows of the self-check)
        let product = steps[1].1.scalars
        var worst = 0.0
        for n in 0..<data.count {
            for j in 0..<Self.hidden {
                var sum = 0.0
                for k in 0..<2 { sum += data.points[n][k] * parameters.w1.scalars[k * Self.hidden + j] }
                worst = max(worst, abs(sum - product[n * Self.hidden + j]))
            }
        }
        let first = data.points[0][0] * parameters.w1.scalars[0] + data.points[0][1] * parameters.w1.scalars[Self.hidden]
        context.check(SelfCheckRow(name: "(X·W₁)[1,1]", shown: product[0], expected: first, atol: 1e-12, rtol: 0),
                      SelfCheckRow(name: context.zh ? "X·W₁ vs 手写循环（最大差）" : "X·W₁ vs hand loop (max diff)",
                                   shown: worst, expected: 0, atol: 1e-12, rtol: 0))
        // MARK: Without an activation the two layers collapse into one
        let linearOnly = withNoGrad { (x.matmul(parameters.w1) + parameters.b1).matmul(parameters.w2) + parameters.b2 }
        let merged = withNoGrad { (parameters.w1.matmul(parameters.w2), parameters.b1.reshape([1, Self.hidden])
            .matmul(parameters.w2).reshape([1]) + parameters.b2) }
        let mergedOut = withNoGrad { x.matmul(merged.0) + merged.1 }
        let collapseDiff = zip(linearOnly.scalars, mergedOut.scalars).map { abs($0 - $1) }.max()!
        context.check(SelfCheckRow(name: context.zh ? "两层线性 = 一层线性（最大差）" : "two linear layers = one (max diff)",
                                   shown: collapseDiff, expected: 0, atol: 1e-12, rtol: 0))
        try context.say("collapse", [
            "w": Self.rows(merged.0.reshape([1, 2]), count: 1), "b": fmt(merged.1.scalars[0], digits: 3),
            "diff": String(format: "%.1e", collapseDiff),
        ])

        // MARK: One gradient of the output, by the chain rule and by the engine
        let z1 = steps[2].1.scalars
        let unit = (0..<Self.hidden).max { z1[$0] < z1[$1] }!   // the most active hidden unit for point 1
        let out = steps.last!.1
        let seedGradient = Tensor<Double>(shape: out.shape, scalars: (0..<out.count).map { $0 == 0 ? 1 : 0 })
        out.backward(seedGradient)
        let engine = parameters.w1.grad!.scalars[unit]   // ∂p₁/∂W₁[row 1, column unit]
        let p1 = p[0], w2j = parameters.w2.scalars[unit], x11 = data.points[0][0]
        let active: Double = z1[unit] > 0 ? 1 : 0
        let chain = p1 * (1 - p1) * w2j * active * x11
        let numeric = centralDifference({ value in
            let w1 = parameters.w1.copy()
            w1.withUnsafeMutableBufferPointer { $0[unit] = value }
            return withNoGrad { Parameters(w1, parameters.b1, parameters.w2, parameters.b2).output(x).scalars[0] }
        }, at: parameters.w1.scalars[unit])
        context.check(name: "∂p₁/∂W₁[1,\(unit + 1)]", shown: engine, expected: numeric)
        context.check(name: context.zh ? "∂p₁/∂W₁[1,\(unit + 1)] 链式法则" : "∂p₁/∂W₁[1,\(unit + 1)] chain rule",
                      shown: engine, expected: chain)
        let engineW2 = parameters.w2.grad!.scalars[unit]
        let numericW2 = centralDifference({ value in
            let w2 = parameters.w2.copy()
            w2.withUnsafeMutableBufferPointer { $0[unit] = value }
            return withNoGrad { Parameters(parameters.w1, parameters.b1, w2, parameters.b2).output(x).scalars[0] }
        }, at: w2j)
        context.check(name: "∂p₁/∂W₂[\(unit + 1),1]", shown: engineW2, expected: numericW2)
        try context.say("gradient", [
            "unit": "\(unit + 1)", "relu_local": fmt(active, digits: 0), "z": fmt(z1[unit]), "p": fmt(p1), "w2": fmt(w2j), "x": fmt(x11),
            "local_sigmoid": fmt(p1 * (1 - p1)), "chain": fmt(chain), "engine": fmt(engine),
            "a": fmt(steps[3].1.scalars[unit]), "engine_w2": fmt(engineW2), "check_w2": fmt(p1 * (1 - p1) * steps[3].1.scalars[unit]),
        ])
        try context.say("check")
    }

    /// The first `count` rows of a 2-D tensor, 3 decimals, aligned.
    static func rows(_ tensor: Tensor<Double>, count: Int) -> String {
        let columns = tensor.shape[1], values = tensor.scalars
        return (0..<min(count, tensor.shape[0])).map { r in
            (0..<columns).map { c in
                let s = fmt(values[r * columns + c], digits: 3)
                return String(repeating: " ", count: max(0, 7 - s.count)) + s
            }.joined(separator: " ")
        }.joined(separator: "\n")
    }
}
