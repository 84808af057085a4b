import Foundation
import Testing
@testable import Render

@Suite struct TerminalTests {
    @Test func tableRightAlignsNumbersUnderARule() {
        let table = Table(header: ["node", "data", "grad"],
                          rows: [["x1", "2.0000", "-1.5000"], ["x1·w1 + x2·w2", "-6.0000", "0.5000"]])
        #expect(table.render() == """
            node              data     grad
            ───────────────────────────────
            x1              2.0000  -1.5000
            x1·w1 + x2·w2  -6.0000   0.5000
            """)
        let lines = table.render().split(separator: "\n").map(String.init)
        #expect(Set(lines.map(DisplayWidth.of)).count == 1)
    }

    @Test func chineseCountsTwoColumnsSoTablesAlign() {
        #expect(DisplayWidth.of("梯度") == 4)
        #expect(DisplayWidth.of("grad 梯度") == 9)
        #expect(DisplayWidth.of("\u{1B}[1mbold\u{1B}[0m") == 4)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        let table = Table(header: ["节点", "梯度"], rows: [["x1", "-1.5000"], ["权重 w1", "1.0000"]])
        let lines = table.render().split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines.allSatisfy { DisplayWidth.of($0) == DisplayWidth.of(lines[1]) })
        #expect(lines[2] == "x1       -1.5000")
        #expect(lines[3] == "权重 w1   1.0000")
    }

    @Test func wideTablesShrinkToFitTheLimit() {
        let long = String(repeating: "a", count: 150)
        let table = Table(header: ["name", "value"], rows: [[long, "1.0"]], maxWidth: 100)
        let lines = table.render().split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 100 })
        #expect(lines[2].contains("…") && lines[2].hasSuffix("1.0"))
        #expect(DisplayWidth.truncate("梯度梯度", to: 5) == "梯度…")
    }

    @Test func alignmentCanBeForcedAndTextStaysLeft() {
        let table = Table(rows: [["1", "abc"], ["22", "d"]], alignments: [.left, .right], rule: false)
        #expect(table.render() == "1   abc\n22    d")
        #expect(Table.isNumber("−2.5") && Table.isNumber("12%") && !Table.isNumber("x1"))
    }

    @Test func styleColoursOnlyATerminalWithoutNoColor() {
        #expect(Style.automatic(isTerminal: true, environment: [:]).enabled)
        #expect(!Style.automatic(isTerminal: true, environment: ["NO_COLOR": "1"]).enabled)
        #expect(!Style.automatic(isTerminal: false, environment: [:]).enabled)
        #expect(Style.plain.bold("x") == "x")
        #expect(Style(enabled: true).bold("x") == "\u{1B}[1mx\u{1B}[0m")
        #expect(Style.plain.mark(true) == "✓" && Style.plain.mark(false) == "✗")
        #expect(Style(enabled: true).mark(false).contains("\u{1B}[31m"))
    }

    @Test func narrationRendersWithHeadingsAndMarks() {
        let text = Style.plain.render(Narration.full(Fixtures.neuron))
        #expect(text.hasPrefix("Forward pass: tanh(x1*w1 + x2*w2 + b)\n──────"))
        #expect(text.contains("\n\nBackward pass"))
        #expect(text.hasSuffix("✓ Every value above equals the gradient recorded by backward."))
    }
}
