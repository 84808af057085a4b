import Foundation
import Testing
@testable import Lessons
import Explain
import Showcase

/// The shared seed net across runs: trained once, reused after, retrained when its file is bad.
@Suite struct CNNScenarioTests {
    /// Where a lesson writing into `directory` keeps the quick seed net's checkpoint (`<parent>/models/`).
    static func checkpoint(besides directory: String) -> String {
        let parent = (directory as NSString).deletingLastPathComponent
        return SeedNet.configuration(seed: 1, quick: true, modelsDirectory: parent + "/models").resolvedCheckpointPath
    }

    @Test func aSecondRunReusesTheCheckpointAndSaysSo() throws {
        let parent = LessonSmoke.temporaryParent()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let first = try LessonSmoke.run("cnn", language: .en, parent: parent)
        #expect(!first.text.contains("reused the checkpoint"))
        let again = try LessonSmoke.run("cnn", language: .en, parent: parent)
        #expect(again.text.contains("reused the checkpoint"))
    }

    @Test func aCorruptCheckpointIsRetrainedAndTheTextSaysWhy() throws {
        let parent = LessonSmoke.temporaryParent()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let context = LessonContext(outputDirectory: parent + "/cnn", quick: true, command: "", emit: { _ in })
        let path = Self.checkpoint(besides: context.outputDirectory)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data("not a checkpoint".utf8).write(to: URL(fileURLWithPath: path))
        let net = try SeedNet.obtain(context)
        #expect(net.trained)
        #expect(net.rejected != nil)
        #expect(try SeedNet.obtain(context).trained == false)
    }
}

/// Pieces of single lessons worth checking on their own, without running the lesson.
@Suite struct LessonPartsTests {
    @Test func sigmoidChainLosesMoreGradientThanTanhAndReLU() {
        let sigmoid = ActivationsLesson.chain(.sigmoid, from: .init(1))
        sigmoid.last!.backward()
        let tanh = ActivationsLesson.chain(.tanh, from: .init(1))
        tanh.last!.backward()
        #expect(sigmoid[0].grad < 0.25 * 0.25 * 0.25 * 0.25 * 0.25 * 0.25 * 0.25 * 0.25 * 0.25 * 0.25)
        #expect(tanh[0].grad > 1000 * sigmoid[0].grad)
    }

    @Test func architectureDiagramHasOneRecordPerLayerAndShapeLabels() {
        let dot = ForwardLesson.architectureDOT(ForwardLesson.Parameters(seed: 1), points: 50, zh: false)
        #expect(dot.components(separatedBy: "shape=record").count == 2)
        #expect(dot.contains("l0 -> l1 [label=\"[50, 2]\"]"))
        #expect(dot.contains("l3 -> l4 [label=\"[50, 1]\"]"))
        #expect(dot.contains("W₁ 2×8 + b₁ 8 = 24 parameters"))
        #expect(dot.contains("33 parameters in total"))
    }

    @Test func klDivergenceIsAsymmetric() {
        let pq = LossesLesson.vector(LossesLesson.q).log().klDiv(LossesLesson.vector(LossesLesson.p), reduction: .sum)
        let qp = LossesLesson.vector(LossesLesson.p).log().klDiv(LossesLesson.vector(LossesLesson.q), reduction: .sum)
        #expect(abs(pq.item - qp.item) > 0.01)
    }

    @Test func spearmanRecomputedMatchesExplain() {
        let a: [Float] = [0.1, 0.5, 0.5, 2, 3], b: [Float] = [1, 0, 2, 3, 5]
        #expect(abs(SanityStudy.rankCorrelation(a, b) - Double(Explain.spearman(a, b))) < 1e-12)
        #expect(abs(SanityStudy.rankCorrelation(a, a) - 1) < 1e-12)
    }
}
