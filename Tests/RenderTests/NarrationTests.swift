import Foundation
import Testing
@testable import Render
import Tracing

@Suite struct NarrationTests {
    @Test func neuronNarrationInEnglishMatchesGolden() {
        let narration = Narration.full(Fixtures.neuron, language: .en)
        #expect(narration.lines.map(\.text) == NarrationGolden.neuronEnglish)
        #expect(narration.lines.first?.kind == .heading)
        #expect(narration.lines.last?.kind == .check && narration.lines.last?.passed == true)
    }

    @Test func neuronNarrationInChineseMatchesGolden() {
        #expect(Narration.full(Fixtures.neuron, language: .zh).lines.map(\.text) == NarrationGolden.neuronChinese)
    }

    @Test func reusedNodeNarratesRunningSumAndTotal() {
        let lines = Narration.backward(Fixtures.reused).lines
        #expect(lines.map(\.text).contains(
            "∂L/∂x += ∂L/∂(x·x) · ∂(x·x)/∂x = 1.0000 × 3.0000 = 3.0000  (as input 1; so far 4.0000)"))
        let total = lines.first { $0.kind == .total }
        #expect(total?.text == "∂L/∂x = 1.0000 + 3.0000 + 3.0000 = 7.0000  (x is used 3 times, so its contributions add up)")
    }

    @Test func whySumsEveryPathOfXTimesXPlusX() throws {
        let why = try Narration.why(Fixtures.reused, variable: "x")
        #expect(why.lines.filter { $0.kind == .path }.map(\.text) == [
            "path 1: x → x·x (input 1) → L: 3.0000 × 1.0000 = 3.0000",
            "path 2: x → x·x (input 2) → L: 3.0000 × 1.0000 = 3.0000",
            "path 3: x → L: 1.0000",
        ])
        #expect(why.lines.first { $0.kind == .sum }?.text == "3.0000·1.0000 + 3.0000·1.0000 + 1.0000 = 7.0000 = ∂L/∂x")
        #expect(why.lines.last == NarrationLine(.check, "equals the gradient backward computed: 7.0000", passed: true))
        let zh = try Narration.why(Fixtures.reused, variable: "x", language: .zh)
        #expect(zh.lines[0].text == "为什么 ∂L/∂x = 7.0000：把从 x 到 L 的每条路径加起来")
        #expect(zh.lines.contains { $0.text == "路径 3：x → L：1.0000" })
    }

    @Test func whyOnTheNeuronFollowsTheOnlyPath() throws {
        let why = try Narration.why(Fixtures.neuron, variable: "w1")
        #expect(why.lines.contains { $0.text == "path 1: w1 → x1·w1 → n1 → n → o: "
                                        + "2.0000 × 1.0000 × 1.0000 × 0.5000 = 1.0000" })
        #expect(why.lines.last?.passed == true)
    }

    @Test func whyFlagsAGradientThatDisagrees() throws {
        var trace = Fixtures.reused
        trace.nodes[0].grad = TensorSummary(scalar: 6)
        #expect(try Narration.why(trace, variable: "x").lines.last?.passed == false)
        let backward = Narration.backward(trace).lines.last
        #expect(backward?.passed == false && backward?.text.contains("x: 7.0000 ≠ 6.0000") == true)
    }

    @Test func whyNamesTheAvailableVariablesWhenOneIsUnknown() {
        #expect(throws: NarrationError.unknownVariable("z", available: ["x1", "w1", "x2", "w2", "b"])) {
            try Narration.why(Fixtures.neuron, variable: "z")
        }
        #expect(throws: NarrationError.noScalarGradients(title: "fc → relu → sum")) {
            try Narration.why(Fixtures.tensor(level: .full), variable: "input")
        }
        let message = NarrationError.unknownVariable("z", available: ["x"]).description
        #expect(message.contains("'z'") && message.contains("expected one of: x"))
    }

    @Test func forwardSubstitutesNumbersForEachOp() {
        let lines = Narration.forward(Fixtures.withConstant).lines.map(\.text)
        #expect(lines == ["Forward pass: (a + 2)^2", "a = 1.5000  (input)", "a + 2 = 1.5000 + 2.0000 = 3.5000",
                          "y = (a + 2)^2 = 3.5000^2 = 12.2500"])
        #expect(!Narration.backward(Fixtures.withConstant).text.contains("∂y/∂2"))
    }

    @Test func tensorNarrationGivesShapesAndSummaries() {
        let text = Narration.full(Fixtures.tensor(level: .full)).text
        #expect(text.contains("input = 1×4 [1, -2, 0.5, 3]  (input)"))
        #expect(text.contains("loss = sum(relu(n1)) → 1.5000"))
        #expect(text.contains("∂loss/∂fc.weight ← matmul: 4×3 min 0.2500 max 0.2500 norm 0.8660"))
    }

    @Test func numbersAreFormattedOneWay() {
        #expect(fmt(-0.0) == "0.0000")
        #expect(fmt(-0.00001) == "0.0000")
        #expect(fmt(-1.5) == "-1.5000")
        #expect(fmt(0.70710678, digits: 2) == "0.71")
        #expect(fmt(.nan) == "nan" && fmt(-.infinity) == "-inf")
        #expect(NumberFormat.compact(2.5000) == "2.5" && NumberFormat.compact(-0.00001) == "0")
        #expect(NumberFormat.shape([8, 26, 26]) == "8×26×26" && NumberFormat.shape([]) == "scalar")
    }
}
