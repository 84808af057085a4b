import Groundwork
import Datasets
import Foundation
import NN
import Render
import Training
import TensorGrad

/// Section 2 of the regularization lesson: the same oversized MLP trained with and without dropout on a few
/// images; training and validation loss per epoch.
struct DropoutComparison {
    static let hidden = [256, 256]
    var placeholders: [String: String] = [:]
    /// The text sections that state what this run showed, in order.
    var verdicts: [String] = []
    /// Dropout's backward against its closed form (the lesson adds them after its penalty checks).
    var checks: [SelfCheckRow] = []

    init(data: (train: ImageDataset, validation: ImageDataset, test: ImageDataset?), seed: UInt64, quick: Bool,
         probability: Float, context: LessonContext) throws {
        let train = data.train.prefix(quick ? 100 : 300)
        let epochs = quick ? 4 : 30
        let shape = [train.pixelsPerImage] + Self.hidden + [train.classNames.count]
        var curves: [(train: [Double], validation: [Double])] = []
        for p in [Float(0), probability] {
            let model = LessonTraining.mlp(shape, extras: .init(dropout: p), seed: seed &+ 31,
                                           stream: RandomStream(seed: seed &+ 32))
            let optimizer = SGD(model.namedParameters, learningRate: RegularizationLesson.learningRate,
                                momentum: RegularizationLesson.momentum)
            var curve: (train: [Double], validation: [Double]) = ([], [])
            for epoch in 0..<epochs {
                _ = LessonTraining.trainEpoch(model, optimizer: optimizer, on: train,
                                              batchSize: RegularizationLesson.batchSize, seed: seed, epoch: epoch)
                curve.train.append(Trainer.evaluate(model, on: train).loss)
                curve.validation.append(Trainer.evaluate(model, on: data.validation).loss)
            }
            curves.append(curve)
        }
        let label = context.zh ? ["无 Dropout", "Dropout p = \(NumberFormat.compact(Double(probability)))"]
                       : ["no dropout", "dropout p = \(NumberFormat.compact(Double(probability)))"]
        let series: [Series] = (0..<2).flatMap { i -> [Series] in [  // typed: ≈ 0.3 s to type-check without
            Series(label[i] + (context.zh ? "：训练" : ": training"), perEpoch: curves[i].train, color: Palette.color(i * 3)),
            Series(label[i] + (context.zh ? "：验证" : ": validation"), perEpoch: curves[i].validation,
                   color: Palette.color(i * 3), dashed: true),
        ] }
        let files = try context.write(LineChart(
            title: context.zh ? "Dropout 对过拟合的影响（\(train.count) 张训练图片）"
                      : "Dropout against overfitting (\(train.count) training images)",
            xLabel: context.zh ? "轮次（epoch）" : "epoch", yLabel: context.zh ? "损失（NLL，评估模式）" : "loss (NLL, eval mode)",
            series: series
        ), name: "dropout")
        let gap = curves.map { $0.validation.last! - $0.train.last! }
        let minimum = curves.map { $0.validation.min()! }
        placeholders = [
            "train": "\(train.count)", "epochs": "\(epochs)", "shape": shape.map(String.init).joined(separator: "-"),
            "p": NumberFormat.compact(Double(probability)), "keep_scale": fmt(1 / (1 - Double(probability)), digits: 1),
            "plot": LessonFiles.display(files[0]),
            "plain_train": fmt(curves[0].train.last!), "plain_val": fmt(curves[0].validation.last!),
            "drop_train": fmt(curves[1].train.last!), "drop_val": fmt(curves[1].validation.last!),
            "plain_gap": fmt(gap[0]), "drop_gap": fmt(gap[1]),
            "plain_min": fmt(minimum[0]), "drop_min": fmt(minimum[1]),
        ]
        // The sentences this run supports, read from its curves (a quick run may end before any overfitting).
        let plain = curves[0], dropped = curves[1]
        verdicts = [
            plain.validation.last! > minimum[0] ? "dropout_plain_turned" : "dropout_plain_falling",
            gap[1] < gap[0] ? "dropout_gap_smaller" : "dropout_gap_not_smaller",
            dropped.validation.last! < plain.validation.last! ? "dropout_val_better" : "dropout_val_worse",
        ]

        // Dropout's backward in closed form: y = x·mask/(1 − p), so ∂y/∂x = y/x where x ≠ 0.
        var generator = SeededGenerator(seed: seed &+ 33)
        let x = Tensor<Float>(shape: [6], scalars: [0.5, -1.5, 2, 0.75, -0.25, 1.25], requiresGrad: true)
        let y = x.dropout(probability: probability, training: true, using: &generator)
        y.sum().backward()
        let (xs, ys, gs) = (x.scalars, y.scalars, x.grad!.scalars)
        checks = (0..<3).map { i in
            SelfCheckRow(name: "dropout ∂y/∂x[\(i)] (x = \(fmt(Double(xs[i]), digits: 2)))", shown: Double(gs[i]),
                         expected: Double(ys[i]) / Double(xs[i]))
        }
    }
}
