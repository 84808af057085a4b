import Datasets
import Foundation
import Groundwork
import LessonModels
import Render
import Showcase
import TensorGrad

/// Variational autoencoders: a VAE with a 2-D latent space on Fashion-MNIST; the ELBO as reconstruction + KL, the
/// KL in closed form against Monte Carlo, the reparameterization trick gradient-checked, the latent map, the
/// decoded latent grid, reconstructions, and a β ≠ 1 run.
struct VAELesson: Lesson {
    static let name = "vae"
    static let summary: [Language: String] = [
        .en: "a VAE with a 2-D latent space: ELBO = reconstruction + KL, reparameterization, the latent map and grid",
        .zh: "二维潜空间的 VAE：ELBO = 重构 + KL、重参数化技巧、潜空间分布图与解码网格",
    ]

    /// The β of the contrasting run.
    static let contrastBeta = 5.0

    func run(_ context: LessonContext) throws {
        let zh = context.zh
        try context.say("intro")
        try context.say("seed")

        // MARK: Data and the two trained models (shared checkpoints)
        let train = try ImageDataset.load(.train, normalization: .unitInterval)
        let testFull = try ImageDataset.load(.test, normalization: .unitInterval)
        let test = testFull.shuffledPrefix(context.quick ? 1000 : 5000, seed: context.seed)
        let hidden = context.quick ? 128 : 256
        let settings = TrainedVAE.Settings(images: context.quick ? 3000 : 12_000, epochs: context.quick ? 3 : 6,
                                           hidden: hidden, beta: 1, seed: context.seed)
        let parent = (context.outputDirectory as NSString).deletingLastPathComponent
        let models = (parent as NSString).appendingPathComponent("models")
        let vae = try TrainedVAE.obtain(settings, train: train, modelsDirectory: models)
        var contrastSettings = settings
        contrastSettings.beta = Self.contrastBeta
        let contrast = try TrainedVAE.obtain(contrastSettings, train: train, modelsDirectory: models)
        let parameters = vae.model.tensors.map(\.count).reduce(0, +)
        try context.say("model", [
            "hidden": "\(hidden)", "parameters": "\(parameters)",
            "images": "\(settings.images)", "epochs": "\(settings.epochs)", "batch": "\(settings.batch)",
            "lr": fmt(Double(settings.learningRate), digits: 3),
            "quick": context.quick ? (zh ? "（`--quick`：较小的设置）" : " (`--quick`: smaller settings)") : "",
        ])

        // MARK: 1. The ELBO per epoch
        let testEval = evaluate(vae.model, test, seed: context.seed, beta: 1)
        let epochs = Array(0...settings.epochs).map(Double.init)
        try context.write(LineChart(
            title: zh ? "VAE 训练：负 ELBO = 重构项 + KL 项" : "VAE training: −ELBO = reconstruction + KL",
            xLabel: zh ? "轮次（0 = 训练前）" : "epoch (0 = before training)",
            yLabel: zh ? "每张图像的值（nats）" : "per image (nats)",
            series: [Series(zh ? "负 ELBO（两项之和）" : "−ELBO (the sum)", x: epochs,
                            y: zip(vae.reconstruction, vae.kl).map(+), color: Palette.color(3)),
                     Series(zh ? "重构项 −E[log p(x|z)]" : "reconstruction −E[log p(x|z)]", x: epochs,
                            y: vae.reconstruction, color: Palette.color(0), markers: true),
                     Series(zh ? "KL 项 KL(q(z|x) ‖ p(z))" : "KL term KL(q(z|x) ‖ p(z))", x: epochs, y: vae.kl,
                            color: Palette.color(2), markers: true)]
        ), name: "vae-elbo")
        let rows = vae.reconstruction.indices.map { e in
            ["\(e)", fmt(vae.reconstruction[e], digits: 1), fmt(vae.kl[e], digits: 2),
             fmt(vae.reconstruction[e] + vae.kl[e], digits: 1)]
        }
        try context.say("elbo", [
            "status": status(vae, zh: zh), "path": LessonFiles.display(vae.path),
            "table": Table(header: zh ? ["轮次", "重构项", "KL 项", "负 ELBO"] : ["epoch", "reconstruction", "KL", "−ELBO"],
                           rows: rows, alignments: [.right, .right, .right, .right]).renderedBlock(),
            "chart": "vae-elbo.png", "rec_first": fmt(vae.reconstruction[0], digits: 1),
            "rec_last": fmt(vae.reconstruction.last!, digits: 1), "kl_first": fmt(vae.kl[0], digits: 2),
            "kl_last": fmt(vae.kl.last!, digits: 2), "test_count": "\(test.count)",
            "test_rec": fmt(testEval.reconstruction, digits: 1), "test_kl": fmt(testEval.kl, digits: 2),
            "test_elbo": fmt(-(testEval.reconstruction + testEval.kl), digits: 1),
        ])

        // MARK: 2. The KL term: closed form, Monte Carlo, not a distance
        try context.say("kl", try klSection(context, model: vae.model, test: test))

        // MARK: 3. The reparameterization trick
        try context.say("reparam", try reparameterizationSection(context))
        try context.say("gradcheck", try elboGradientCheck(context, model: vae.model, test: test))

        // MARK: 4. The latent map, the decoded grid, reconstructions
        let names = (0..<10).map { zh ? fashionClassNamesZh[$0] : test.classNames[$0] }
        let latent = latentMap(vae.model, test)
        try context.write(latentChart(latent, test: test, names: names,
                                      title: zh ? "潜空间：测试图像的 μ，按类别着色（β = 1）"
                                          : "Latent map: μ of the test images by class (β = 1)", zh: zh),
                          name: "vae-latent")
        let spread = classSpread(latent, test)
        try context.say("latent", [
            "chart": "vae-latent.png", "count": "\(test.count)",
            "far_class": names[spread.farthest], "far_distance": fmt(spread.distance, digits: 2),
            "pair_a": names[spread.closePair.0], "pair_b": names[spread.closePair.1],
            "pair_distance": fmt(spread.closeDistance, digits: 2),
            "inside": pct(latent.inside), "radius": fmt(latent.rms, digits: 2),
        ])
        let side = 15, limit = 2.5
        try context.record(decodedGrid(vae.model, side: side, limit: limit, zh: zh)
            .write(to: context.outputDirectory, name: "vae-grid", command: context.command))
        try context.say("grid", ["side": "\(side)", "limit": fmt(limit, digits: 1), "chart": "vae-grid.png"])
        let shown = Array(0..<10).map { label in test.labels.firstIndex(of: label) ?? 0 }
        try context.record(reconstructions(vae.model, test, indices: shown, names: names, zh: zh)
            .write(to: context.outputDirectory, name: "vae-reconstructions", command: context.command))
        try context.say("reconstruction", ["chart": "vae-reconstructions.png", "rec": fmt(testEval.reconstruction, digits: 1),
                                           "pixels": fmt(testEval.reconstruction / 784, digits: 3)])

        // MARK: 5. β ≠ 1
        let contrastEval = evaluate(contrast.model, test, seed: context.seed, beta: Self.contrastBeta)
        let contrastLatent = latentMap(contrast.model, test)
        try context.write(latentChart(contrastLatent, test: test, names: names,
                                      title: zh ? "潜空间（β = \(fmt(Self.contrastBeta, digits: 0))）"
                                          : "Latent map with β = \(fmt(Self.contrastBeta, digits: 0))", zh: zh),
                          name: "vae-latent-beta")
        try context.say("beta", [
            "beta": fmt(Self.contrastBeta, digits: 0), "status": status(contrast, zh: zh),
            "chart": "vae-latent-beta.png",
            "table": Table(header: zh ? ["β", "重构项", "KL 项", "μ 的均方根半径"] : ["β", "reconstruction", "KL", "rms radius of μ"],
                           rows: [["1", fmt(testEval.reconstruction, digits: 1), fmt(testEval.kl, digits: 2),
                                   fmt(latent.rms, digits: 2)],
                                  [fmt(Self.contrastBeta, digits: 0), fmt(contrastEval.reconstruction, digits: 1),
                                   fmt(contrastEval.kl, digits: 2), fmt(contrastLatent.rms, digits: 2)]],
                           alignments: [.right, .right, .right, .right]).renderedBlock(),
            "kl_ratio": fmt(testEval.kl / max(contrastEval.kl, 1e-9), digits: 1),
            "rec_more": fmt(abs(contrastEval.reconstruction - testEval.reconstruction), digits: 1),
            "rec_direction": contrastEval.reconstruction >= testEval.reconstruction
                ? (zh ? "更差" : "worse") : (zh ? "反而更好" : "better, against expectation"),
        ])
        try context.say("check")
    }

    /// What the text says about a trained-or-reused model.
    private func status(_ vae: TrainedVAE, zh: Bool) -> String {
        vae.trained
            ? (zh ? "本次运行训练了它，用时 \(fmt(vae.seconds, digits: 1)) 秒，并保存为检查点"
                : "This run trained it, in \(fmt(vae.seconds, digits: 1)) s, and saved it as a checkpoint")
            : (zh ? "本次运行复用了之前保存的检查点（设置、种子都相同），没有重新训练"
                : "This run reused the checkpoint a previous run saved with the same settings and seed, so it did not train")
    }

    /// Mean reconstruction and KL per test image, with one seeded ε per image.
    func evaluate(_ model: VAEModel<Float>, _ test: ImageDataset, seed: UInt64, beta: Double)
        -> (reconstruction: Double, kl: Double) {
        var generator = SeededGenerator(seed: seed &+ 101)
        var r = 0.0, k = 0.0
        let b = 500
        for start in stride(from: 0, to: test.count, by: b) {
            let indices = Array(start..<min(start + b, test.count))
            let x = TrainedVAE.batch(test, indices)
            let epsilon = Tensor<Float>.randomNormal([indices.count, 2], using: &generator)
            let l = withNoGrad { model.loss(x, epsilon: epsilon, beta: Float(beta)) }
            r += Double(l.reconstruction.item) * Double(indices.count)
            k += Double(l.kl.item) * Double(indices.count)
        }
        return (r / Double(test.count), k / Double(test.count))
    }
}
