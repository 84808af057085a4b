import Foundation
import Render
import TensorGrad

extension LossesLesson {
    /// Loss of one prediction p for the label y = 1 (engine, one-element tensors).
    static func loss(_ p: Double, bce: Bool) -> Double {
        let prediction = vector([p]), target = vector([1])
        return bce ? prediction.bceLoss(target).item : prediction.mseLoss(target).item
    }

    /// ∂L/∂z for p = σ(z) and y = 1: backward through sigmoid and the loss.
    static func logitGradient(_ p: Double, bce: Bool) -> Double {
        let z = vector([Foundation.log(p / (1 - p))], grad: true)
        let s = z.sigmoid()
        let loss = bce ? s.bceLoss(vector([1])) : s.mseLoss(vector([1]))
        loss.backward()
        return z.grad!.scalars[0]
    }

    /// The two charts and the numbers of a confident mistake.
    func confidentMistakes(_ context: LessonContext) throws {
        let samples = context.quick ? 60 : 400
        let ps = (1...samples).map { Double($0) / Double(samples + 1) }
        try context.write(LineChart(
            title: context.zh ? "标签 y = 1 时的损失与预测概率 p" : "Loss for label y = 1 against the predicted probability p",
            xLabel: context.zh ? "预测概率 p" : "predicted probability p", yLabel: context.zh ? "损失" : "loss",
            series: [Series("BCE = −ln p", x: ps, y: ps.map { Self.loss($0, bce: true) }, color: Palette.color(3)),
                     Series("MSE = (1 − p)²", x: ps, y: ps.map { Self.loss($0, bce: false) }, color: Palette.color(0))],
            xRange: 0...1, yRange: 0...5), name: "bce-vs-mse")
        try context.write(LineChart(
            title: context.zh ? "传到 logit z 的梯度（p = σ(z)，y = 1）" : "Gradient reaching the logit z (p = σ(z), y = 1)",
            xLabel: context.zh ? "预测概率 p" : "predicted probability p", yLabel: "∂L/∂z",
            series: [Series("BCE: p − 1", x: ps, y: ps.map { Self.logitGradient($0, bce: true) }, color: Palette.color(3)),
                     Series("MSE: 2(p − 1)·p(1 − p)", x: ps, y: ps.map { Self.logitGradient($0, bce: false) },
                            color: Palette.color(0))],
            xRange: 0...1, yRange: -1.1...0.1, showZeroLines: true), name: "logit-gradient")

        let p = Self.probabilities[3]
        let bce = Self.loss(p, bce: true), mse = Self.loss(p, bce: false)
        let dpBCE = Self.gradient(p, bce: true), dpMSE = Self.gradient(p, bce: false)
        let dzBCE = Self.logitGradient(p, bce: true), dzMSE = Self.logitGradient(p, bce: false)
        context.check(name: "BCE ∂L/∂p (p = \(fmt(p, digits: 2)))", shown: dpBCE, expected: -1 / p)
        context.check(name: "MSE ∂L/∂p (p = \(fmt(p, digits: 2)))", shown: dpMSE, expected: -2 * (1 - p))
        context.check(name: "BCE ∂L/∂z = p − 1", shown: dzBCE, expected: p - 1)
        context.check(name: "MSE ∂L/∂z", shown: dzMSE, expected: centralDifference({ z in
            Self.loss(1 / (1 + Foundation.exp(-z)), bce: false)
        }, at: Foundation.log(p / (1 - p))))
        try context.say("mistakes", [
            "loss_chart": context.file(named: "bce-vs-mse.png"),
            "grad_chart": context.file(named: "logit-gradient.png"),
            "p": fmt(p, digits: 2), "bce": fmt(bce), "mse": fmt(mse), "dp_bce": fmt(dpBCE, digits: 2),
            "dp_mse": fmt(dpMSE), "dz_bce": fmt(dzBCE), "dz_mse": fmt(dzMSE),
            "ratio": fmt(dzBCE / dzMSE, digits: 0),
        ])
    }

    /// ∂L/∂p for one prediction p and y = 1 (engine).
    static func gradient(_ p: Double, bce: Bool) -> Double {
        let prediction = vector([p], grad: true), target = vector([1])
        (bce ? prediction.bceLoss(target) : prediction.mseLoss(target)).backward()
        return prediction.grad!.scalars[0]
    }
}
