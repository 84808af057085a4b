import Foundation
import Testing
@testable import Lessons
import Render

/// What one lesson promises beyond the smoke test: its numbers, its files, the shape of its self-check. The
/// catalogue test checks these in both languages (text snippets are numbers and formulas, the same in both).
struct LessonExpectation {
    /// Names of files the lesson must write (inside its output folder).
    var files: [String] = []
    /// Smallest width and height of some of its PNGs: a cropped or empty picture fails.
    var sizes: [String: (width: Int, height: Int)] = [:]
    /// Snippets its text must contain.
    var text: [String] = []
    /// The number of self-check rows, where the lesson's design fixes it.
    var checkCount: Int?
    /// Prefixes of self-check names that must be present (an exact name is its own prefix).
    var checks: [String] = []
    /// Anything else, on the finished run.
    var more: @Sendable (LessonRun) throws -> Void = { _ in }

    /// Checks `run` against these expectations.
    func verify(_ run: LessonRun) throws {
        let name = "\(run.name) (\(run.language.rawValue))"
        for file in files {
            #expect(run.report.files.contains(run.path(file)), "\(name): \(file) not written")
        }
        for (file, size) in sizes {
            let image = try PNGImage.read(from: run.path(file))
            #expect(image.width > size.width && image.height > size.height,
                    "\(name): \(file) is \(image.width)×\(image.height)")
        }
        for snippet in text { #expect(run.text.contains(snippet), "\(name): text lacks \(snippet)") }
        if let checkCount { #expect(run.report.checks.count == checkCount, "\(name): self-check rows") }
        for prefix in checks {
            #expect(run.report.checks.contains { $0.name.hasPrefix(prefix) }, "\(name): no check \(prefix)…")
        }
        try more(run)
    }

    /// Every lesson's expectations, by lesson name.
    static let table: [String: LessonExpectation] = [
        "neuron": .init(
            files: ["graph.png", "backprop.png"],
            // z = 2·0.6 + (−1)·0.9 + 0.5·(−0.4) + 0.5 = 0.6; σ(0.6) = 0.6457, σ′ = 0.2288, tanh′ = 0.7116.
            text: ["z = 0.6000", "0.6457", "0.2288", "0.7116"],
            checkCount: 18),
        "activations": .init(
            files: ["activations", "derivatives", "saturation"].flatMap { [$0 + ".png", $0 + ".svg"] },
            // The bound on ten sigmoid factors: 0.25¹⁰ = 9.537e-07; sigmoid′ peaks at 1/4.
            text: ["9.537e-07", "**0.2500**"]),
        "forward": .init(
            files: ["architecture.png", "architecture.dot", "trace.png", "boundary.png", "boundary.svg"],
            text: ["[50, 2]", "[2, 8]", "[50, 8]", "[50, 1]", "**33"]),
        "losses": .init(
            files: ["bce-vs-mse.png", "logit-gradient.png"],
            // MSE of (2.5, 0, 2.1, 7.8) against (3, −0.5, 2, 7) = (0.25 + 0.25 + 0.01 + 0.64)/4.
            text: ["**0.2875**"]),
        "backprop": .init(
            files: ["graph.png", "backprop.png", "backprop-step-01.png", "moons.png", "trace.json"],
            sizes: ["moons.png": (600, 500), "graph.png": (400, 0)],
            // The classic numbers of this neuron, computed: o = tanh(0.6) and its local derivative 1 − o².
            text: ["tanh(0.6000) = 0.5370", "0.7116"],
            // Every gradient the neuron section shows is checked.
            checks: ["x1", "w1", "x2", "w2", "b"].map { "∂o/∂" + $0 },
            more: { run in #expect(run.report.checks.count >= 13) }),
        "optimizers": .init(
            files: ["paths.png"], sizes: ["paths.png": (1000, 800)],
            // Adam's first step is η·sign(−g) up to ε: the corrected step size is 1 in units of η.
            text: ["| 1.0000"],
            more: { run in
                // Five methods × three updates × two coordinates, plus Adam's corrected first step.
                #expect(run.report.checks.filter { $0.name.contains("Δ") }.count == 31)
            }),
        "regularization": .init(
            files: ["weights.png"], sizes: ["weights.png": (1000, 600)],
            // Three L1 and three L2 penalty gradients, two full-loss gradients, three dropout gradients.
            checkCount: 11),
        "batchnorm": .init(
            files: ["activations.png"], sizes: ["activations.png": (1000, 600)],
            // Three mode outputs, three forward statistics, three backward gradients (x, γ, β).
            checkCount: 10),
        "splits": .init(
            files: ["curves.png"], sizes: ["curves.png": (1000, 600)],
            // The reported accuracies are recounted from predictions, and gradients are checked in three layers.
            checkCount: 6),
        "cnn": .init(
            files: ["cnn-input.png", "cnn-conv.png", "architecture-seed.png", "cnn-filters.png", "cnn-feature-maps.png"],
            // The hand example: Y[1,1] = 20 as a sum of products; conv1's 260 parameters; the flattened size.
            text: ["= 4 + 10 + 6 = 20", "1·10·5·5 + 10 = 260", "7·7·64 = 3136"],
            more: { run in
                let name = run.language == .zh ? "conv1 的参数个数" : "parameters of conv1"
                #expect(run.report.checks.contains { $0.name == name && $0.shown == 260 })
                #expect(FileManager.default.fileExists(atPath: CNNScenarioTests.checkpoint(besides: run.directory)))
            }),
        "saliency": .init(
            text: ["Grad-CAM"],
            checks: ["IG Σ attributions", "|∂s/∂x|", "weights restored: max|Δ Grad-CAM|"],
            more: { run in
                let panels = run.report.files.filter { $0.hasSuffix("-panel.png") }
                #expect(panels.count == 2)   // two classes in quick mode
                #expect(run.report.files.contains { $0.hasSuffix("-sanity.png") })
                let panel = try PNGImage.read(from: try #require(panels.first))
                #expect(panel.width > 800)
            }),
        "rnn": .init(
            files: ["rnn-loss.png", "rnn-gradient-norms.png", "graph.png", "backprop.png"],
            sizes: ["rnn-loss.png": (200, 100), "rnn-gradient-norms.png": (200, 100), "graph.png": (200, 100),
                    "backprop.png": (200, 100)],
            checks: ["‖∂L/∂h1‖"]),
        "attention": .init(
            files: ["attention-weights.png", "attention-sqrt-d.png"],
            sizes: ["attention-weights.png": (200, 100), "attention-sqrt-d.png": (200, 100)],
            checks: ["∂out"],
            // Four rows of weights, each summing to 1.
            more: { run in #expect(run.report.checks.filter { $0.expected == 1 }.count == 4) }),
        "vae": .init(
            files: ["vae-elbo.png", "vae-latent.png", "vae-grid.png", "vae-reconstructions.png", "vae-latent-beta.png"],
            sizes: ["vae-elbo.png": (200, 100), "vae-latent.png": (400, 400), "vae-grid.png": (400, 400),
                    "vae-reconstructions.png": (400, 100), "vae-latent-beta.png": (400, 400)],
            // The KL closed form is printed as a formula; the small reparameterization case has σ = 0.8.
            text: ["½ Σ (μ² + σ² − 1 − log σ²)", "z = μ + σ·ε", "0.80"],
            // Three KL rows (q‖p, and both directions of a 1-D pair), four reparameterization rows, seven ELBO rows.
            checkCount: 14,
            checks: ["KL(q‖p)", "KL(r‖p)", "KL(p‖r)", "reparameterized ∂L/∂μ", "∂(−ELBO)/∂encoder W₁"],
            more: { run in
                // Without the trick no gradient reaches μ: the text shows it as exactly 0.
                #expect(run.text.contains("∂L/∂μ = 0.0000"))
                #expect(FileManager.default.fileExists(atPath: run.directory + "/../models"))
            }),
        "gan": .init(
            files: ["gan-step-0.png", "gan-losses.png", "gan-collapse.png"],
            sizes: ["gan-step-0.png": (400, 400), "gan-losses.png": (200, 100), "gan-collapse.png": (400, 400)],
            text: ["min_G max_D", "−log D(G(z))"],
            // Two closed-form logit-gradient rows, five for D's loss, five for G's.
            checkCount: 12,
            checks: ["saturating Σ|∂L/∂logit|", "non-saturating Σ|∂L/∂logit|", "∂L_D/∂D.", "∂L_G/∂G."],
            more: { run in
                // Four snapshots of the usual run.
                #expect(run.report.files.filter { $0.contains("gan-step-") && $0.hasSuffix(".png") }.count == 4)
            }),
        "bugs": .init(
            files: ["trace-diff.png", "graph.png", "backprop.png", "backprop-bug1.png"],
            sizes: ["trace-diff.png": (200, 100), "graph.png": (200, 100), "backprop.png": (200, 100),
                    "backprop-bug1.png": (200, 100)],
            checkCount: 12,
            more: { run in
                // Each broken variant fails the gradient check and each fixed one passes, as the tables show.
                let fail = run.language == .zh ? "失败" : "FAIL", pass = run.language == .zh ? "通过" : "PASS"
                let verdicts = run.text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                #expect(verdicts.filter { $0.hasSuffix(fail) }.count == 6)
                #expect(verdicts.filter { $0.hasSuffix(pass) }.count == 6)
            }),
    ]
}
