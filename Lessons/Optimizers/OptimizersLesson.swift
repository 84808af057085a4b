import Foundation
import Render

/// Gradient descent and its refinements (momentum, Adagrad, RMSProp, Adam): the first three updates of each,
/// written out with the numbers the NN optimizers produced, and their paths across an ill-conditioned valley.
struct OptimizersLesson: Lesson {
    static let name = "optimizers"
    static let summary: [Language: String] = [
        .en: "SGD, momentum, Adagrad, RMSProp, Adam: three updates with numbers, paths on a narrow valley",
        .zh: "SGD、动量、Adagrad、RMSProp、Adam：前三次更新的具体数值，以及在狭长山谷上的路径",
    ]

    static let valley = Valley(a: 0.1, b: 2)
    static let start = [-4.0, 1.5]
    static let methods = [
        Method(kind: .sgd, learningRate: 0.45), Method(kind: .momentum, learningRate: 0.05),
        Method(kind: .adagrad, learningRate: 0.7), Method(kind: .rmsprop, learningRate: 0.1),
        Method(kind: .adam, learningRate: 0.2),
    ]
    static let recorded = 3
    /// A small gradient for the ε comparison (where ε inside or outside the root matters).
    static let smallGradient = 1e-4

    func run(_ context: LessonContext) throws {
        let valley = Self.valley, start = Self.start
        let steps = context.quick ? 15 : 30
        let runs = Self.methods.map {
            MethodRun(method: $0, valley: valley, start: start, steps: steps, recorded: Self.recorded)
        }
        let g0 = runs[0].updates[0].g
        // MARK: The gradient the optimizers were fed, against central differences
        let h = 1e-6
        let numerical = [(valley.f(start[0] + h, start[1]) - valley.f(start[0] - h, start[1])) / (2 * h),
                         (valley.f(start[0], start[1] + h) - valley.f(start[0], start[1] - h)) / (2 * h)]
        context.check(["x", "y"].enumerated().map { i, axis in
            SelfCheckRow(name: "∂f/∂\(axis) at start", shown: g0[i], expected: numerical[i])
        })
        let lr = Dictionary(uniqueKeysWithValues: runs.map { ($0.method.name, fmt($0.method.learningRate, digits: 2)) })

        try context.say("intro", [
            "a": NumberFormat.compact(valley.a), "b": NumberFormat.compact(valley.b),
            "ratio": NumberFormat.compact(valley.b / valley.a),
            "x0": NumberFormat.compact(start[0]), "y0": NumberFormat.compact(start[1]),
            "gx0": fmt(g0[0]), "gy0": fmt(g0[1]), "f0": fmt(valley.f(start[0], start[1])),
            "max_lr": NumberFormat.compact(1 / valley.b),
        ])
        for run in runs {
            let section = "\(run.method.kind)"
            try context.say(section, [
                "lr": lr[run.method.name]!, "table": Self.table(run, zh: context.zh),
                "mu": NumberFormat.compact(Method.momentum), "alpha": NumberFormat.compact(Method.rmsAlpha),
                "beta1": NumberFormat.compact(Method.beta1), "beta2": NumberFormat.compact(Method.beta2),
                "eps": Self.power(run.method.kind == .adagrad ? Method.adagradEpsilon : Method.adamEpsilon),
                "b_limit": NumberFormat.compact(1 / (1 - Method.momentum)),
                "b": NumberFormat.compact(valley.b), "sgd_y_factor": fmt(1 - runs[0].method.learningRate * 2 * valley.b, digits: 2),
            ])
            let hand = MethodRun.byHand(run.method, valley: valley, start: start, steps: Self.recorded)
            for (update, expected) in zip(run.updates, hand) {
                for (i, axis) in ["x", "y"].enumerated() {
                    context.check(name: "\(run.method.name(context.language)) Δ\(axis) t=\(update.t)",
                                  shown: update.delta[i], expected: expected[i])
                }
            }
        }

        // MARK: Adam's bias correction, and where ε goes
        let b1 = Method.beta1, b2 = Method.beta2, eps = Method.adamEpsilon, adamLR = lr["Adam"]!
        // The two faults of the wrong form apart: ε moved inside the root (correction kept), and both at once.
        func firstSteps(_ g: Double) -> (corrected: Double, uncorrected: Double, seed: Double, inside: Double) {
            let m = (1 - b1) * g, v = (1 - b2) * g * g
            let mHat = m / (1 - b1), vHat = v / (1 - b2)
            let corrected = mHat / (vHat.squareRoot() + eps)
            return (abs(corrected), abs(m / (v.squareRoot() + eps)), abs(m / (v + eps).squareRoot()),
                    abs(mHat / (vHat + eps).squareRoot()))
        }
        let big = firstSteps(g0[0]), small = firstSteps(Self.smallGradient)
        let adam = runs[4].updates[0]
        try context.say("adam_fix", [
            "lr": adamLR, "g": fmt(g0[0]), "beta1": NumberFormat.compact(b1), "beta2": NumberFormat.compact(b2),
            "m1": fmt(adam.state["m"]![0], digits: 6), "v1": fmt(adam.state["v"]![0], digits: 6),
            "one_minus_b1": NumberFormat.compact(1 - b1), "one_minus_b2": NumberFormat.compact(1 - b2, digits: 6),
            "step_corrected": fmt(big.corrected), "step_uncorrected": fmt(big.uncorrected),
            "step_seed": fmt(big.seed), "ratio": fmt(big.uncorrected / big.corrected, digits: 2),
            "g_small": Self.power(Self.smallGradient), "eps": Self.power(eps),
            "small_corrected": fmt(small.corrected), "small_seed": fmt(small.seed),
            "small_inside": fmt(small.inside), "step_inside": fmt(big.inside),
            "shown_delta": fmt(adam.delta[0]),
        ])
        context.check(name: "Adam Δx t=1 = −η·m̂/(√v̂+ε)", shown: adam.delta[0],
                      expected: -runs[4].method.learningRate * big.corrected * (g0[0] > 0 ? 1 : -1))

        // MARK: Paths over the contours
        let files = try Self.plot(runs, valley: valley, steps: steps, context: context)
        let rows = runs.map { run -> [String] in
            [run.method.name(context.language), lr[run.method.name]!, fmt(run.xs.last!), fmt(run.ys.last!),
             String(format: "%.2e", valley.f(run.xs.last!, run.ys.last!))]
        }
        let best = runs.min { valley.f($0.xs.last!, $0.ys.last!) < valley.f($1.xs.last!, $1.ys.last!) }!
        try context.say("paths", [
            "steps": "\(steps)", "plot": LessonFiles.display(files[0]),
            "table": Table(header: context.zh ? ["方法", "学习率 η", "x", "y", "f(x, y)"]
                                      : ["method", "lr η", "x", "y", "f(x, y)"],
                           rows: rows, alignments: [.left, .right, .right, .right, .right]).render(),
            "best": best.method.name(context.language),
            "sgd_x": fmt(runs[0].xs.last!), "adam_x": fmt(runs[4].xs.last!),
        ])

        try context.say("check")
    }

    /// The first updates of one method: one row per update and coordinate.
    static func table(_ run: MethodRun, zh: Bool) -> String {
        let method = run.method
        var header = ["t", zh ? "坐标" : "coord", zh ? "参数 p" : "p", "g"]
        header += method.slots.map(\.symbol)
        if method.kind == .adam { header += ["m̂", "v̂"] }
        header.append("Δp")
        var rows: [[String]] = []
        // Adam's m̂ and v̂ recomputed in Double from the g column: the optimizer keeps m and v in single precision,
        // which printed v̂ = 35.9995 where the exact value is g² = 36.
        var m = [0.0, 0.0], v = [0.0, 0.0]
        for update in run.updates {
            for (i, axis) in ["x", "y"].enumerated() {
                var row = ["\(update.t)", axis, fmt(update.p[i]), fmt(update.g[i])]
                row += method.slots.map { fmt(update.state[$0.symbol]![i], digits: $0.symbol == "v" ? 6 : 4) }
                if method.kind == .adam {
                    let t = Double(update.t), g = update.g[i]
                    m[i] = Method.beta1 * m[i] + (1 - Method.beta1) * g
                    v[i] = Method.beta2 * v[i] + (1 - Method.beta2) * g * g
                    row.append(fmt(m[i] / (1 - pow(Method.beta1, t))))
                    row.append(fmt(v[i] / (1 - pow(Method.beta2, t))))
                }
                row.append(fmt(update.delta[i]))
                rows.append(row)
            }
        }
        return Table(header: header, rows: rows,
                     alignments: [.right, .left] + Array(repeating: .right, count: header.count - 2)).render()
    }

    /// `paths.png` / `paths.svg`: every method's path over the contours of f.
    static func plot(_ runs: [MethodRun], valley: Valley, steps: Int, context: LessonContext) throws -> [String] {
        let title = context.zh ? "\(steps) 步的路径：f(x, y) = \(NumberFormat.compact(valley.a))x² + \(NumberFormat.compact(valley.b))y²"
                       : "\(steps) steps on f(x, y) = \(NumberFormat.compact(valley.a))x² + \(NumberFormat.compact(valley.b))y²"
        let plot = ContourPlot(
            title: title, valueLabel: "f(x, y)", f: valley.f, xRange: -4.6...1.6, yRange: -1.7...1.7,
            resolution: context.quick ? 100 : 240,
            paths: runs.map { .init("\($0.method.name(context.language)) (η = \(NumberFormat.compact($0.method.learningRate)))",
                                    x: $0.xs, y: $0.ys) },
            marker: (0, 0, context.zh ? "最小值 (0, 0)" : "minimum (0, 0)"))
        return try context.write(plot, name: "paths")
    }

    /// 1e-8 for 10⁻⁸ (a power of ten written as people type it).
    static func power(_ x: Double) -> String {
        "1e\(Int(log10(x).rounded()))"
    }
}
