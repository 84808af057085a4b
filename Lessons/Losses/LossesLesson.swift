import Foundation
import GradCheck
import Render
import TensorGrad

/// Lesson 4: MSE, BCE, cross-entropy and KL divergence on example predictions — values and gradients from the
/// tensor engine, softmax + cross-entropy's gradient p − y, and why BCE punishes confident mistakes.
struct LossesLesson: Lesson {
    static let name = "losses"
    static let summary: [Language: String] = [
        .en: "MSE, BCE, cross-entropy and KL: values and gradients; why softmax + CE gives p − y",
        .zh: "均方误差、二元交叉熵、交叉熵和 KL 散度：数值与梯度；为什么 softmax + 交叉熵的梯度是 p − y",
    ]

    static let regressionPredictions = [2.5, 0.0, 2.1, 7.8]
    static let regressionTargets = [3.0, -0.5, 2.0, 7.0]
    static let probabilities = [0.9, 0.2, 0.6, 0.01]
    static let labels = [1.0, 0.0, 1.0, 1.0]
    static let logits: [[Double]] = [[2.0, 1.0, 0.1], [0.5, 2.5, -1.0]]
    static let classes = [0, 2]
    static let p = [0.6, 0.3, 0.1]
    static let q = [0.2, 0.5, 0.3]

    static func vector(_ values: [Double], grad: Bool = false) -> Tensor<Double> {
        Tensor(shape: [values.count], scalars: values, requiresGrad: grad)
    }

    /// Central differences of `f` at `point` (GradCheck's ε), one per coordinate.
    static func numeric(at point: [Double], _ f: ([Double]) -> Double) throws -> [Double] {
        try ScalarGradCheck.compare(analytical: point.map { _ in 0 }, at: point) { f($0) }.entries.map(\.numerical)
    }

    func run(_ context: LessonContext) throws {
        try context.say("intro")

        // MARK: MSE
        let yHat = Self.vector(Self.regressionPredictions, grad: true)
        let mse = yHat.mseLoss(Self.vector(Self.regressionTargets))
        mse.backward()
        let mseGrad = yHat.grad!.scalars
        let n = Self.regressionTargets.count
        let mseRows = (0..<n).map { i -> [String] in
            let d = Self.regressionPredictions[i] - Self.regressionTargets[i]
            return ["\(i + 1)", fmt(Self.regressionPredictions[i], digits: 1), fmt(Self.regressionTargets[i], digits: 1),
                    fmt(d * d), fmt(2 * d / Double(n)), fmt(mseGrad[i])]
        }
        let mseNumeric = try Self.numeric(at: Self.regressionPredictions) {
            Self.vector($0).mseLoss(Self.vector(Self.regressionTargets)).item
        }
        for i in 0..<n { context.check(name: "MSE ∂L/∂ŷ\(i + 1)", shown: mseGrad[i], expected: mseNumeric[i]) }
        try context.say("mse", [
            "n": "\(n)", "loss": fmt(mse.item),
            "table": indented(Table(header: ["i", "ŷ", "y", "(ŷ − y)²", "2(ŷ − y)/n", context.zh ? "引擎 ∂L/∂ŷ" : "engine ∂L/∂ŷ"],
                           rows: mseRows)),
        ])

        // MARK: BCE
        let probs = Self.vector(Self.probabilities, grad: true)
        let bce = probs.bceLoss(Self.vector(Self.labels))
        bce.backward()
        let bceGrad = probs.grad!.scalars
        let bceRows = (0..<n).map { i -> [String] in
            let p = Self.probabilities[i], y = Self.labels[i]
            let term = -(y * Foundation.log(p) + (1 - y) * Foundation.log(1 - p))
            return ["\(i + 1)", fmt(p, digits: 2), fmt(y, digits: 0), fmt(term), fmt((p - y) / (p * (1 - p)) / Double(n)),
                    fmt(bceGrad[i])]
        }
        let bceNumeric = try Self.numeric(at: Self.probabilities) {
            Self.vector($0).bceLoss(Self.vector(Self.labels)).item
        }
        for i in 0..<n { context.check(name: "BCE ∂L/∂p\(i + 1)", shown: bceGrad[i], expected: bceNumeric[i]) }
        let worst = Self.probabilities.indices.max { bceGrad[$0].magnitude < bceGrad[$1].magnitude }!
        try context.say("bce", [
            "loss": fmt(bce.item), "n": "\(n)",
            "table": indented(Table(header: ["i", "p", "y", context.zh ? "该项损失" : "term", "(p − y)/(p(1 − p))/n",
                                    context.zh ? "引擎 ∂L/∂p" : "engine ∂L/∂p"], rows: bceRows)),
            "worst": "\(worst + 1)", "worst_p": fmt(Self.probabilities[worst], digits: 2),
        ])

        // MARK: Cross-entropy with softmax: the gradient p − y
        let rows = Self.logits.count, k = Self.logits[0].count
        let z = Tensor<Double>(shape: [rows, k], scalars: Self.logits.flatMap { $0 }, requiresGrad: true)
        let ce = z.crossEntropy(Self.classes, reduction: .sum)
        ce.backward()
        let zGrad = z.grad!.scalars
        let softmax = withNoGrad { z.softmax(axis: 1).scalars }
        var ceRows: [[String]] = []
        var closedWorst = 0.0
        for r in 0..<rows {
            for c in 0..<k {
                let i = r * k + c, y: Double = c == Self.classes[r] ? 1 : 0
                closedWorst = max(closedWorst, abs(zGrad[i] - (softmax[i] - y)))
                ceRows.append([c == 0 ? "\(r + 1)" : "", "\(c + 1)", fmt(Self.logits[r][c], digits: 1), fmt(softmax[i]),
                               fmt(y, digits: 0), fmt(softmax[i] - y), fmt(zGrad[i])])
            }
        }
        let ceNumeric = try Self.numeric(at: Self.logits.flatMap { $0 }) {
            Tensor<Double>(shape: [rows, k], scalars: $0).crossEntropy(Self.classes, reduction: .sum).item
        }
        for i in 0..<(rows * k) {
            context.check(name: "CE ∂L/∂z[\(i / k + 1),\(i % k + 1)]", shown: zGrad[i], expected: ceNumeric[i])
        }
        context.check(SelfCheckRow(name: context.zh ? "CE：引擎梯度 vs p − y（最大差）" : "CE: engine vs p − y (max diff)",
                                   shown: closedWorst, expected: 0, atol: 1e-12, rtol: 0))
        let perExample = (0..<rows).map { -Foundation.log(softmax[$0 * k + Self.classes[$0]]) }
        try context.say("ce", [
            "rows": "\(rows)", "k": "\(k)",
            "table": indented(Table(header: [context.zh ? "样本" : "example", context.zh ? "类别" : "class", "z", "p = softmax(z)", "y",
                                    "p − y", context.zh ? "引擎 ∂L/∂z" : "engine ∂L/∂z"], rows: ceRows)),
            "loss": fmt(ce.item), "l1": fmt(perExample[0]), "l2": fmt(perExample[1]),
            "c1": "\(Self.classes[0] + 1)", "c2": "\(Self.classes[1] + 1)",
            "p1": fmt(softmax[Self.classes[0]]), "p2": fmt(softmax[k + Self.classes[1]]),
            "diff": String(format: "%.1e", closedWorst), "mean": fmt(ce.item / Double(rows)),
        ])

        // MARK: KL divergence, both directions
        let qT = Self.vector(Self.q, grad: true)
        let klPQ = qT.log().klDiv(Self.vector(Self.p), reduction: .sum)   // Σ p (ln p − ln q) = KL(p‖q)
        klPQ.backward()
        let klGrad = qT.grad!.scalars
        let klQP = Self.vector(Self.p).log().klDiv(Self.vector(Self.q), reduction: .sum).item
        let closedPQ = zip(Self.p, Self.q).map { $0 * Foundation.log($0 / $1) }.reduce(0, +)
        let closedQP = zip(Self.q, Self.p).map { $0 * Foundation.log($0 / $1) }.reduce(0, +)
        context.check(name: "KL(p‖q)", shown: klPQ.item, expected: closedPQ)
        context.check(name: "KL(q‖p)", shown: klQP, expected: closedQP)
        let klNumeric = try Self.numeric(at: Self.q) { Self.vector($0).log().klDiv(Self.vector(Self.p), reduction: .sum).item }
        for i in Self.q.indices {
            context.check(name: "KL(p‖q) ∂/∂q\(i + 1)", shown: klGrad[i], expected: klNumeric[i])
        }
        let crossEntropy = -zip(Self.p, Self.q).reduce(0.0) { $0 + $1.0 * Foundation.log($1.1) }
        let entropy = -Self.p.reduce(0.0) { $0 + ($1 > 0 ? $1 * Foundation.log($1) : 0) }
        context.check(name: "H(p, q) = H(p) + KL(p‖q)", shown: entropy + Double(klPQ.item), expected: crossEntropy)
        try context.say("kl", [
            "p": Self.p.map { fmt($0, digits: 1) }.joined(separator: ", "),
            "q": Self.q.map { fmt($0, digits: 1) }.joined(separator: ", "),
            "pq": fmt(klPQ.item), "qp": fmt(klQP),
            "grad": klGrad.map { fmt($0) }.joined(separator: ", "),
            "closed": zip(Self.p, Self.q).map { fmt(-$0 / $1) }.joined(separator: ", "),
            "k_count": "\(Self.p.count)",
            // Cross-entropy = entropy + KL, each sum written out here (the KL is the engine's).
            "cross": fmt(crossEntropy), "entropy": fmt(entropy), "sum": fmt(entropy + Double(klPQ.item)),
        ])

        // MARK: Confident mistakes: BCE vs MSE on a probability, and at the logit
        try confidentMistakes(context)
        try context.say("check")
    }
}
