import Testing
@testable import Lessons
import Render

@Suite struct LossesLessonTests {
    @Test(arguments: [Language.en, .zh]) func runsQuicklyWithAPassingSelfCheck(_ language: Language) throws {
        let (report, text) = try LessonSmoke.run("losses", language: language)
        #expect(report.files.contains { $0.hasSuffix("/bce-vs-mse.png") })
        #expect(report.files.contains { $0.hasSuffix("/logit-gradient.png") })
        // MSE of (2.5, 0, 2.1, 7.8) against (3, −0.5, 2, 7) = (0.25 + 0.25 + 0.01 + 0.64)/4.
        #expect(text.contains("**0.2875**"))
    }

    @Test func klDivergenceIsAsymmetric() {
        let pq = LossesLesson.vector(LossesLesson.q).log().klDiv(LossesLesson.vector(LossesLesson.p), reduction: .sum)
        let qp = LossesLesson.vector(LossesLesson.p).log().klDiv(LossesLesson.vector(LossesLesson.q), reduction: .sum)
        #expect(abs(pq.item - qp.item) > 0.01)
    }
}
