import Foundation
import Testing
@testable import Lessons
import Explain
import Render

@Suite struct SaliencyLessonTests {
    @Test(arguments: [Language.en, .zh])
    func explainsTwoClassesChecksCompletenessAndRunsTheSanityCheck(language: Language) throws {
        let parent = temporaryParent()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let (text, report) = try runModelLesson("saliency", language: language, parent: parent)
        let panels = report.files.filter { $0.hasSuffix("-panel.png") }
        #expect(panels.count == 2)
        #expect(report.files.contains { $0.hasSuffix("-sanity.png") })
        let names = Set(report.checks.map(\.name))
        #expect(names.contains { $0.hasPrefix("IG Σ attributions") })
        #expect(names.contains { $0.hasPrefix("|∂s/∂x|") })
        #expect(names.contains("weights restored: max|Δ Grad-CAM|"))
        #expect(text.contains("Grad-CAM"))
        let panel = try PNGImage.read(from: panels[0])
        #expect(panel.width > 800)
    }

    @Test func spearmanRecomputedMatchesExplain() {
        let a: [Float] = [0.1, 0.5, 0.5, 2, 3], b: [Float] = [1, 0, 2, 3, 5]
        #expect(abs(SanityStudy.rankCorrelation(a, b) - Double(Explain.spearman(a, b))) < 1e-12)
        #expect(abs(SanityStudy.rankCorrelation(a, a) - 1) < 1e-12)
    }
}
