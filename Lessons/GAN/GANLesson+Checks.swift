import Foundation
import GradCheck
import Groundwork
import LessonModels
import NN
import Render
import TensorGrad

/// The gan lesson's measured numbers: the two generator losses' gradients early in training, and the gradient
/// checks of both losses at one step.
extension GANLesson {
    /// A fresh G and a D trained alone for a few steps (as early in training, when D wins easily): D(G(z)), and the
    /// gradient each generator loss sends to the logits and to G's parameters.
    func saturation(_ context: LessonContext, ring: Ring) throws -> [String: String] {
        var random = SeededGenerator(seed: context.seed &+ 77)
        let g = GANNet.random(hidden: 64, outputs: 2, generator: &random)
        let d = GANNet.random(hidden: 64, outputs: 1, generator: &random)
        let optimizer = Adam(d.named, learningRate: 1e-3, beta1: 0.5)
        let warm = 100, b = 256
        for _ in 0..<warm {
            let real = Tensor<Float>(shape: [b, 2], scalars: ring.sample(b, generator: &random).map(Float.init))
            let fake = withNoGrad { g(Tensor<Float>.randomNormal([b, 2], using: &random)) }
            for p in d.tensors { p.zeroGrad() }
            GANLoss.discriminator(real: d(real), fake: d(fake)).backward()
            optimizer.step()
        }
        // The same batch of z through both losses, in Double.
        let gd = g.converted(to: Double.self), dd = d.converted(to: Double.self)
        let z = Tensor<Double>.randomNormal([b, 2], using: &random)
        var results: [(dOut: Double, logitGrad: Double, norm: Double)] = []
        for saturating in [true, false] {
            for p in gd.tensors + dd.tensors { p.zeroGrad() }
            let logits = dd(gd(z))
            let loss = saturating ? GANLoss.saturating(fake: logits) : GANLoss.nonSaturating(fake: logits)
            loss.backward()
            let dOut = logits.scalars.map { 1 / (1 + Foundation.exp(-$0)) }
            let logitGrad = logits.grad!.scalars.map(Swift.abs).reduce(0, +)
            // Closed forms: ∂/∂logit of log(1 − σ(l)) is −σ(l) = −D; of −log σ(l) it is −(1 − D); each over B.
            let closed = dOut.map { saturating ? $0 : 1 - $0 }.reduce(0, +) / Double(b)
            context.check(name: (saturating ? "saturating" : "non-saturating") + " Σ|∂L/∂logit| vs closed form",
                          shown: logitGrad, expected: closed)
            let norm = gd.tensors.map { $0.grad!.scalars.map { $0 * $0 }.reduce(0, +) }.reduce(0, +).squareRoot()
            results.append((dOut.reduce(0, +) / Double(b), logitGrad, norm))
        }
        return [
            "warm": "\(warm)", "batch": "\(b)", "d_fake": fmt(results[0].dOut, digits: 4),
            "table": Table(header: context.zh ? ["生成器损失", "每个样本的 |∂L/∂logit| 平均", "‖∇θ_G L‖"]
                                              : ["generator loss", "mean |∂L/∂logit| per sample", "‖∇θ_G L‖"],
                           rows: [["log(1 − D(G(z)))", fmt(results[0].logitGrad, digits: 4), fmt(results[0].norm, digits: 4)],
                                  ["−log D(G(z))", fmt(results[1].logitGrad, digits: 4), fmt(results[1].norm, digits: 4)]],
                           alignments: [.left, .right, .right]).renderedBlock(),
            "ratio": fmt(results[1].norm / max(results[0].norm, 1e-300), digits: 1),
        ]
    }

    /// The trained G and D in Double at one step (16 real points, 16 z): backward's gradient of D's loss for some
    /// of D's parameters and of G's loss for some of G's, against central differences of the same forward pass.
    func gradientChecks(_ context: LessonContext, run: GANRun, ring: Ring) throws -> [String: String] {
        var random = SeededGenerator(seed: context.seed &+ 99)
        let g = run.generator.converted(to: Double.self), d = run.discriminator.converted(to: Double.self)
        let real = Tensor<Double>(shape: [16, 2], scalars: ring.sample(16, generator: &random))
        let z = Tensor<Double>.randomNormal([16, 2], using: &random)
        func dLoss() -> Tensor<Double> { GANLoss.discriminator(real: d(real), fake: d(g(z).detached())) }
        func gLoss() -> Tensor<Double> { GANLoss.nonSaturating(fake: d(g(z))) }
        let dValue = dLoss(), gValue = gLoss()
        for p in d.tensors + g.tensors { p.zeroGrad() }
        dLoss().backward()
        let dGrads = d.tensors.map { $0.grad!.scalars }
        for p in d.tensors + g.tensors { p.zeroGrad() }
        gLoss().backward()
        let gGrads = g.tensors.map { $0.grad!.scalars }
        // In each checked tensor, the entry with the largest gradient (a ReLU unit that is off for the whole
        // batch has exact zeros, which would check nothing).
        let names = ["W₁", "b₁", "W₂", "b₂", "W₃", "b₃"]
        let picks: [(net: String, tensors: [Tensor<Double>], tensor: Int, index: Int, name: String)] =
            [("D", 0), ("D", 1), ("D", 2), ("D", 4), ("D", 5), ("G", 0), ("G", 2), ("G", 3), ("G", 4), ("G", 5)]
            .map { net, k in
                let grads = (net == "D" ? dGrads : gGrads)[k]
                let i = grads.indices.max { Swift.abs(grads[$0]) < Swift.abs(grads[$1]) }!
                let columns = (net == "D" ? d : g).tensors[k].shape.rank == 2 ? (net == "D" ? d : g).tensors[k].shape[1] : 0
                let name = columns > 0 ? "\(names[k])[\(i / columns),\(i % columns)]" : "\(names[k])[\(i)]"
                return (net, (net == "D" ? d : g).tensors, k, i, name)
            }
        var rows: [[String]] = []
        for pick in picks {
            let t = pick.tensors[pick.tensor], start = t.storage.base[pick.index]
            let loss = pick.net == "D" ? dLoss : gLoss
            let numeric = centralDifference({ v in
                t.storage.base[pick.index] = v
                defer { t.storage.base[pick.index] = start }
                return withNoGrad { loss().item }
            }, at: start)
            let analytic = (pick.net == "D" ? dGrads : gGrads)[pick.tensor][pick.index]
            let label = pick.net == "D" ? "∂L_D/∂D." + pick.name : "∂L_G/∂G." + pick.name
            context.check(name: label, shown: analytic, expected: numeric)
            rows.append([label, fmt(analytic, digits: 6), fmt(numeric, digits: 6)])
        }
        return [
            "d_loss": fmt(dValue.item, digits: 4), "g_loss": fmt(gValue.item, digits: 4), "step": "\(run.settings.steps)",
            "table": Table(header: context.zh ? ["梯度", "反向传播", "中心差分"] : ["gradient", "backward", "central difference"],
                           rows: rows, alignments: [.left, .right, .right]).renderedBlock(),
        ]
    }
}
