import Testing
@testable import Lessons
import Render

@Suite struct NeuronLessonTests {
    @Test(arguments: [Language.en, .zh]) func runsQuicklyWithAPassingSelfCheck(_ language: Language) throws {
        let (report, text) = try LessonSmoke.run("neuron", language: language)
        #expect(report.files.contains { $0.hasSuffix("/graph.png") })
        #expect(report.files.contains { $0.hasSuffix("/backprop.png") })
        // z = 2·0.6 + (−1)·0.9 + 0.5·(−0.4) + 0.5 = 0.6; σ(0.6) = 0.6457, σ′ = 0.2288, tanh′ = 0.7116.
        #expect(text.contains("z = 0.6000"))
        #expect(text.contains("0.6457") && text.contains("0.2288") && text.contains("0.7116"))
        #expect(report.checks.count == 18)
    }
}
