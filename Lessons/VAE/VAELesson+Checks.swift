import Datasets
import Foundation
import GradCheck
import Groundwork
import LessonModels
import Render
import TensorGrad

/// The vae lesson's numbers that are checked: the KL term against Monte Carlo, the reparameterization trick's
/// gradients, and the full loss's gradient reaching the encoder.
extension VAELesson {
    /// KL(N(m₁, s₁²) ‖ N(m₂, s₂²)) in one dimension, closed form.
    static func kl1D(_ m1: Double, _ s1: Double, _ m2: Double, _ s2: Double) -> Double {
        Foundation.log(s2 / s1) + (s1 * s1 + (m1 - m2) * (m1 - m2)) / (2 * s2 * s2) - 0.5
    }

    /// log N(x; m, s²).
    static func logNormal(_ x: Double, _ m: Double, _ s: Double) -> Double {
        -0.5 * Foundation.log(2 * Double.pi) - Foundation.log(s) - (x - m) * (x - m) / (2 * s * s)
    }

    /// Mean and standard error of `values`.
    static func meanAndError(_ values: [Double]) -> (mean: Double, error: Double) {
        let n = Double(values.count), mean = values.reduce(0, +) / n
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1)
        return (mean, (variance / n).squareRoot())
    }

    /// The KL of one test image's q(z|x) in closed form and by Monte Carlo; KL's asymmetry on two 1-D Gaussians;
    /// the encoder's log σ² range. Checks each Monte-Carlo estimate within 4 standard errors.
    func klSection(_ context: LessonContext, model: VAEModel<Float>, test: ImageDataset) throws -> [String: String] {
        var generator = SeededGenerator(seed: context.seed &+ 202)
        let x = TrainedVAE.batch(test, Array(0..<test.count))
        let (muT, logVarT) = withNoGrad { model.encode(x) }
        let mu = muT.scalars.prefix(2).map(Double.init), logVar = logVarT.scalars.prefix(2).map(Double.init)
        let sigma = logVar.map { Foundation.exp(0.5 * $0) }
        var closed = 0.0
        for d in 0..<2 { closed += 0.5 * (mu[d] * mu[d] + sigma[d] * sigma[d] - 1 - logVar[d]) }
        let samples = context.quick ? 20_000 : 200_000
        let terms = (0..<samples).map { _ -> Double in
            (0..<2).map { d -> Double in
                let z = mu[d] + sigma[d] * generator.nextNormal()
                return Self.logNormal(z, mu[d], sigma[d]) - Self.logNormal(z, 0, 1)
            }.reduce(0, +)
        }
        let mc = Self.meanAndError(terms)
        context.check(SelfCheckRow(name: "KL(q‖p) closed form vs Monte Carlo (±4 s.e.)", shown: closed,
                                   expected: mc.mean, atol: 4 * mc.error, rtol: 0))
        // Asymmetry: p = N(0, 1), r = N(1, 0.5²).
        let forward = Self.kl1D(1, 0.5, 0, 1), backward = Self.kl1D(0, 1, 1, 0.5)
        let mcForward = Self.meanAndError((0..<samples).map { _ in
            let z = 1 + 0.5 * generator.nextNormal(); return Self.logNormal(z, 1, 0.5) - Self.logNormal(z, 0, 1)
        })
        let mcBackward = Self.meanAndError((0..<samples).map { _ in
            let z = generator.nextNormal(); return Self.logNormal(z, 0, 1) - Self.logNormal(z, 1, 0.5)
        })
        context.check(SelfCheckRow(name: "KL(r‖p) closed form vs Monte Carlo (±4 s.e.)", shown: forward,
                                   expected: mcForward.mean, atol: 4 * mcForward.error, rtol: 0),
                      SelfCheckRow(name: "KL(p‖r) closed form vs Monte Carlo (±4 s.e.)", shown: backward,
                                   expected: mcBackward.mean, atol: 4 * mcBackward.error, rtol: 0))
        let allLogVar = logVarT.scalars.map(Double.init)
        let lo = allLogVar.min()!, hi = allLogVar.max()!
        return [
            "mu1": fmt(mu[0], digits: 3), "mu2": fmt(mu[1], digits: 3),
            "lv1": fmt(logVar[0], digits: 3), "lv2": fmt(logVar[1], digits: 3),
            "s1": fmt(sigma[0], digits: 3), "s2": fmt(sigma[1], digits: 3),
            "closed": fmt(closed), "samples": "\(samples)", "mc": fmt(mc.mean), "se": fmt(mc.error),
            "forward": fmt(forward), "backward": fmt(backward),
            "mc_forward": fmt(mcForward.mean), "mc_backward": fmt(mcBackward.mean),
            "lv_min": fmt(lo, digits: 2), "lv_max": fmt(hi, digits: 2),
            "s_min": fmt(Foundation.exp(0.5 * lo), digits: 3), "s_max": fmt(Foundation.exp(0.5 * hi), digits: 3),
            "count": "\(test.count)",
        ]
    }

    /// The small case: L(μ, log σ²) = mean over K fixed ε of (μ + σε − 2)². The engine's gradient against central
    /// differences; its average over many ε against the derivative of the expectation; the same loss with z
    /// sampled outside the graph, where no gradient reaches μ or σ.
    func reparameterizationSection(_ context: LessonContext) throws -> [String: String] {
        var generator = SeededGenerator(seed: context.seed &+ 303)
        let mu0 = 0.5, logVar0 = Foundation.log(0.64), target = 2.0, k = 8
        let eps = (0..<k).map { _ in generator.nextNormal() }
        func plain(_ m: Double, _ lv: Double, _ e: [Double]) -> Double {
            e.map { let z = m + Foundation.exp(0.5 * lv) * $0; return (z - target) * (z - target) }.reduce(0, +)
                / Double(e.count)
        }
        func engine(_ e: [Double]) -> (loss: Double, dMu: Double, dLogVar: Double) {
            let mu = Tensor<Double>(shape: [1, 1], scalars: [mu0], requiresGrad: true)
            let logVar = Tensor<Double>(shape: [1, 1], scalars: [logVar0], requiresGrad: true)
            let epsilon = Tensor<Double>(shape: [e.count, 1], scalars: e)
            let z = VAEModel<Double>.reparameterize(mu: mu, logVar: logVar, epsilon: epsilon)
            let loss = (z - target).pow(2).mean()
            loss.backward()
            return (loss.item, mu.grad!.item, logVar.grad!.item)
        }
        let small = engine(eps)
        let fdMu = centralDifference({ plain($0, logVar0, eps) }, at: mu0)
        let fdLogVar = centralDifference({ plain(mu0, $0, eps) }, at: logVar0)
        context.check(name: "reparameterized ∂L/∂μ", shown: small.dMu, expected: fdMu)
        context.check(name: "reparameterized ∂L/∂log σ²", shown: small.dLogVar, expected: fdLogVar)
        // Many ε: the average gradient estimates ∂E[L]/∂μ = 2(μ − 2) and ∂E[L]/∂log σ² = σ².
        let many = context.quick ? 20_000 : 200_000
        let wide = (0..<many).map { _ in generator.nextNormal() }
        let average = engine(wide)
        let sigma = Foundation.exp(0.5 * logVar0)
        let perMu = Self.meanAndError(wide.map { 2 * (mu0 + sigma * $0 - target) })
        let perLv = Self.meanAndError(wide.map { (mu0 + sigma * $0 - target) * $0 * sigma })
        context.check(SelfCheckRow(name: "mean reparameterized ∂L/∂μ vs 2(μ − 2) (±4 s.e.)", shown: average.dMu,
                                   expected: 2 * (mu0 - target), atol: 4 * perMu.error, rtol: 0),
                      SelfCheckRow(name: "mean reparameterized ∂L/∂log σ² vs σ² (±4 s.e.)", shown: average.dLogVar,
                                   expected: sigma * sigma, atol: 4 * perLv.error, rtol: 0))
        // Without the trick: z is drawn as a number and enters the graph as a constant.
        let mu = Tensor<Double>(shape: [1, 1], scalars: [mu0], requiresGrad: true)
        let logVar = Tensor<Double>(shape: [1, 1], scalars: [logVar0], requiresGrad: true)
        let drawn = Tensor<Double>(shape: [k, 1], scalars: eps.map { mu0 + sigma * $0 })
        let loss = (drawn - target).pow(2).mean() + mu * 0.0 + logVar * 0.0   // μ and σ² are in the graph, unused by z
        loss.backward()
        let rows = (0..<k).map { ["\($0 + 1)", fmt(eps[$0], digits: 3), fmt(mu0 + sigma * eps[$0], digits: 3)] }
        return [
            "mu": fmt(mu0, digits: 2), "sigma": fmt(sigma, digits: 2), "log_var": fmt(logVar0, digits: 4),
            "target": fmt(target, digits: 0), "k": "\(k)",
            "eps_table": Table(header: ["k", "εₖ", "zₖ = μ + σεₖ"], rows: rows,
                               alignments: [.right, .right, .right]).renderedBlock(),
            "loss": fmt(small.loss), "d_mu": fmt(small.dMu), "d_lv": fmt(small.dLogVar),
            "fd_mu": fmt(fdMu), "fd_lv": fmt(fdLogVar), "many": "\(many)",
            "avg_mu": fmt(average.dMu), "avg_lv": fmt(average.dLogVar),
            "true_mu": fmt(2 * (mu0 - target)), "true_lv": fmt(sigma * sigma),
            "no_mu": fmt(mu.grad?.item ?? 0), "no_lv": fmt(logVar.grad?.item ?? 0),
        ]
    }

    /// The trained VAE's loss in Double on four test images with fixed ε: backward's gradient for parameters of
    /// the encoder (which only the reparameterized sample connects to the reconstruction) and of the decoder,
    /// against central differences of the same forward pass.
    func elboGradientCheck(_ context: LessonContext, model: VAEModel<Float>, test: ImageDataset) throws
        -> [String: String] {
        var generator = SeededGenerator(seed: context.seed &+ 404)
        let twin = model.converted(to: Double.self)
        let x = TrainedVAE.batch(test, [0, 1, 2, 3]).converted(to: Double.self)
        let epsilon = Tensor<Double>.randomNormal([4, 2], using: &generator)
        let loss = twin.loss(x, epsilon: epsilon, beta: 1).total
        loss.backward()
        // The hidden unit most active on the first image, and that image's brightest pixel.
        let hidden = withNoGrad { x.linear(weight: twin.tensors[0], bias: twin.tensors[1]).relu() }.scalars
        let unit = (0..<twin.hidden).max { hidden[$0] < hidden[$1] }!
        let pixels = x.scalars.prefix(784)
        let pixel = pixels.indices.max { pixels[$0] < pixels[$1] }!
        let picks: [(name: String, tensor: Int, index: Int)] = [
            ("encoder W₁[\(unit),\(pixel)]", 0, unit * 784 + pixel), ("encoder b₁[\(unit)]", 1, unit),
            ("μ₁ head W[0,\(unit)]", 2, unit), ("log σ²₁ head W[2,\(unit)]", 2, 2 * twin.hidden + unit),
            ("μ₂ head b[1]", 3, 1), ("log σ²₂ head b[3]", 3, 3),
            ("decoder b₂[\(14 * 28 + 14)]", 7, 14 * 28 + 14),
        ]
        var rows: [[String]] = []
        for pick in picks {
            let t = twin.tensors[pick.tensor]
            let start = t.storage.base[pick.index]
            let numeric = centralDifference({ v in
                t.storage.base[pick.index] = v
                defer { t.storage.base[pick.index] = start }
                return withNoGrad { twin.loss(x, epsilon: epsilon, beta: 1).total.item }
            }, at: start)
            let analytic = t.grad!.scalars[pick.index]
            context.check(name: "∂(−ELBO)/∂" + pick.name, shown: analytic, expected: numeric)
            rows.append([pick.name, fmt(analytic, digits: 6), fmt(numeric, digits: 6)])
        }
        return [
            "loss": fmt(loss.item, digits: 3),
            "table": Table(header: context.zh ? ["参数", "反向传播", "中心差分"] : ["parameter", "backward", "central difference"],
                           rows: rows, alignments: [.left, .right, .right]).renderedBlock(),
        ]
    }
}
