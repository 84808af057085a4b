import Datasets
import Foundation
import NN
import Render
import Training
import TensorGrad

/// Training, validation and test sets: a wide MLP overfits a small Fashion-MNIST subset, validation loss turns up
/// while training loss keeps falling, early stopping picks the best validation epoch, and the test set is used
/// once at the end.
struct SplitsLesson: Lesson {
    static let name = "splits"
    static let summary: [Language: String] = [
        .en: "train / validation / test: overfitting, validation loss turning up, early stopping, one test",
        .zh: "训练集 / 验证集 / 测试集：过拟合、验证损失回升、早停，以及只用一次的测试集",
    ]

    static let hidden = [256, 256]
    static let learningRate: Float = 0.01, momentum: Float = 0.9, batchSize = 32

    func run(_ context: LessonContext) throws {
        let quick = context.quick
        let sizes = (train: quick ? 150 : 600, validation: quick ? 200 : 2000, test: quick ? 300 : 10000)
        let epochs = quick ? 6 : 40
        let data = try LessonTraining.fashionSubsets(trainCount: sizes.train, validationCount: sizes.validation,
                                                     testCount: sizes.test, seed: context.seed)
        let test = data.test!
        let shape = [data.train.pixelsPerImage] + Self.hidden + [data.train.classNames.count]
        try context.say("intro", [
            "train": "\(data.train.count)", "validation": "\(data.validation.count)", "test": "\(test.count)",
            "shape": shape.map(String.init).joined(separator: "-"),
            "parameters": "\(zip(shape, shape.dropFirst()).reduce(0) { $0 + ($1.0 + 1) * $1.1 })",
        ])

        // MARK: Training, watching both losses
        let model = LessonTraining.mlp(shape, seed: context.seed &+ 11, stream: RandomStream(seed: context.seed))
        let optimizer = SGD(model.namedParameters, learningRate: Self.learningRate, momentum: Self.momentum)
        var trainLoss: [Double] = [], validationLoss: [Double] = [], validationAccuracy: [Double] = []
        var trainAccuracy: [Double] = []
        var best = (epoch: 0, loss: Double.infinity, snapshot: [[Float]]())
        for epoch in 0..<epochs {
            _ = LessonTraining.trainEpoch(model, optimizer: optimizer, on: data.train, batchSize: Self.batchSize,
                                          seed: context.seed, epoch: epoch)
            let onTrain = Trainer.evaluate(model, on: data.train), onValidation = Trainer.evaluate(model, on: data.validation)
            trainLoss.append(onTrain.loss)
            trainAccuracy.append(onTrain.accuracy)
            validationLoss.append(onValidation.loss)
            validationAccuracy.append(onValidation.accuracy)
            if onValidation.loss < best.loss { best = (epoch + 1, onValidation.loss, LessonTraining.snapshot(model)) }
        }
        let lastTest = Trainer.evaluate(model, on: test)
        let lastSnapshot = LessonTraining.snapshot(model)
        LessonTraining.restore(model, from: best.snapshot)
        let bestTest = Trainer.evaluate(model, on: test)
        let bestValidation = Trainer.evaluate(model, on: data.validation)

        let plot = try Self.plot(train: trainLoss, validation: validationLoss, best: best.epoch, context: context)
        let shown = Set([1, 2, best.epoch, epochs] + Array(stride(from: 5, through: epochs, by: 5)))
        // Typed step by step: as one array literal with `e - 1` in every subscript, this closure took over 10 s
        // to type-check (issue 14).
        let rows: [[String]] = (1...epochs).filter(shown.contains).map { (e: Int) -> [String] in
            let epoch: String = e == best.epoch ? "\(e) ◀" : "\(e)"
            let i: Int = e - 1
            return [epoch, fmt(trainLoss[i]), pct(trainAccuracy[i]), fmt(validationLoss[i]), pct(validationAccuracy[i])]
        }
        let header = context.zh ? ["轮次", "训练损失", "训练准确率", "验证损失", "验证准确率"]
                        : ["epoch", "train loss", "train acc", "val loss", "val acc"]
        try context.say("run", [
            "epochs": "\(epochs)", "batch": "\(Self.batchSize)", "lr": NumberFormat.compact(Double(Self.learningRate)),
            "momentum": NumberFormat.compact(Double(Self.momentum)),
            "table": Table(header: header, rows: rows, alignments: [.right, .right, .right, .right, .right]).render(),
            "plot": LessonFiles.display(plot[0]),
            "train_first": fmt(trainLoss[0]), "train_last": fmt(trainLoss[epochs - 1]),
            "train_acc_last": pct(trainAccuracy[epochs - 1]),
            "val_best": fmt(best.loss), "val_last": fmt(validationLoss[epochs - 1]), "best_epoch": "\(best.epoch)",
        ])
        // Which story this run tells, read from its numbers (a quick run may stop before the turn).
        let turned = best.epoch < epochs
        try context.say(turned ? "run_turned" : "run_falling", [
            "best_epoch": "\(best.epoch)", "val_best": fmt(best.loss), "val_last": fmt(validationLoss[epochs - 1]),
            "epochs": "\(epochs)", "train": "\(data.train.count)",
        ])
        try context.say("early", [
            "best_epoch": "\(best.epoch)", "epochs": "\(epochs)", "test": "\(test.count)",
            "test_best": pct(bestTest.accuracy), "test_last": pct(lastTest.accuracy),
            "test_loss_best": fmt(bestTest.loss), "test_loss_last": fmt(lastTest.loss),
            "val_acc_best": pct(bestValidation.accuracy),
        ])
        try context.say(!turned ? "early_same" : lastTest.loss > bestTest.loss ? "early_worse" : "early_not_worse")
        try context.say("early_end")

        // MARK: Self-check
        func recount(_ evaluation: Evaluation, _ labels: [Int]) -> Double {
            Double(zip(evaluation.predictions, labels).filter { $0.0 == $0.1 }.count) / Double(labels.count)
        }
        context.check(
            SelfCheckRow(name: context.zh ? "测试准确率（早停）" : "test accuracy (early-stopped)",
                         shown: bestTest.accuracy, expected: recount(bestTest, test.labels)),
            SelfCheckRow(name: context.zh ? "测试准确率（最后一轮）" : "test accuracy (last epoch)",
                         shown: lastTest.accuracy, expected: recount(lastTest, test.labels)),
            SelfCheckRow(name: context.zh ? "验证准确率（早停）" : "validation accuracy (early-stopped)",
                         shown: bestValidation.accuracy, expected: recount(bestValidation, data.validation.labels)))
        LessonTraining.restore(model, from: lastSnapshot)
        let gradient = try MLPGradientCheck(model: model, data: data.train, examples: 16,
                                            layers: ["fc1", "fc2", "fc3"])
        context.check(gradient.entries.map { SelfCheckRow(name: $0.name, shown: $0.analytical, expected: $0.numerical) })
        try context.say("check", ["examples": "16"])
    }

    /// `curves.png` / `.svg`: training and validation loss per epoch, the early-stopping epoch marked; returns its files.
    static func plot(train: [Double], validation: [Double], best: Int, context: LessonContext) throws -> [String] {
        let top = (train + validation).max() ?? 1
        let epochs = validation.count
        let title = best < epochs
            ? (context.zh ? "过拟合：验证损失在第 \(best) 轮后回升" : "Overfitting: validation loss turns up after epoch \(best)")
            : (context.zh ? "验证损失在 \(epochs) 轮后仍在下降" : "Validation loss still falling after \(epochs) epochs")
        let chart = LineChart(
            title: title,
            xLabel: context.zh ? "轮次（epoch）" : "epoch", yLabel: context.zh ? "损失（NLL）" : "loss (NLL)",
            series: [
                Series(context.zh ? "训练损失" : "training loss", perEpoch: train, color: Palette.color(0)),
                Series(context.zh ? "验证损失" : "validation loss", perEpoch: validation, color: Palette.color(1)),
                Series(context.zh ? "早停：第 \(best) 轮" : "early stop: epoch \(best)", x: [Double(best), Double(best)],
                       y: [0, top], color: RGB(60, 60, 60), dashed: true),
            ])
        return try context.write(chart, name: "curves")
    }
}
