import Foundation
import Render

// The parts of the terminal renderer that know typography rather than Markdown: Chinese line-breaking
// punctuation, pipe tables aligned by display width, and quote/minus fixes in running text.
extension MarkdownTerminal {
    /// Punctuation that must not begin a line in Chinese text.
    static let closingPunctuation: Set<String> = ["，", "。", "：", "；", "！", "？", "、", "）", "》", "」", "』", "”", "…"]
    /// Punctuation that must not end a line in Chinese text.
    static let openingPunctuation: Set<String> = ["（", "《", "「", "『", "“"]

    /// A pipe table's rows as aligned columns (display width, CJK counted as two), the header underlined; the
    /// `|---|` separator row sets each column's alignment (`---:` right, `:---:` centre is read as left).
    func renderTable(_ rows: [String]) -> [String] {
        func cells(_ row: String) -> [String] {
            var body = Substring(row.trimmingCharacters(in: .whitespaces))
            if body.hasPrefix("|") { body = body.dropFirst() }
            if body.hasSuffix("|") { body = body.dropLast() }
            return body.split(separator: "|", omittingEmptySubsequences: false).map {
                inline(MarkdownTerminal.typeset($0.trimmingCharacters(in: .whitespaces)))
            }
        }
        let isRule = { (row: String) in
            row.allSatisfy { "|-: ".contains($0) } && row.contains("-")
        }
        var right: [Bool] = []
        var parsed: [[String]] = []
        var ruleAfter: Int?
        for row in rows {
            if isRule(row) {
                right = cells(row).map { $0.hasSuffix(":") && !$0.hasPrefix(":") }
                ruleAfter = parsed.count
            } else {
                parsed.append(cells(row))
            }
        }
        let count = parsed.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: count)
        for row in parsed { for (i, c) in row.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(c)) } }
        var lines: [String] = []
        for (r, row) in parsed.enumerated() {
            if r == ruleAfter {
                lines.append("  " + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
            }
            let padded = (0..<count).map { i -> String in
                let c = i < row.count ? row[i] : ""
                let pad = String(repeating: " ", count: widths[i] - DisplayWidth.of(c))
                return i < right.count && right[i] ? pad + c : c + pad
            }
            var line = "  " + padded.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append(line)
        }
        return lines
    }

    /// Typographic fixes applied to running text: in a line with Chinese characters, ASCII "…" pairs become
    /// “…”; `+ -0.9` (a sum with a negative term) becomes `− 0.9`.
    static func typeset(_ text: String) -> String {
        let result = text.replacingOccurrences(of: #"\+ [-−]\s?(?=[0-9.])"#, with: "− ", options: .regularExpression)
        guard result.unicodeScalars.contains(where: isWide), result.contains("\"") else { return result }
        var out = "", open = true, code = false
        for ch in result {
            if ch == "`" { code.toggle() }
            if ch == "\"", !code {
                out.append(open ? "“" : "”")
                open.toggle()
            } else {
                out.append(ch)
            }
        }
        return open ? out : result   // an unpaired quote is left as written
    }

    static func columns(_ text: String) -> Int { DisplayWidth.of(text) }

    static func isWide(_ scalar: Unicode.Scalar) -> Bool { DisplayWidth.columns(scalar) == 2 }
}
