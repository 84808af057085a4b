import Foundation
import Testing
@testable import Lessons
import Render

@Suite struct BackpropLessonTests {
    @Test(arguments: [Language.en, .zh])
    func runsWritesItsPicturesAndPassesItsSelfCheck(language: Language) throws {
        let (text, report, dir) = try runLessonQuickly("backprop", language: language)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(report.passed)
        #expect(!text.contains("{{"))
        // The classic numbers of this neuron, computed: o = tanh(0.6) and its local derivative 1 − o².
        #expect(text.contains("tanh(0.6000) = 0.5370"))
        #expect(text.contains("0.7116"))
        for name in ["graph.png", "backprop.png", "backprop-step-01.png", "moons.png", "trace.json"] {
            #expect(report.files.contains(dir + "/" + name), "missing \(name)")
        }
        let moons = try PNGImage.read(from: dir + "/moons.png")
        #expect(moons.width > 600 && moons.height > 500)
        let graph = try PNGImage.read(from: dir + "/graph.png")
        #expect(graph.width > 400)
    }

    @Test func everyShownNeuronGradientIsChecked() throws {
        let (_, report, dir) = try runLessonQuickly("backprop", language: .en)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let names = Set(report.checks.map(\.name))
        for variable in ["x1", "w1", "x2", "w2", "b"] { #expect(names.contains("∂o/∂" + variable)) }
        #expect(report.checks.count >= 13)
    }
}
