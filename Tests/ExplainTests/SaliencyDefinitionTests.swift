import Groundwork
import NN
import TensorGrad
import Testing
@testable import Explain

/// The definitions the saliency lesson cites: Grad-CAM as Selvaraju et al. wrote it, Integrated Gradients that keep
/// adding points until completeness holds, and sanity verdicts that rest on several random draws.
@Suite struct SaliencyDefinitionTests {
    /// ReLU(Σ αₖ Aₖ) on the conv output, bilinear with half-pixel centres, written out independently.
    @Test func standardGradCAMIsSelvarajuDefinitionUpsampledBilinearly() throws {
        let explainer = ExplainFixtures.explainer(ExplainFixtures.tinyCNN())
        let image = ExplainFixtures.image()
        let target = 1
        let (a, g) = explainer.inEvaluation { () -> ([Float], [Float]) in
            let outputs = explainer.layerOutputs(explainer.batch(image, count: 1, requiresGrad: true))
            outputs.last!.slice(axis: 1, target..<(target + 1)).sum().backward()
            return (outputs[0].scalars, outputs[0].grad!.scalars)
        }
        let (k, n) = (3, 6)   // conv1: 3 channels of 6×6
        var cam = [Double](repeating: 0, count: n * n)
        for c in 0..<k {
            let alpha = (0..<(n * n)).reduce(0.0) { $0 + Double(g[c * n * n + $1]) } / Double(n * n)
            for i in 0..<(n * n) { cam[i] += alpha * Double(a[c * n * n + i]) }
        }
        cam = cam.map { max(0, $0) }
        func sample(_ v: Double) -> Double { min(max((v + 0.5) * Double(n) / 8 - 0.5, 0), Double(n - 1)) }
        let map = try explainer.gradCAM(image, target: target)
        var worst = 0.0
        for y in 0..<8 {
            for x in 0..<8 {
                let sy = sample(Double(y)), sx = sample(Double(x))
                let y0 = Int(sy), x0 = Int(sx), y1 = min(y0 + 1, n - 1), x1 = min(x0 + 1, n - 1)
                let fy = sy - Double(y0), fx = sx - Double(x0)
                let expected = (cam[y0 * n + x0] * (1 - fx) + cam[y0 * n + x1] * fx) * (1 - fy)
                    + (cam[y1 * n + x0] * (1 - fx) + cam[y1 * n + x1] * fx) * fy
                worst = max(worst, abs(expected - Double(map.values[y * 8 + x])))
            }
        }
        #expect(worst < 1e-5, "standard Grad-CAM differs from ReLU(Σα·A) by \(worst)")
        #expect(cam.contains { $0 > 0 }, "the fixture's map must not be all zero")
    }

    @Test func rectifiedGradCAMIsANamedVariantThatDiffers() throws {
        var explainer = ExplainFixtures.explainer(ExplainFixtures.tinyCNN())
        #expect(explainer.settings.gradCAMVariant == .standard)
        let image = ExplainFixtures.image()
        let standard = try explainer.gradCAM(image, target: 1)
        explainer.settings.gradCAMVariant = .rectified
        let rectified = try explainer.gradCAM(image, target: 1)
        #expect(standard.values != rectified.values)
        #expect(GradCAMVariant(rawValue: "rectified") == .rectified)
    }

    @Test func integratedGradientsAddStepsUntilCompletenessHolds() {
        var explainer = ExplainFixtures.explainer(ExplainFixtures.tinyCNN())
        explainer.settings.integratedGradientsSteps = 2
        explainer.settings.completenessTolerance = 0.001
        let image = ExplainFixtures.image()
        var doubled = 0
        for target in 0..<3 {
            let fixed = explainer.integratedGradients(image, target: target, adaptive: false).check
            #expect(fixed.steps == 2)
            let adaptive = explainer.integratedGradients(image, target: target).check
            #expect(adaptive.passed, "class \(target): \(adaptive.summary)")
            #expect(adaptive.summary.contains("\(adaptive.steps) steps"))
            if !fixed.passed {
                #expect(adaptive.steps > 2)
                doubled += 1
            }
        }
        #expect(doubled > 0, "2 midpoints should miss a 0.1 % tolerance on the ReLU net for some class")
    }

    @Test func integratedGradientsStopAtTheStepCap() {
        var explainer = ExplainFixtures.explainer(ExplainFixtures.tinyCNN())
        explainer.settings.integratedGradientsSteps = 2
        explainer.settings.integratedGradientsMaxSteps = 4
        explainer.settings.completenessTolerance = 0
        let check = explainer.integratedGradients(ExplainFixtures.image(), target: 0).check
        #expect(check.steps == 4)
    }

    @Test func sanityVerdictNeedsEveryDrawToAgree() throws {
        let explainer = ExplainFixtures.explainer(ExplainFixtures.tinyCNN())
        let draws = try SanityDraws.run(explainer, image: ExplainFixtures.image(),
                                        methods: [.saliency, .gradxinput, .gradcam], seeds: [1, 2, 3, 4, 5])
        #expect(draws.finals.count == 5 && draws.finals.allSatisfy { $0.count == 3 })
        #expect(draws.first.independent.count == 2)
        for m in draws.methods {
            let s = draws.spread(m)
            #expect(s.min <= s.mean && s.mean <= s.max)
            let expected: SanityDraws.Verdict = s.min >= draws.threshold ? .flagged : s.max < draws.threshold ? .passes : .unstable
            #expect(draws.verdict(m) == expected)
        }
        // A made-up spread: one draw below the threshold is enough to withhold the verdict.
        var made = draws
        made.finals = [[0.6, 0.2, 0.9], [0.7, 0.1, 0.4], [0.8, 0.3, 0.8]]
        #expect(made.verdict(.saliency) == .flagged)
        #expect(made.verdict(.gradxinput) == .passes)
        #expect(made.verdict(.gradcam) == .unstable)
    }
}
