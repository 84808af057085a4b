import Datasets
import Foundation
import Groundwork
import NN
import Explain
import Render
import Testing
@testable import Showcase

@Suite struct CNNInspectionTests {
    /// An untrained seed-architecture network over twelve seeded noise images: enough to check the plumbing.
    static func inspection() -> CNNInspection {
        var g = SeededGenerator(seed: 5)
        let images = (0..<(12 * 784)).map { _ in Float(g.nextUnit() * 2 - 0.5) }
        let test = ImageDataset(images: images, labels: (0..<12).map { $0 % 10 }, rows: 28, cols: 28,
                                classNames: DatasetKind.fashionMNIST.classNames, normalization: .unitInterval)
        return CNNInspection(model: Architecture.seed.makeModel(seed: 3, stream: RandomStream(seed: 3)), test: test,
                             name: "untrained")
    }

    @Test func theViewHasEveryLayerTheSixMapsAndIntegratedGradientsCompleteness() throws {
        let inspection = Self.inspection()
        let view = try inspection.view(index: 2, language: .en)
        #expect(view.layers.map(\.name) == ["conv1", "pool1", "relu1", "conv2", "conv2_drop", "pool2", "relu2"]
            .filter { name in view.layers.contains { $0.name == name } })
        #expect(view.layers.first?.name == "conv1" && view.layers.first?.channels == 10)
        #expect(view.layers.allSatisfy { $0.maps.count == $0.channels })
        #expect(view.saliency.map(\.method) == ["saliency", "gradxinput", "smoothgrad", "ig", "gradcam", "occlusion"])
        #expect(view.saliency.allSatisfy { !$0.definition.isEmpty && $0.image.hasPrefix("data:image/png;base64,") })
        let c = try #require(view.completeness)
        #expect(c.relativeError <= c.tolerance && c.passed)
        let probabilitySum: Double = view.probabilities.reduce(0, +)
        #expect(abs(probabilitySum - 1) < 1e-5)
        #expect(view.filters.map(\.layer) == ["conv1", "conv2"])
        #expect(view.label == 2 && view.index == 2)
    }

    @Test func receptiveFieldsComposeKernelsAndStrides() {
        let fields = Self.inspection().receptiveFields()
        // conv 5×5 → 5; pool 2 → 6, jump 2; conv 5×5 → 6 + 4·2 = 14; pool 2 → 16, jump 4.
        #expect(fields["conv1"] == .init(size: 5, jump: 1, start: 0))
        #expect(fields["pool1"] == .init(size: 6, jump: 2, start: 0))
        #expect(fields["conv2"] == .init(size: 14, jump: 2, start: 0))
        #expect(fields["pool2"] == .init(size: 16, jump: 4, start: 0))
    }

    @Test func theGalleryFiltersByClassMistakesAndConfidence() throws {
        let inspection = Self.inspection()
        let all = try inspection.gallery(filter: .all, limit: 50)
        #expect(all.map(\.index) == Array(0..<12))
        let shirts = try inspection.gallery(filter: .all, label: 3)
        #expect(shirts.map(\.index) == [3])
        let wrong = try inspection.gallery(filter: .misclassified)
        #expect(wrong.allSatisfy { $0.predicted != $0.label })
        let unsure = try inspection.gallery(filter: .leastConfident).map(\.confidence)
        #expect(unsure == unsure.sorted())
        #expect(try inspection.gallery(filter: .all, limit: 3).count == 3)
    }

    @Test func theSanityCheckReportsProgressAfterEveryMethodAndRestoresTheWeights() throws {
        let inspection = Self.inspection()
        let before = inspection.model.parameters.map(\.scalars)
        var seen: [Int] = []
        let (image, _) = try inspection.image(1)
        let result = try inspection.sanity(image, language: .zh) { done, total in
            #expect(total == 6)
            seen.append(done)
        }
        #expect(seen == [0, 1, 2, 3, 4, 5, 6])
        #expect(result.rows.count == 6 && result.layers == ["fc2", "fc1", "conv2", "conv1"])
        #expect(result.rows.allSatisfy { $0.images.count == 5 && $0.correlations.count == 4 })
        #expect(result.rows[0].title == "梯度 |∂s/∂x|")
        #expect(inspection.model.parameters.map(\.scalars) == before)
    }

    @Test func anImageOutsideTheTestSetIsRefusedWithTheRange() {
        #expect(throws: (any Error).self) { try Self.inspection().view(index: 12, language: .en) }
    }

    @Test func chineseClassNamesForFashionMNIST() throws {
        let view = try Self.inspection().view(index: 0, language: .zh)
        #expect(view.classNames[0] == "T恤/上衣")
        #expect(view.saliency[3].title == "积分梯度")
    }
}

extension CNNInspectionTests {
    @Test func relabellingAnEnglishViewGivesTheChineseView() throws {
        let inspection = Self.inspection()
        let english = try inspection.view(index: 4, language: .en)
        let relabelled = inspection.relabeled(english, language: .zh)
        let chinese = try inspection.view(index: 4, language: .zh)
        #expect(relabelled.classNames == chinese.classNames)
        #expect(relabelled.saliency.map(\.title) == chinese.saliency.map(\.title))
        #expect(relabelled.saliency.map(\.definition) == chinese.saliency.map(\.definition))
        #expect(relabelled.filters.map(\.caption) == chinese.filters.map(\.caption))
        #expect(relabelled.saliency.map(\.image) == english.saliency.map(\.image))
    }
}

extension CNNInspectionTests {
    @Test func aMapAskedForAloneIsTheMapOfTheFullViewAndOfExplain() throws {
        let inspection = Self.inspection()
        let full = try inspection.view(index: 5, language: .en)
        let bare = try inspection.view(index: 5, language: .en, maps: false)
        #expect(bare.saliency.map(\.image) == Array(repeating: "", count: 6) && bare.completeness == nil)
        #expect(bare.layers.map(\.maps) == full.layers.map(\.maps))
        let (image, _) = try inspection.image(5)
        let explained = try inspection.explainer.explain(image)
        for (k, method) in SaliencyMethod.allCases.enumerated() {
            let (entry, completeness) = try inspection.saliency(method, image, language: .en)
            #expect(entry.image == full.saliency[k].image, "\(method)")
            #expect(entry.image == (try PlaygroundSession.dataURL(
                ExplainFigures.overlay(HeatTile(explained.maps[k]), on: image))), "\(method) as explain draws it")
            #expect((completeness != nil) == (method == .ig))
        }
    }

    @Test func filterGridsNameTheLayerTheirRowsRead() throws {
        let filters = try Self.inspection().filterGrids(.en)
        #expect(filters.map(\.inputLayer) == ["input", "relu1"])
        #expect(filters[1].outChannels == 20 && filters[1].inChannels == 10 && filters[1].tileWidth == 40)
    }
}
