import Datasets
import Foundation
import GradCheck
import NN
import Render
import Training
import TensorGrad

/// Batch normalization: activation statistics layer by layer in a deep MLP with and without it, training curves of
/// both, and train mode (batch statistics) against eval mode (running statistics) on one example.
struct BatchnormLesson: Lesson {
    static let name = "batchnorm"
    static let summary: [Language: String] = [
        .en: "batch norm: activation statistics layer by layer with and without it, training curves, train vs eval",
        .zh: "批归一化：逐层激活统计（有无对比）、训练曲线、训练模式与评估模式",
    ]

    static let width = 64, depth = 8
    static let learningRate: Float = 0.05, momentum: Float = 0.9, batchSize = 50

    func run(_ context: LessonContext) throws {
        let quick = context.quick
        let data = try LessonTraining.fashionSubsets(trainCount: quick ? 200 : 2000,
                                                     validationCount: quick ? 200 : 2000, seed: context.seed)
        let shape = [data.train.pixelsPerImage] + Array(repeating: Self.width, count: Self.depth - 1)
            + [data.train.classNames.count]
        func make(_ batchNorm: Bool) -> Sequential {
            LessonTraining.mlp(shape, extras: .init(batchNorm: batchNorm), seed: context.seed &+ 41,
                               stream: RandomStream(seed: context.seed))
        }
        let plain = make(false), normed = make(true)
        let probe = data.validation.prefix(quick ? 64 : 256)
        let x = Tensor<Float>(shape: Shape([probe.count, 1, probe.rows, probe.cols]), scalars: probe.images)
        try context.say("intro", [
            "shape": shape.map(String.init).joined(separator: "-"), "depth": "\(Self.depth)",
            "hidden": "\(Self.depth - 1)",
        ])

        // MARK: 1. Statistics layer by layer, at initialisation
        let before = (plain: Self.statistics(plain, x), normed: Self.statistics(normed, x))
        let statistics = try Self.plotStatistics(before.plain, before.normed, context: context)
        let rows = before.plain.indices.map { i in
            ["\(i + 1)", fmt(before.plain[i].mean), fmt(before.plain[i].std, digits: 5),
             fmt(before.normed[i].mean), fmt(before.normed[i].std, digits: 5)]
        }
        let header = context.zh ? ["隐藏层", "均值（无 BN）", "标准差（无 BN）", "均值（有 BN）", "标准差（有 BN）"]
                        : ["layer", "mean (plain)", "std (plain)", "mean (BN)", "std (BN)"]
        let last = before.plain.count - 1
        try context.say("statistics", [
            "probe": "\(probe.count)",
            "table": Table(header: header, rows: rows, alignments: Array(repeating: .right, count: 5)).render(),
            "plot": LessonFiles.display(statistics[0]),
            "plain_first": fmt(before.plain[0].std, digits: 5), "plain_last": fmt(before.plain[last].std, digits: 5),
            "ratio": fmt(before.plain[1].std / before.plain[0].std, digits: 2), "layers": "\(last + 1)",
            "bn_last": fmt(before.normed[last].std, digits: 5),
        ])

        // MARK: 2. Training both
        let epochs = quick ? 3 : 12
        var curves: [[Double]] = [], validation: [[Double]] = [], accuracy: [Double] = []
        for model in [plain, normed] {
            let optimizer = SGD(model.namedParameters, learningRate: Self.learningRate, momentum: Self.momentum)
            var losses: [Double] = [], val: [Double] = []
            for epoch in 0..<epochs {
                losses.append(LessonTraining.trainEpoch(model, optimizer: optimizer, on: data.train,
                                                        batchSize: Self.batchSize, seed: context.seed, epoch: epoch))
                val.append(Trainer.evaluate(model, on: data.validation).loss)
            }
            curves.append(losses)
            validation.append(val)
            accuracy.append(Trainer.evaluate(model, on: data.validation).accuracy)
        }
        let training = try Self.plotTraining(curves, validation, context: context)
        try context.say("training", [
            "epochs": "\(epochs)", "train": "\(data.train.count)", "lr": NumberFormat.compact(Double(Self.learningRate)),
            "momentum": NumberFormat.compact(Double(Self.momentum)), "plot": LessonFiles.display(training[0]),
            "plain_first": fmt(curves[0][0]), "plain_last": fmt(curves[0][epochs - 1]),
            "bn_first": fmt(curves[1][0]), "bn_last": fmt(curves[1][epochs - 1]),
            "plain_acc": pct(accuracy[0]), "bn_acc": pct(accuracy[1]),
        ])

        // MARK: 3. Train mode against eval mode
        let modes = try TrainEvalModes(model: normed, data: data.validation, language: context.language)
        try context.say("modes", modes.placeholders)
        context.check(modes.checks)
        context.check(BatchNormChecks.forward(model: normed, data: data.validation))
        context.check(BatchNormChecks.gradient())
        try context.say("check")
    }

    /// Mean and standard deviation of every hidden layer's output (after ReLU) over all units and examples.
    static func statistics(_ model: Sequential, _ x: Tensor<Float>) -> [(mean: Double, std: Double)] {
        withNoGrad {
            var h = x
            var out: [(mean: Double, std: Double)] = []
            for layer in model.layers {
                h = layer.module(h)
                guard layer.name.hasPrefix("relu") else { continue }
                let values = h.scalars.map(Double.init)
                let mean = values.reduce(0, +) / Double(values.count)
                let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)
                out.append((mean, variance.squareRoot()))
            }
            return out
        }
    }

    /// `activations.png`: std per hidden layer, with and without batch norm; returns its files.
    static func plotStatistics(_ plain: [(mean: Double, std: Double)], _ normed: [(mean: Double, std: Double)],
                               context: LessonContext) throws -> [String] {
        let chart = LineChart(
            title: context.zh ? "初始化时各隐藏层激活的标准差" : "Standard deviation of each hidden layer's activations at init",
            xLabel: context.zh ? "隐藏层（ReLU 之后）" : "hidden layer (after ReLU)", yLabel: context.zh ? "激活的标准差" : "std of activations",
            series: [
                Series(context.zh ? "无批归一化" : "without batch norm", x: plain.indices.map { Double($0 + 1) },
                       y: plain.map(\.std), markers: true),
                Series(context.zh ? "有批归一化" : "with batch norm", x: normed.indices.map { Double($0 + 1) },
                       y: normed.map(\.std), markers: true),
            ])
        return try context.write(chart, name: "activations")
    }

    /// `training.png`: training and validation loss per epoch of both networks; returns its files.
    static func plotTraining(_ train: [[Double]], _ validation: [[Double]], context: LessonContext) throws -> [String] {
        let names = context.zh ? ["无批归一化", "有批归一化"] : ["without batch norm", "with batch norm"]
        let series = (0..<2).flatMap { i in [
            Series(names[i] + (context.zh ? "：训练" : ": training"), perEpoch: train[i], color: Palette.color(i)),
            Series(names[i] + (context.zh ? "：验证" : ": validation"), perEpoch: validation[i], color: Palette.color(i),
                   dashed: true),
        ] }
        let chart = LineChart(
            title: context.zh ? "同一个 \(BatchnormLesson.depth) 层网络的训练：有无批归一化"
                      : "Training the same \(BatchnormLesson.depth)-layer MLP with and without batch norm",
            xLabel: context.zh ? "轮次（epoch）" : "epoch", yLabel: context.zh ? "损失（NLL）" : "loss (NLL)", series: series)
        return try context.write(chart, name: "training")
    }
}
