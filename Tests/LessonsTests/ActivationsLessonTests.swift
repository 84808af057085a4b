import Testing
@testable import Lessons
import Render

@Suite struct ActivationsLessonTests {
    @Test(arguments: [Language.en, .zh]) func runsQuicklyWithAPassingSelfCheck(_ language: Language) throws {
        let (report, text) = try LessonSmoke.run("activations", language: language)
        for name in ["activations", "derivatives", "saturation"] {
            #expect(report.files.contains { $0.hasSuffix("/\(name).png") })
            #expect(report.files.contains { $0.hasSuffix("/\(name).svg") })
        }
        // The bound on ten sigmoid factors: 0.25¹⁰ = 9.537e-07.
        #expect(text.contains("9.537e-07"))
        #expect(text.contains("**0.2500**"))
    }

    @Test func sigmoidChainLosesMoreGradientThanTanhAndReLU() {
        let sigmoid = ActivationsLesson.chain(.sigmoid, from: .init(1))
        sigmoid.last!.backward()
        let tanh = ActivationsLesson.chain(.tanh, from: .init(1))
        tanh.last!.backward()
        #expect(sigmoid[0].grad < 0.25 * 0.25 * 0.25 * 0.25 * 0.25 * 0.25 * 0.25 * 0.25 * 0.25 * 0.25)
        #expect(tanh[0].grad > 1000 * sigmoid[0].grad)
    }
}
