import Datasets
import NN
import Testing
@testable import Explain

@Suite struct SaliencyTests {
    @Test func integratedGradientsSumToTheScoreDifference() throws {
        let explainer = ExplainFixtures.explainer(ExplainFixtures.smoothCNN())
        for seed in [5, 6, 7] as [UInt64] {
            let image = ExplainFixtures.image(seed: seed)
            for target in 0..<3 {
                let (map, check) = explainer.integratedGradients(image, target: target)
                #expect(map.values.count == 64)
                #expect(Swift.abs(check.scoreDifference) > 0.1)
                #expect(check.passed, "seed \(seed) class \(target): \(check.summary)")
                // The per-pixel map sums the same attributions (one channel).
                let total = map.values.reduce(0.0) { $0 + Double($1) }
                #expect(Swift.abs(total - check.attributionSum) < 1e-4)
            }
        }
    }

    @Test func everyMethodGivesOneValuePerInputPixel() throws {
        let explainer = ExplainFixtures.explainer(ExplainFixtures.tinyCNN())
        let explanation = try explainer.explain(ExplainFixtures.image())
        #expect(explanation.maps.map(\.method) == SaliencyMethod.allCases)
        for map in explanation.maps {
            #expect(map.width == 8 && map.height == 8 && map.values.count == 64, "\(map.method)")
            #expect(map.values.allSatisfy { $0.isFinite }, "\(map.method)")
            #expect(map.maxMagnitude > 0, "\(map.method) is all zero")
        }
        for method in [SaliencyMethod.saliency, .smoothgrad, .gradcam] {
            #expect(explanation.map(method)!.values.allSatisfy { $0 >= 0 }, "\(method) must be a magnitude")
        }
        #expect(explanation.completeness != nil)
        #expect(Swift.abs(explanation.probabilities.reduce(0, +) - 1) < 1e-9)
    }

    @Test func gradCAMNeedsAConvolution() {
        let explainer = ExplainFixtures.explainer(ExplainFixtures.regionModel())
        #expect(throws: ExplainError.noConvolution(method: "Grad-CAM")) {
            try explainer.gradCAM(ExplainFixtures.image(), target: 0)
        }
        #expect(throws: ExplainError.imageSize(found: 3, expected: [1, 8, 8])) {
            try explainer.explain([1, 2, 3])
        }
        #expect(throws: ExplainError.classOutOfRange(index: 9, classes: 2)) {
            try explainer.explain(ExplainFixtures.image(), target: 9)
        }
    }

    @Test func occlusionLightsUpTheRegionALinearModelLooksAt() {
        let explainer = ExplainFixtures.explainer(ExplainFixtures.regionModel())
        let image = [Float](repeating: 1, count: 64)
        let map = explainer.occlusion(image, target: 0).values
        let best = map.indices.max { map[$0] < map[$1] }!
        #expect(ExplainFixtures.inRegion(best))
        for i in 0..<64 {
            let (r, c) = (i / 8, i % 8)
            // A 4×4 window at even offsets covering pixel (r, c) reaches at most 3 pixels away.
            let far = r + 3 < ExplainFixtures.rows.lowerBound || r - 3 >= ExplainFixtures.rows.upperBound
                || c + 3 < ExplainFixtures.columns.lowerBound || c - 3 >= ExplainFixtures.columns.upperBound
            if far { #expect(map[i] == 0, "pixel (\(r), \(c)) is far from the region but scored \(map[i])") }
            if ExplainFixtures.inRegion(i) { #expect(map[i] > 0) }
        }
        // The vanilla gradient of a linear score is the weight mask itself.
        let gradient = explainer.vanillaGradient(image, target: 0).values
        #expect(gradient == (0..<64).map { ExplainFixtures.inRegion($0) ? 1 : 0 })
    }

    @Test func smoothGradIsSeeded() {
        let explainer = ExplainFixtures.explainer(ExplainFixtures.tinyCNN())
        let image = ExplainFixtures.image()
        #expect(explainer.smoothGrad(image, target: 1) == explainer.smoothGrad(image, target: 1))
    }
}
