import Groundwork
import Datasets
import Foundation
import GradCheck
import NN
import Render
import TensorGrad

/// Section 3 of the batchnorm lesson: one example's first batch-norm output in two different training batches
/// (batch statistics) and in eval mode (running statistics), by hand and by the layer.
struct TrainEvalModes {
    static let batch = 32, feature = 0
    var placeholders: [String: String] = [:]
    var checks: [SelfCheckRow] = []

    init(model: Sequential, data: ImageDataset, language: Language) throws {
        let zh = language == .zh
        guard let fc1 = model.layers.first(where: { $0.name == "fc1" })?.module as? Linear,
              let bn = model.layers.first(where: { $0.name == "bn1" })?.module as? BatchNorm else {
            throw LessonTrainingError.unknownLayer("fc1/bn1", known: model.layers.map(\.name))
        }
        let n = Self.batch, j = Self.feature, features = bn.features
        // Batch A: images 0..<n; batch B: image 0 with n − 1 others.
        let batches = [Array(0..<n), [0] + Array(n..<(2 * n - 1))]
        let inputs = batches.map { indices -> Tensor<Float> in
            let subset = data.subset(indices)
            let x = Tensor<Float>(shape: Shape([n, subset.pixelsPerImage]), scalars: subset.images)
            return withNoGrad { x.linear(weight: fc1.weight, bias: fc1.bias) }
        }
        let eps = Double(bn.epsilon), gamma = Double(bn.weight.scalars[j]), beta = Double(bn.bias.scalars[j])
        let runningMean = Double(bn.runningMean.scalars[j]), runningVariance = Double(bn.runningVariance.scalars[j])
        let x0 = Double(inputs[0].scalars[j])
        var stats: [(mean: Double, variance: Double, hand: Double, layer: Double, unbiased: Double,
                     updated: Double)] = []
        let saved = (bn.runningMean.scalars, bn.runningVariance.scalars)
        let m = Double(bn.momentum)
        for z in inputs {
            let column = (0..<n).map { Double(z.scalars[$0 * features + j]) }
            let mean = column.reduce(0, +) / Double(n)
            let variance = column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n)
            // Each forward starts from the trained running statistics, so its update can be read off alone.
            bn.runningVariance.withUnsafeMutableBufferPointer { p in for i in 0..<p.count { p[i] = saved.1[i] } }
            bn.isTraining = true
            let y = withNoGrad { bn(z) }
            stats.append((mean, variance, gamma * (x0 - mean) / (variance + eps).squareRoot() + beta,
                          Double(y.scalars[j]), variance * Double(n) / Double(n - 1),
                          Double(bn.runningVariance.scalars[j])))
        }
        // Training-mode forwards update the running statistics; the lesson only looks, so it puts them back.
        bn.runningMean.withUnsafeMutableBufferPointer { p in for i in 0..<p.count { p[i] = saved.0[i] } }
        bn.runningVariance.withUnsafeMutableBufferPointer { p in for i in 0..<p.count { p[i] = saved.1[i] } }
        bn.isTraining = false
        let evalLayer = Double(withNoGrad { bn(inputs[1]) }.scalars[j])
        let evalHand = gamma * (x0 - runningMean) / (runningVariance + eps).squareRoot() + beta
        model.eval()

        let rows = [
            [zh ? "训练模式，批 A" : "train, batch A", fmt(stats[0].mean), fmt(stats[0].variance), fmt(stats[0].hand),
             fmt(stats[0].unbiased)],
            [zh ? "训练模式，批 B" : "train, batch B", fmt(stats[1].mean), fmt(stats[1].variance), fmt(stats[1].hand),
             fmt(stats[1].unbiased)],
            [zh ? "评估模式（滑动统计）" : "eval (running stats)", fmt(runningMean), fmt(runningVariance), fmt(evalHand), "—"],
        ]
        placeholders = [
            "batch": "\(n)", "feature": "\(j + 1)", "x0": fmt(x0), "gamma": fmt(gamma), "beta": fmt(beta),
            "eps": "1e\(Int(log10(eps).rounded()))", "momentum": NumberFormat.compact(Double(bn.momentum)),
            "table": Table(header: zh ? ["模式", "所用均值 μ", "所用方差 σ²", "输出 y", "进入滑动平均的方差"]
                                      : ["mode", "mean μ used", "variance σ² used", "output y", "variance into running avg"],
                           rows: rows, alignments: [.left, .right, .right, .right, .right]).render(),
            "n_minus_1": "\(n - 1)", "unbiased_a": fmt(stats[0].unbiased),
            "y_a": fmt(stats[0].hand), "y_b": fmt(stats[1].hand), "y_eval": fmt(evalHand),
            "mean_a": fmt(stats[0].mean), "var_a": fmt(stats[0].variance),
        ]
        checks = [
            SelfCheckRow(name: zh ? "训练模式 y（批 A）" : "train-mode y (batch A)", shown: stats[0].layer, expected: stats[0].hand),
            SelfCheckRow(name: zh ? "训练模式 y（批 B）" : "train-mode y (batch B)", shown: stats[1].layer, expected: stats[1].hand),
            SelfCheckRow(name: zh ? "评估模式 y" : "eval-mode y", shown: evalLayer, expected: evalHand),
            SelfCheckRow(name: zh ? "滑动方差更新（批 A，无偏）" : "running variance update (batch A, unbiased)",
                         shown: stats[0].updated,
                         expected: (1 - m) * Double(saved.1[j]) + m * stats[0].unbiased, atol: 1e-5, rtol: 1e-4),
        ]
    }
}

/// The batch-norm forward's normalisation and its backward, checked independently.
enum BatchNormChecks {
    /// A fresh layer (γ = 1, β = 0) in training mode on real pre-activations: every feature's output has mean 0
    /// and (biased) standard deviation √(σ²/(σ² + ε)) ≈ 1.
    static func forward(model: Sequential, data: ImageDataset) -> [SelfCheckRow] {
        guard let fc1 = model.layers.first(where: { $0.name == "fc1" })?.module as? Linear else { return [] }
        let n = 64, features = fc1.outFeatures
        let x = Tensor<Float>(shape: Shape([n, data.pixelsPerImage]), scalars: Array(data.images.prefix(n * data.pixelsPerImage)))
        let z = withNoGrad { x.linear(weight: fc1.weight, bias: fc1.bias) }
        let y = withNoGrad { BatchNorm1d(features)(z) }
        var worstMean = 0.0, minStd = Double.infinity, maxStd = 0.0
        for f in 0..<features {
            let column = (0..<n).map { Double(y.scalars[$0 * features + f]) }
            let mean = column.reduce(0, +) / Double(n)
            let std = (column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n)).squareRoot()
            worstMean = max(worstMean, abs(mean))
            (minStd, maxStd) = (min(minStd, std), max(maxStd, std))
        }
        return [
            SelfCheckRow(name: "BN max |mean| over \(features) features", shown: worstMean, expected: 0),
            SelfCheckRow(name: "BN min std over features", shown: minStd, expected: 1),
            SelfCheckRow(name: "BN max std over features", shown: maxStd, expected: 1),
        ]
    }

    /// TensorGrad's batch-norm backward (training mode, γ and β) against central differences in Double.
    static func gradient() -> [SelfCheckRow] {
        var generator = SeededGenerator(seed: 7)
        let x = Tensor<Double>.randomNormal([8, 4], using: &generator)
        let gamma = Tensor<Double>.randomUniform([4], in: 0.5...1.5, using: &generator)
        let beta = Tensor<Double>.randomNormal([4], using: &generator)
        for t in [x, gamma, beta] { t.requiresGrad = true }
        let result = TensorGradCheck.check(name: "batchNorm1d", op: .batchNorm1d, inputs: [x, gamma, beta]) { t in
            t[0].batchNorm(weight: t[1], bias: t[2], runningMean: .zeros([4]), runningVariance: .ones([4]),
                           training: true)
        }
        let names = ["x", "γ", "β"]
        return result.inputs.map { input in
            SelfCheckRow(name: "BN ∂L/∂\(names[input.input]) (worst of \(input.shape.count))",
                         shown: input.analytical, expected: input.numerical)
        }
    }
}
