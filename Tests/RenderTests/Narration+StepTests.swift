import Testing
@testable import Render
import Tracing

/// The explorer highlights a backward step's narration beside its flipbook frame, and explains any node it is
/// clicked on: both rest on these.
@Suite struct NarrationStepTests {
    @Test func everyBackwardLineOfAStepCarriesThatStepInOrder() {
        for trace in [Fixtures.neuron, Fixtures.reused] {
            let steps = BackwardPlan(trace).steps.count
            let tagged = Narration.backward(trace).lines.compactMap(\.step)
            #expect(tagged == tagged.sorted())
            #expect(Set(tagged) == Set(0..<steps))
            #expect(tagged.count == Narration.backward(trace).lines.filter { $0.kind == .backward || $0.kind == .total }
                .count - 1)  // all but the seed line ∂L/∂L = 1, which comes before any step
            #expect(TraceDOT.frames(trace).count == steps)
        }
    }

    @Test func whyOfAnIntermediateNodeSumsItsPathsToTheOutput() throws {
        let trace = Fixtures.reused
        let product = try #require(trace.nodes.first { $0.op == "mul" }?.id)
        let why = try Narration.why(trace, node: product)
        #expect(why.lines.last?.kind == .check && why.lines.last?.passed == true)
        #expect(why.lines.filter { $0.kind == .path }.count == 1)
    }
}
