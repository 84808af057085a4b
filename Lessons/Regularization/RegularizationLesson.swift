import Datasets
import Foundation
import GradCheck
import NN
import Render
import Training
import TensorGrad

/// L1 against L2 on the first-layer weights of the same MLP (weight histograms, near-zero fractions), and dropout
/// against an overfitting network (training and validation curves).
struct RegularizationLesson: Lesson {
    static let name = "regularization"
    static let summary: [Language: String] = [
        .en: "L1 vs L2 on the same model's weights (histograms), dropout against overfitting (curves)",
        .zh: "同一模型权重上的 L1 与 L2（直方图），用 Dropout 对抗过拟合（曲线）",
    ]

    static let l1Strength: Float = 1e-3, l2Strength: Float = 5e-3
    static let nearZero = 1e-3
    static let learningRate: Float = 0.05, momentum: Float = 0.9, batchSize = 50
    static let dropout: Float = 0.5

    func run(_ context: LessonContext) throws {
        let quick = context.quick
        let data = try LessonTraining.fashionSubsets(trainCount: quick ? 200 : 1000,
                                                     validationCount: quick ? 200 : 2000, seed: context.seed)
        let epochs = quick ? 4 : 15
        let shape = [data.train.pixelsPerImage, 64, data.train.classNames.count]
        try context.say("intro", [
            "shape": shape.map(String.init).joined(separator: "-"), "train": "\(data.train.count)",
            "l1": NumberFormat.compact(Double(Self.l1Strength)), "l2": NumberFormat.compact(Double(Self.l2Strength)),
        ])

        // MARK: 1. The same model three times: no penalty, L1, L2 (on the first layer's weights)
        func train(_ penalty: ((Tensor<Float>) -> Tensor<Float>)?) -> (weights: [Double], validation: Evaluation,
                                                                         model: Sequential) {
            let model = LessonTraining.mlp(shape, seed: context.seed &+ 21, stream: RandomStream(seed: context.seed))
            let optimizer = SGD(model.namedParameters, learningRate: Self.learningRate, momentum: Self.momentum)
            let w = model.namedParameters[0].tensor
            for epoch in 0..<epochs {
                _ = LessonTraining.trainEpoch(model, optimizer: optimizer, on: data.train, batchSize: Self.batchSize,
                                              seed: context.seed, epoch: epoch, penalty: penalty.map { f in { f(w) } })
            }
            return (w.scalars.map(Double.init), Trainer.evaluate(model, on: data.validation), model)
        }
        let plain = train(nil)
        let l1 = train { Penalty.l1([$0], strength: Self.l1Strength) }
        let l2 = train { Penalty.l2([$0], strength: Self.l2Strength) }
        func nearZero(_ w: [Double]) -> Double { Double(w.filter { abs($0) < Self.nearZero }.count) / Double(w.count) }
        func rms(_ w: [Double]) -> Double { (w.map { $0 * $0 }.reduce(0, +) / Double(w.count)).squareRoot() }
        let names = context.zh ? ["无惩罚", "L1（λ = \(NumberFormat.compact(Double(Self.l1Strength)))）",
                          "L2（λ = \(NumberFormat.compact(Double(Self.l2Strength)))）"]
                       : ["no penalty", "L1 (λ = \(NumberFormat.compact(Double(Self.l1Strength))))",
                          "L2 (λ = \(NumberFormat.compact(Double(Self.l2Strength))))"]
        let runs = [plain, l1, l2]
        let limit = (runs.flatMap(\.weights).map(abs).sorted().dropLast(runs.count * plain.weights.count / 200).last
                     ?? 0.1)
        let histogram = try context.write(Histogram(
            title: context.zh ? "第一层权重的分布：L1 把大多数权重压到 0，L2 只是整体缩小"
                      : "First-layer weights: L1 drives most to 0, L2 shrinks them all",
            xLabel: context.zh ? "权重值 w" : "weight w", yLabel: context.zh ? "权重个数" : "number of weights",
            groups: zip(names, runs).map { Histogram.Group($0.0, values: $0.1.weights) }, bins: 81,
            range: -limit...limit
        ), name: "weights")
        let rows = zip(names, runs).map { name, run in
            [name, pct(nearZero(run.weights)), fmt(rms(run.weights)), fmt(run.weights.map(abs).max() ?? 0),
             pct(run.validation.accuracy)]
        }
        try context.say("penalties", [
            "epochs": "\(epochs)", "threshold": NumberFormat.compact(Self.nearZero, digits: 6),
            "weights": "\(plain.weights.count)",
            "table": Table(header: context.zh ? ["训练方式", "|w| < 阈值", "均方根", "最大 |w|", "验证准确率"]
                                      : ["training", "|w| < threshold", "RMS", "max |w|", "val accuracy"],
                           rows: rows, alignments: [.left, .right, .right, .right, .right]).render(),
            "plot": LessonFiles.display(histogram[0]),
            "l1_zero": pct(nearZero(l1.weights)), "l2_zero": pct(nearZero(l2.weights)),
            "plain_zero": pct(nearZero(plain.weights)),
            "l2_rms": fmt(rms(l2.weights)), "plain_rms": fmt(rms(plain.weights)),
            "l1_step": NumberFormat.compact(Double(Self.l1Strength)),
            "image_size": "\(data.train.rows)×\(data.train.cols)",
        ])

        // MARK: 2. Dropout against overfitting
        let dropout = try DropoutComparison(data: data, seed: context.seed, quick: quick,
                                            probability: Self.dropout, context: context)
        try context.say("dropout", dropout.placeholders)

        // MARK: Self-check: the penalty gradients against central differences
        // Weights well away from 0, where |w| has its kink.
        let picks = Array(l1.weights.indices.filter { abs(l1.weights[$0]) > 10 * Self.nearZero }.prefix(3))
        for (kind, strength) in [("L1", Double(Self.l1Strength)), ("L2", Double(Self.l2Strength))] {
            let values = picks.map { Float(l1.weights[$0]) }
            let w = Tensor<Float>(shape: [values.count], scalars: values, requiresGrad: true)
            let penalty = kind == "L1" ? Penalty.l1([w], strength: Float(strength)) : Penalty.l2([w], strength: Float(strength))
            penalty.backward()
            let grads = w.grad!.scalars
            for (i, v) in values.enumerated() {
                let x = Double(v), h = TensorGradCheck.epsilon
                let f = { (t: Double) in kind == "L1" ? strength * abs(t) : strength * t * t }
                context.check(name: "\(kind) ∂/∂w at w = \(fmt(x))", shown: Double(grads[i]),
                              expected: (f(x + h) - f(x - h)) / (2 * h))
            }
        }
        let full = try MLPGradientCheck(model: l2.model, data: data.train, examples: 16, layers: ["fc1", "fc2"],
                                        l2: Double(Self.l2Strength))
        context.check(full.entries.map { SelfCheckRow(name: "L2 " + $0.name, shown: $0.analytical, expected: $0.numerical) })
        context.check(dropout.checks)
        try context.say("check", [
            "l1": NumberFormat.compact(Double(Self.l1Strength)), "l2": NumberFormat.compact(Double(Self.l2Strength)),
        ])
    }
}
