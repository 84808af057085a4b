import Testing
@testable import Lessons
import Render

@Suite struct ForwardLessonTests {
    @Test(arguments: [Language.en, .zh]) func runsQuicklyWithAPassingSelfCheck(_ language: Language) throws {
        let (report, text) = try LessonSmoke.run("forward", language: language)
        for name in ["architecture.png", "architecture.dot", "trace.png", "boundary.png", "boundary.svg"] {
            #expect(report.files.contains { $0.hasSuffix("/" + name) }, "\(name) not written")
        }
        for shape in ["[50, 2]", "[2, 8]", "[50, 8]", "[50, 1]"] { #expect(text.contains(shape)) }
        #expect(text.contains("**33"))
    }

    @Test func architectureDiagramHasOneRecordPerLayerAndShapeLabels() {
        let dot = ForwardLesson.architectureDOT(ForwardLesson.Parameters(seed: 1), points: 50, zh: false)
        #expect(dot.components(separatedBy: "shape=record").count == 2)
        #expect(dot.contains("l0 -> l1 [label=\"[50, 2]\"]"))
        #expect(dot.contains("l3 -> l4 [label=\"[50, 1]\"]"))
        #expect(dot.contains("W₁ 2×8 + b₁ 8 = 24 parameters"))
        #expect(dot.contains("33 parameters in total"))
    }
}
