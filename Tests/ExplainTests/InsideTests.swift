import Groundwork
import Datasets
import Foundation
import NN
import TensorGrad
import Testing
@testable import Explain

@Suite struct InsideTests {
    @Test func featureMapsCoverEveryConvAndPoolLayer() throws {
        let explainer = ExplainFixtures.explainer(ExplainFixtures.tinyCNN())
        let maps = try explainer.featureMaps(ExplainFixtures.image())
        #expect(maps.map(\.layer) == ["conv1", "pool1"])
        #expect(maps[0].channels == 3 && maps[0].height == 6 && maps[0].width == 6 && maps[0].values.count == 108)
        #expect(maps[1].height == 3 && maps[1].channel(2).count == 9)
        let filters = explainer.filters()
        #expect(filters.count == 1 && filters[0].weights.count == 27 && filters[0].bias.count == 3)
    }

    @Test func gradCAMCellsSitAtTheCentreOfTheirReceptiveField() {
        // The seed net: conv k5 → pool 2 → ReLU → conv k5: conv2's cell i is centred on input pixel 2i + 6.5.
        var g = SeededGenerator(seed: 1)
        let field = Explainer.receptiveField([Conv2d(1, 2, kernelSize: 5, generator: &g), MaxPool2d(2), ReLU(),
                                              Conv2d(2, 2, kernelSize: 5, generator: &g)])
        #expect(field.scale == 2 && field.offset == 6.5)
        let up = Explainer.resample([1, 1, 1, 1], width: 2, height: 2, toWidth: 5, toHeight: 5, scale: 2, offset: 1)
        #expect(up.allSatisfy { Swift.abs($0 - 1) < 1e-6 })
        // Cells at x = 1 and x = 3: 0 at and left of 1, 1 at and right of 3, halfway at 2.
        let ramp = Explainer.resample([0, 1], width: 2, height: 1, toWidth: 5, toHeight: 1, scale: 2, offset: 1)
        #expect(ramp == [0, 0, 0.5, 1, 1])
    }

    @Test func spearmanRanksWithTies() {
        #expect(Swift.abs(spearman([1, 2, 3, 4], [10, 20, 30, 40]) - 1) < 1e-12)
        #expect(Swift.abs(spearman([1, 2, 3, 4], [4, 3, 2, 1]) + 1) < 1e-12)
        #expect(ranks([5, 1, 5, 2]) == [3.5, 1, 3.5, 2])
        #expect(spearman([1, 1, 1], [1, 2, 3]) == 0)
    }

    @Test func sanityCheckCorrelationDropsAsLayersAreRandomised() throws {
        let model = ExplainFixtures.tinyCNN()
        let explainer = ExplainFixtures.explainer(model)
        let image = ExplainFixtures.image()
        let before = model.parameters.map(\.scalars)
        let check = try SanityCheck.run(explainer, image: image, methods: [.saliency, .gradxinput, .gradcam])
        #expect(check.cascade.map(\.layer) == ["fc", "conv1"])
        #expect(check.independent.map(\.layer) == ["fc", "conv1"])
        #expect(check.cascade.last!.randomised == ["fc", "conv1"])
        // The trained maps against themselves would be 1; random weights move the vanilla gradient far away.
        let rho = check.cascade.last!.correlation(.saliency)!
        #expect(rho < 0.6, "vanilla gradient after full randomisation still correlates \(rho)")
        #expect(!check.flagged.contains(.saliency))
        // Gradient × input keeps the input's imprint (Adebayo et al.), so it correlates more than the gradient.
        #expect(check.cascade.last!.correlation(.gradxinput)! > rho)
        // Weights are restored.
        #expect(model.parameters.map(\.scalars) == before)
    }

    @Test func backpropFlowReportsEveryLayer() {
        let model = ExplainFixtures.tinyCNN()
        let images = ExplainFixtures.image(seed: 9, count: 4 * 64)
        let flow = BackpropFlow.measure(model, images: images, labels: [0, 1, 2, 1], imageShape: [1, 8, 8])
        #expect(flow.layers.map(\.name) == model.layers.map(\.name))
        #expect(flow.layers.allSatisfy { $0.activationGradientNorm > 0 })
        #expect(flow.layers[0].parameterGradientNorm! > 0 && flow.layers[1].parameterGradientNorm == nil)
        #expect(flow.layers[0].outputShape == [3, 6, 6])
        #expect(flow.inputGradientNorm > 0 && flow.loss > 0)
        #expect(model.parameters.allSatisfy { ($0.grad?.scalars ?? [0]).allSatisfy { $0 == 0 } })
    }
}
