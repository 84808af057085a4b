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

    /// Inputs (columns of the [hidden, inputs] first-layer weight) all of whose weights are within `nearZero`:
    /// only those have dropped out of the model.
    static func silentInputs(_ w: [Double], inputs: Int) -> Int {
        let hidden = w.count / inputs
        return (0..<inputs).filter { i in (0..<hidden).allSatisfy { abs(w[$0 * inputs + i]) < nearZero } }.count
    }

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
                                                                         model: Sequential, training: Evaluation) {
            let model = LessonTraining.mlp(shape, seed: context.seed &+ 21, stream: RandomStream(seed: context.seed))
            let optimizer = SGD(model.namedParameters, learningRate: Self.learningRate, momentum: Self.momentum)
            let w = model.namedParameters[0].tensor
            for epoch in 0..<epochs {
                _ = LessonTraining.trainEpoch(model, optimizer: optimizer, on: data.train, batchSize: Self.batchSize,
                                              seed: context.seed, epoch: epoch, penalty: penalty.map { f in { f(w) } })
            }
            return (w.scalars.map(Double.init), Trainer.evaluate(model, on: data.validation), model,
                    Trainer.evaluate(model, on: data.train))
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
        let thresholdText = NumberFormat.compact(Self.nearZero, digits: 6)
        let histogram = try context.write(Histogram(
            title: context.zh ? "第一层权重：L1 使 \(pct(nearZero(l1.weights))) 落在 0 的 ±\(thresholdText) 以内，L2 按比例缩小"
                      : "First-layer weights: L1 puts \(pct(nearZero(l1.weights))) within ±\(thresholdText) of 0, L2 shrinks them in proportion",
            xLabel: context.zh ? "权重值 w" : "weight w", yLabel: context.zh ? "权重个数" : "number of weights",
            groups: zip(names, runs).map { Histogram.Group($0.0, values: $0.1.weights) }, bins: 81,
            range: -limit...limit
        ), name: "weights")
        let rows = zip(names, runs).map { name, run in
            [name, pct(nearZero(run.weights)), fmt(rms(run.weights)), fmt(run.weights.map(abs).max() ?? 0),
             pct(run.validation.accuracy)]
        }
        try context.say("penalties", [
            "epochs": "\(epochs)", "threshold": thresholdText,
            "lr": NumberFormat.compact(Double(Self.learningRate)), "momentum": NumberFormat.compact(Double(Self.momentum)),
            "boost": NumberFormat.compact(1 / (1 - Double(Self.momentum))),
            "inputs": "\(data.train.pixelsPerImage)",
            "l1_silent": "\(Self.silentInputs(l1.weights, inputs: data.train.pixelsPerImage))",
            "plain_silent": "\(Self.silentInputs(plain.weights, inputs: data.train.pixelsPerImage))",
            "accuracy_note": accuracyNote(plain: plain.validation.accuracy, l1: l1.validation.accuracy,
                                          l2: l2.validation.accuracy, training: plain.training.accuracy,
                                          trainCount: data.train.count, zh: context.zh),
            "weights": "\(plain.weights.count)",
            "table": Table(header: context.zh ? ["训练方式", "|w| < \(thresholdText)", "均方根", "最大 |w|", "验证准确率"]
                                      : ["training", "|w| < \(thresholdText)", "RMS", "max |w|", "val accuracy"],
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
        for verdict in dropout.verdicts { try context.say(verdict, dropout.placeholders) }

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

    /// What happened to validation accuracy, said as it happened: penalties that cost accuracy are named as such.
    func accuracyNote(plain: Double, l1: Double, l2: Double, training: Double, trainCount: Int, zh: Bool) -> String {
        let worse = [l1, l2].filter { $0 < plain }.count
        let figures = zh ? "验证准确率：不加惩罚 \(pct(plain))，L1 \(pct(l1))，L2 \(pct(l2))。"
                         : "Validation accuracy: no penalty \(pct(plain)), L1 \(pct(l1)), L2 \(pct(l2))."
        let gap = zh ? "不加惩罚的模型训练准确率 \(pct(training))，验证准确率 \(pct(plain))"
                     : "the unpenalised model scores \(pct(training)) on its training images and \(pct(plain)) on validation"
        switch worse {
        case 2:
            return figures + (zh
                ? "两种惩罚在这里都*降低*了准确率。λ 是为了让它对权重的作用看得清楚而选的，而且这个模型本来就没有怎么过拟合（\(gap)），惩罚没什么可纠正的，只剩下代价。正则化的用处要在过拟合的网络上才看得到——见第 2 节。"
                : " Both penalties *lowered* accuracy here. λ was sized to make the effect on the weights visible, and "
                    + "this model was not overfitting much (\(gap)), so the penalty had little to fix and only its cost "
                    + "shows. Where regularization pays off is an overfitting network — section 2.")
        case 1:
            return figures + (zh ? "一种惩罚提高了准确率，另一种降低了：在这个几乎没有过拟合的模型上（\(gap)），差别很小，取决于 λ。"
                                 : " One penalty raised accuracy and the other lowered it: on this model, which is not "
                                    + "overfitting much (\(gap)), the difference is small and depends on λ.")
        default:
            return figures + (zh ? "两种惩罚都没有降低准确率（\(gap)）。"
                                 : " Neither penalty lowered accuracy (\(gap)).")
        }
    }
}
