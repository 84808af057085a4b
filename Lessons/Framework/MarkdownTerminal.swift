/// Turns a lesson's Markdown into terminal text: headings styled, paragraphs wrapped to the width
/// (counting CJK characters as two columns), tables, code and formulas left exactly as written.
public struct MarkdownTerminal {
    /// Maximum line width in columns.
    public var width: Int
    /// Whether to use ANSI styles (only on a TTY without NO_COLOR; the caller decides).
    public var color: Bool

    /// Makes a renderer.
    public init(width: Int = 100, color: Bool = false) {
        self.width = width
        self.color = color
    }

    /// Renders Markdown to terminal text.
    public func render(_ markdown: String) -> String {
        var out: [String] = []
        var paragraph: [String] = []
        var inCode = false
        func flushParagraph() {
            guard !paragraph.isEmpty else { return }
            out += wrap(paragraph.joined(separator: " "))
            paragraph = []
        }
        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            if line.hasPrefix("```") {
                flushParagraph()
                inCode.toggle()
                continue
            }
            if inCode {
                out.append("    " + style(line, "2"))
                continue
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                flushParagraph()
                out.append("")
            } else if trimmed.hasPrefix("#") {
                flushParagraph()
                let level = trimmed.prefix { $0 == "#" }.count
                let text = inline(trimmed.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces))
                if level == 1 {
                    out.append(style(text, "1;36"))
                    out.append(style(String(repeating: "═", count: min(width, MarkdownTerminal.columns(text))), "36"))
                } else {
                    out.append(style(text, "1;33"))
                }
            } else if trimmed.hasPrefix("|") || line.hasPrefix("    ") || trimmed.hasPrefix("$$") {
                flushParagraph()
                out.append(inline(line))
            } else if trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") || trimmed.first?.isNumber == true
                        && trimmed.contains(". ") && trimmed.prefix(4).contains(".") {
                flushParagraph()
                let indent = String(repeating: " ", count: trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") ? 2 : 3)
                let body = trimmed.hasPrefix("* ") ? "- " + trimmed.dropFirst(2) : Substring(trimmed)
                out += wrap(String(body), hanging: indent)
            } else if trimmed.hasPrefix(">") {
                flushParagraph()
                out += wrap(trimmed.dropFirst().trimmingCharacters(in: .whitespaces), prefix: "│ ")
            } else {
                paragraph.append(trimmed)
            }
        }
        flushParagraph()
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n")
    }

    /// Terminal columns taken by `text` (CJK and full-width characters count as two).
    public static func columns(_ text: String) -> Int {
        var n = 0
        var inEscape = false
        for scalar in text.unicodeScalars {
            if scalar == "\u{1B}" { inEscape = true; continue }
            if inEscape { if scalar == "m" { inEscape = false }; continue }
            n += isWide(scalar) ? 2 : (scalar.properties.generalCategory == .nonspacingMark ? 0 : 1)
        }
        return n
    }

    static func isWide(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6: return true
        default: return false
        }
    }

    private func style(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// `**bold**` and `` `code` `` spans.
    private func inline(_ text: String) -> String {
        var result = ""
        var bold = false, code = false
        var i = text.startIndex
        while i < text.endIndex {
            if text[i...].hasPrefix("**") {
                bold.toggle()
                if color { result += bold ? "\u{1B}[1m" : "\u{1B}[0m" }
                i = text.index(i, offsetBy: 2)
                continue
            }
            if text[i] == "`" {
                code.toggle()
                if color { result += code ? "\u{1B}[32m" : "\u{1B}[0m" }
                i = text.index(after: i)
                continue
            }
            result.append(text[i])
            i = text.index(after: i)
        }
        return result
    }

    /// Greedy wrap by display columns; breaks at spaces, or between CJK characters.
    private func wrap(_ text: String, prefix: String = "", hanging: String = "") -> [String] {
        let styled = inline(text)
        var lines: [String] = []
        var line = prefix, lineWidth = MarkdownTerminal.columns(prefix)
        var word = "", wordWidth = 0
        func place() {
            guard !word.isEmpty else { return }
            let needsSpace = lineWidth > MarkdownTerminal.columns(lines.isEmpty ? prefix : hanging + prefix)
                && !(word.unicodeScalars.first.map(MarkdownTerminal.isWide) ?? false)
                && !(line.unicodeScalars.last.map(MarkdownTerminal.isWide) ?? false)
            let extra = needsSpace ? 1 : 0
            if lineWidth + extra + wordWidth > width, lineWidth > MarkdownTerminal.columns(prefix + hanging) {
                lines.append(line)
                line = hanging + prefix
                lineWidth = MarkdownTerminal.columns(line)
            } else if needsSpace {
                line += " "
                lineWidth += 1
            }
            line += word
            lineWidth += wordWidth
            word = ""
            wordWidth = 0
        }
        for ch in styled {
            if ch == " " {
                place()
            } else if ch.unicodeScalars.first.map(MarkdownTerminal.isWide) == true {
                place()
                word = String(ch)
                wordWidth = 2
                place()
            } else {
                word.append(ch)
                wordWidth += MarkdownTerminal.columns(String(ch))
            }
        }
        place()
        lines.append(line)
        return lines
    }
}
