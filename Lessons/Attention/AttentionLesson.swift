import Groundwork
import Datasets
import Foundation
import GradCheck
import Render
import TensorGrad

/// Scaled dot-product attention on four tokens: scores, softmax weights, outputs, a heatmap, the gradient of
/// one output with respect to another token's embedding, and why the scores are divided by √d.
struct AttentionLesson: Lesson {
    static let name = "attention"
    static let summary: [Language: String] = [
        .en: "scaled dot-product attention on four tokens: scores, softmax weights, heatmap, why √d",
        .zh: "四个词元上的缩放点积注意力：得分、softmax 权重、热力图，以及为什么除以 √d",
    ]

    func run(_ context: LessonContext) throws {
        var generator = SeededGenerator(seed: context.seed)
        let tokens = context.zh ? ["小猫", "坐", "在", "窗边"] : ["the", "cat", "sat", "down"]
        let n = tokens.count, d = 3
        try context.say("intro")
        try context.say("seed")

        // MARK: The computation, step by step, with the engine
        let x = Tensor<Double>.randomNormal([n, d], using: &generator)
        let wq = Tensor<Double>.randomNormal([d, d], using: &generator)
        let wk = Tensor<Double>.randomNormal([d, d], using: &generator)
        let wv = Tensor<Double>.randomNormal([d, d], using: &generator)
        x.requiresGrad = true
        let q = x.matmul(wq), k = x.matmul(wk), v = x.matmul(wv)
        let scores = q.matmul(k.transpose()) / Double(d).squareRoot()
        let weights = scores.softmax(axis: -1)
        let output = weights.matmul(v)
        let columns = (1...d).map { "\($0)" }
        try context.say("inputs", [
            "n": "\(n)", "d": "\(d)", "tokens": tokens.joined(separator: " "),
            "x": Self.matrix("X", x.scalars, rows: tokens, columns: columns),
            "q": Self.matrix("Q", q.scalars, rows: tokens, columns: columns),
            "k": Self.matrix("K", k.scalars, rows: tokens, columns: columns),
        ])
        let w = weights.scalars
        let rowSums = (0..<n).map { i in (0..<n).map { w[i * n + $0] }.reduce(0, +) }
        for (i, sum) in rowSums.enumerated() {
            context.check(SelfCheckRow(name: (context.zh ? "权重第 \(i + 1) 行之和" : "row \(i + 1) weights sum"),
                                       shown: sum, expected: 1, atol: 1e-12, rtol: 0))
        }
        let strongest = (0..<n).map { i in (0..<n).max { w[i * n + $0] < w[i * n + $1] }! }
        let strongestText = (0..<n).map { i in
            "\(tokens[i]) → \(tokens[strongest[i]]) (\(fmt(w[i * n + strongest[i]], digits: 2)))"
        }.joined(separator: context.zh ? "；" : "; ")
        try context.write(HeatmapChart(
            title: context.zh ? "注意力权重 softmax(QKᵀ/√d)" : "Attention weights softmax(QKᵀ/√d)",
            matrix: w, rowLabels: tokens, columnLabels: tokens,
            xLabel: context.zh ? "键（被关注的词元）" : "key (token attended to)",
            yLabel: context.zh ? "查询（正在更新的词元）" : "query (token being updated)",
            valueLabel: context.zh ? "注意力权重" : "attention weight"
        ), name: "attention-weights")
        try context.say("weights", [
            "scores": Self.matrix("QKᵀ/√d", scores.scalars, rows: tokens, columns: tokens),
            "weights": Self.matrix("softmax", w, rows: tokens, columns: tokens, extra: (context.zh ? "行和" : "row sum", rowSums)),
            "strongest": strongestText, "heatmap": "attention-weights.png", "sqrt_d": fmt(Double(d).squareRoot()),
            "v": Self.matrix("V", v.scalars, rows: tokens, columns: columns),
            "output": Self.matrix("output", output.scalars, rows: tokens, columns: columns),
        ])
        let plain = AttentionMath.attention(x: x.scalars, wq: wq.scalars, wk: wk.scalars, wv: wv.scalars, n: n, d: d)
        context.check(name: (context.zh ? "输出" : "output") + "[1,1]", shown: output.scalars[0], expected: plain[0])

        // MARK: The gradient of one output element with respect to every input embedding
        let (row, col, other) = (0, 0, 2)
        let seed = Tensor<Double>.zeros(output.shape)
        seed.storage.base[row * d + col] = 1
        output.backward(seed)
        let grad = x.grad!.scalars
        let gradName = "∂out[\(row + 1),\(col + 1)]/∂x"
        try context.say("gradient", [
            "row": "\(row + 1)", "col": "\(col + 1)", "token": tokens[row], "other": tokens[other],
            "grad": Self.matrix("∂/∂X", grad, rows: tokens, columns: columns),
            "other_norm": fmt(AttentionMath.norm(Array(grad[(other * d)..<(other * d + d)]))),
        ])
        let numeric = try ScalarGradCheck.compare(analytical: grad, at: x.scalars) { point in
            AttentionMath.attention(x: point, wq: wq.scalars, wk: wk.scalars, wv: wv.scalars, n: n, d: d)[row * d + col]
        }
        for index in [row * d, row * d + 1, other * d, other * d + 1, other * d + 2] {
            let entry = numeric.entries[index]
            context.check(name: gradName + "[\(index / d + 1),\(index % d + 1)]",
                          shown: entry.analytical, expected: entry.numerical)
        }

        // MARK: Why √d
        let scaling = try sqrtDExperiment(context, generator: &generator)
        try context.say("scaling", scaling)
        try context.say("check")
    }

    /// Softmax over dot products of random d-dimensional vectors, with and without dividing by √d.
    private func sqrtDExperiment(_ context: LessonContext, generator: inout SeededGenerator) throws -> [String: String] {
        let dims = context.quick ? [4, 16, 64] : [4, 16, 64, 256, 1024]
        let keys = 8, trials = context.quick ? 50 : 300
        var rows: [[String]] = []
        var entropyRaw: [Double] = [], entropyScaled: [Double] = []
        for dim in dims {
            var stats = [Double](repeating: 0, count: 7)  // std², max/entropy/jacobian raw, same scaled
            for _ in 0..<trials {
                let q = (0..<dim).map { _ in generator.nextNormal() }
                let raw = (0..<keys).map { _ in (0..<dim).map { q[$0] * generator.nextNormal() }.reduce(0, +) }
                let scaled = raw.map { $0 / Double(dim).squareRoot() }
                stats[0] += raw.map { $0 * $0 }.reduce(0, +) / Double(keys)
                for (offset, scores) in [(1, raw), (4, scaled)] {
                    let p = AttentionMath.softmax(scores)
                    stats[offset] += p.max()!
                    stats[offset + 1] += AttentionMath.entropy(p)
                    stats[offset + 2] += AttentionMath.jacobianNorm(p)
                }
            }
            let mean = stats.map { $0 / Double(trials) }
            entropyRaw.append(mean[2])
            entropyScaled.append(mean[5])
            rows.append(["\(dim)", fmt(mean[0].squareRoot(), digits: 1), fmt(mean[1], digits: 3), fmt(mean[2], digits: 3),
                         fmt(mean[3], digits: 3), fmt(mean[4], digits: 3), fmt(mean[5], digits: 3), fmt(mean[6], digits: 3)])
        }
        let header = context.zh ? ["d", "得分标准差", "最大权重", "熵", "‖J‖", "最大权重/√d", "熵/√d", "‖J‖/√d"]
                        : ["d", "score std", "max w", "entropy", "‖J‖", "max w /√d", "entropy /√d", "‖J‖ /√d"]
        let xs = dims.map { Foundation.log2(Double($0)) }
        let uniform = Foundation.log(Double(keys))
        try context.write(LineChart(
            title: context.zh ? "为什么除以 √d：softmax 权重的熵" : "Why divide by √d: entropy of the softmax weights",
            xLabel: context.zh ? "log₂ d（向量维度）" : "log₂ d (vector dimension)", yLabel: context.zh ? "熵（奈特）" : "entropy (nats)",
            series: [Series(context.zh ? "得分 q·k / √d" : "scores q·k / √d", x: xs, y: entropyScaled, markers: true),
                     Series(context.zh ? "得分 q·k（不缩放）" : "scores q·k (unscaled)", x: xs, y: entropyRaw, markers: true),
                     Series(context.zh ? "均匀权重 log \(keys)" : "uniform weights, log \(keys)", x: [xs[0], xs[xs.count - 1]],
                            y: [uniform, uniform], dashed: true)],
            yRange: 0...(uniform * 1.1).rounded(.up)
        ), name: "attention-sqrt-d")
        return [
            "keys": "\(keys)", "trials": "\(trials)", "table": indented(Table(header: header, rows: rows)),
            "d_large": "\(dims.last!)", "raw_max": rows.last![2], "scaled_max": rows.last![5],
            "raw_entropy": rows.last![3], "scaled_entropy": rows.last![6], "uniform": fmt(uniform, digits: 3),
            "raw_jacobian": rows.last![4], "scaled_jacobian": rows.last![7], "chart": "attention-sqrt-d.png",
        ]
    }

    /// A labelled matrix as an indented table (numbers with 3 decimals), with an optional extra column.
    static func matrix(_ corner: String, _ values: [Double], rows: [String], columns: [String],
                       extra: (name: String, values: [Double])? = nil) -> String {
        let m = columns.count
        let body = rows.indices.map { i in
            [rows[i]] + (0..<m).map { fmt(values[i * m + $0], digits: 3) } + (extra.map { [fmt($0.values[i], digits: 3)] } ?? [])
        }
        return indented(Table(header: [corner] + columns + (extra.map { [$0.name] } ?? []), rows: body))
    }
}
