import Foundation
import Testing
@testable import Lessons
import Render

/// The terminal renderer's typesetting: tables aligned, list items wrapped under their marker, Chinese line
/// breaking (kinsoku) both ways, Chinese quotes, and a sum with a negative term written as a difference.
@Suite struct TerminalTypesettingTests {
    @Test func pipeTablesRenderAsAlignedColumns() {
        let text = "| update | first step / η |\n|---|---:|\n| with correction | 0.9999 |\n| 错误写法 | 3.1623 |"
        let lines = MarkdownTerminal(width: 80).render(text).split(separator: "\n").map(String.init)
        #expect(!lines.contains { $0.contains("|") }, "raw pipes left: \(lines)")
        #expect(lines.count == 4)
        // Right-aligned numbers end in the same display column; the header is underlined.
        #expect(Set(lines.dropFirst(2).map { DisplayWidth.of($0) }).count == 1)
        #expect(lines[1].contains("─"))
        #expect(lines[3].hasPrefix("  错误写法"))
    }

    @Test func aWrappedListItemKeepsItsIndentAndJoinsItsContinuationLines() {
        let text = "- **Gradient**: how fast the score changes when one pixel changes. Cheap, but\n  noisy, and blind to a pixel that matters.\n- second"
        let lines = MarkdownTerminal(width: 40).render(text).split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("- "))
        let item = lines.prefix { !$0.hasPrefix("- second") }
        #expect(item.count > 2)
        #expect(item.dropFirst().allSatisfy { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }, "\(lines)")
        #expect(item.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ").contains("but noisy"))
    }

    @Test func noChineseLineEndsWithOpeningPunctuation() {
        for shift in 0..<6 {
            let text = String(repeating: "梯", count: 14 + shift) + "（" + String(repeating: "度", count: 10) + "）"
                + String(repeating: "损", count: 20) + "「引号」" + String(repeating: "失", count: 30) + "。"
            let lines = MarkdownTerminal(width: 32).render(text).split(separator: "\n").map(String.init)
            for line in lines {
                #expect(!MarkdownTerminal.openingPunctuation.contains(String(line.suffix(1))), "\(lines)")
                #expect(!MarkdownTerminal.closingPunctuation.contains(String(line.prefix(1))), "\(lines)")
                #expect(DisplayWidth.of(line) <= 32)
            }
        }
    }

    @Test func chineseTextGetsChineseQuotesAndMinusSignsAreTypeset() {
        #expect(MarkdownTerminal(width: 80).render("称为\"交叉熵\"。") == "称为“交叉熵”。")
        #expect(MarkdownTerminal(width: 80).render("the \"cross-entropy\" here") == "the \"cross-entropy\" here")
        #expect(MarkdownTerminal(width: 80).render("z = 0.5 + -0.9") == "z = 0.5 − 0.9")
        #expect(MarkdownTerminal(width: 80).render("    z = 0.5 + -0.9") == "    z = 0.5 − 0.9")
    }
}
