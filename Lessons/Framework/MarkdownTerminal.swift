import Foundation
import Render

/// Turns a lesson's Markdown into terminal text: headings styled, paragraphs wrapped to the width
/// (counting CJK characters as two columns), tables, code and formulas left exactly as written.
public struct MarkdownTerminal {
    /// Maximum line width in columns.
    public var width: Int
    /// ANSI styling (enabled only on a TTY without NO_COLOR; `Style.standardOutput` decides).
    public var style: Style

    /// Makes a renderer.
    public init(width: Int = 100, style: Style = .plain) {
        self.width = width
        self.style = style
    }

    /// Renders Markdown to terminal text.
    public func render(_ markdown: String) -> String {
        var out: [String] = []
        var paragraph: [String] = []
        var inCode = false
        // An open list item: its first line's marker indent and the lines joined so far.
        var item: (text: String, hanging: String)?
        var table: [String] = []
        func flushItem() {
            guard let open = item else { return }
            out += wrap(open.text, hanging: open.hanging)
            item = nil
        }
        func flushTable() {
            guard !table.isEmpty else { return }
            out += renderTable(table)
            table = []
        }
        func flushParagraph() {
            flushItem()
            flushTable()
            guard !paragraph.isEmpty else { return }
            // Lines of one paragraph join with a space, except where either side is CJK (no spaces there).
            let joined = paragraph.dropFirst().reduce(paragraph[0]) { text, next in
                let wideEnd = text.unicodeScalars.last.map(MarkdownTerminal.isWide) ?? false
                let wideStart = next.unicodeScalars.first.map(MarkdownTerminal.isWide) ?? false
                return text + (wideEnd || wideStart ? "" : " ") + next
            }
            out += wrap(joined)
            paragraph = []
        }
        func joinLines(_ text: String, _ next: String) -> String {
            let wideEnd = text.unicodeScalars.last.map(MarkdownTerminal.isWide) ?? false
            let wideStart = next.unicodeScalars.first.map(MarkdownTerminal.isWide) ?? false
            return text + (wideEnd || wideStart ? "" : " ") + next
        }
        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            if line.hasPrefix("```") {
                flushParagraph()
                inCode.toggle()
                continue
            }
            if inCode {
                out += verbatim("    " + line)
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
                    out.append(style.bold(style.cyan(text)))
                    out.append(style.cyan(String(repeating: "═", count: min(width, MarkdownTerminal.columns(text)))))
                } else {
                    out.append(style.bold(style.yellow(text)))
                }
            } else if trimmed.hasPrefix("|") {
                // A Markdown pipe table: gathered, then drawn with aligned columns.
                if table.isEmpty { flushParagraph() }
                table.append(trimmed)
            } else if item != nil, line.hasPrefix(" "), !line.hasPrefix("    ") {
                // A list item's continuation line joins the item, which wraps under its own indent.
                item!.text = joinLines(item!.text, trimmed)
            } else if line.hasPrefix("    ") || trimmed.hasPrefix("$$") {
                flushParagraph()
                out += verbatim(line)
            } else if trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ")
                        || trimmed.range(of: #"^[0-9]{1,2}\. "#, options: .regularExpression) != nil {
                flushParagraph()
                let indent = String(repeating: " ", count: trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") ? 2 : 3)
                let body = trimmed.hasPrefix("* ") ? "- " + trimmed.dropFirst(2) : Substring(trimmed)
                item = (String(body), indent)
            } else if trimmed.hasPrefix(">") {
                flushParagraph()
                out += wrap(trimmed.dropFirst().trimmingCharacters(in: .whitespaces), prefix: "│ ")
            } else {
                flushItem()
                flushTable()
                paragraph.append(trimmed)
            }
        }
        flushParagraph()
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n")
    }

    /// `**bold**` and `` `code` `` spans.
    func inline(_ raw: String) -> String {
        let text = MarkdownTerminal.doubledEmphasis(raw)
        var result = "", span = ""
        var bold = false, code = false
        func flush() {
            result += bold ? style.bold(span) : code ? style.green(span) : span
            span = ""
        }
        var i = text.startIndex
        while i < text.endIndex {
            if !code, text[i...].hasPrefix("**") {
                flush()
                bold.toggle()
                i = text.index(i, offsetBy: 2)

            } else if text[i] == "`" {
                flush()
                code.toggle()
                i = text.index(after: i)
            } else {
                span.append(text[i])
                i = text.index(after: i)
            }
        }
        flush()
        return result
    }

    /// A line kept as written (code, formulas, tables); only a line wider than the terminal is broken, at
    /// spaces, its continuation indented under the original text.
    private func verbatim(_ raw: String) -> [String] {
        let line = MarkdownTerminal.typeset(raw)
        guard MarkdownTerminal.columns(line) > width else { return [line] }
        let indent = String(line.prefix { $0 == " " }) + "    "
        var lines: [String] = [], current = ""
        for word in line.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if MarkdownTerminal.columns(candidate) > width, !current.trimmingCharacters(in: .whitespaces).isEmpty {
                lines.append(current)
                current = indent + word
            } else {
                current = candidate
            }
        }
        lines.append(current)
        return lines
    }

    /// `*emphasis*` becomes `**emphasis**` outside code spans. An opening `*` follows a space, punctuation or a
    /// CJK character and precedes a non-space; its closing `*` precedes no ASCII letter or digit — so `a*b + c*d`
    /// and `2 * 3` stay as written while `叫*滤波器*）` and `*its input*` are emphasised.
    static func doubledEmphasis(_ text: String) -> String {
        let chars = Array(text)
        var out = "", i = 0, code = false
        func asciiAlnum(_ c: Character?) -> Bool { c.map { $0.isASCII && ($0.isLetter || $0.isNumber) } ?? false }
        while i < chars.count {
            let c = chars[i]
            if c == "`" { code.toggle() }
            let single = c == "*" && (i + 1 >= chars.count || chars[i + 1] != "*") && (i == 0 || chars[i - 1] != "*")
            if !code, single, !asciiAlnum(i > 0 ? chars[i - 1] : nil), i + 1 < chars.count, chars[i + 1] != " ",
               let close = chars[(i + 1)...].firstIndex(of: "*"), chars[close - 1] != " ",
               close + 1 >= chars.count || (chars[close + 1] != "*" && !asciiAlnum(chars[close + 1])) {
                out += "**" + String(chars[(i + 1)..<close]) + "**"
                i = close + 1
                continue
            }
            out.append(c)
            i += 1
        }
        return out
    }

    /// Greedy wrap by display columns; breaks at spaces or between CJK characters, and keeps a space exactly
    /// where the source had one (so `让 tanh 远离` keeps its spaces and `梯度。` gets none).
    private func wrap(_ text: String, prefix: String = "", hanging: String = "") -> [String] {
        var tokens: [(text: String, spaceBefore: Bool)] = []
        var word = "", wordSpace = false, pendingSpace = false
        func finishWord() {
            if !word.isEmpty { tokens.append((word, wordSpace)) }
            word = ""
        }
        for ch in inline(MarkdownTerminal.typeset(text)) {
            if ch == " " {
                finishWord()
                pendingSpace = true
            } else if ch.unicodeScalars.first.map(MarkdownTerminal.isWide) == true {
                finishWord()
                tokens.append((String(ch), pendingSpace))
                pendingSpace = false
            } else {
                if word.isEmpty { wordSpace = pendingSpace }
                word.append(ch)
                pendingSpace = false
            }
        }
        finishWord()
        // Kinsoku: closing punctuation sticks to the token before it and opening punctuation to the token after
        // it, so no line starts with 。，）」” or ends with （「“.
        var glued: [(text: String, spaceBefore: Bool)] = []
        var opening: (text: String, spaceBefore: Bool)?
        for token in tokens {
            var token = token
            if let o = opening {
                token = (o.text + token.text, o.spaceBefore)
                opening = nil
            }
            if MarkdownTerminal.openingPunctuation.contains(token.text) {
                opening = token
            } else if !token.spaceBefore, let last = glued.last,
                      MarkdownTerminal.closingPunctuation.contains(String(token.text.prefix(1))),
                      token.text.allSatisfy({ MarkdownTerminal.closingPunctuation.contains(String($0)) }) {
                glued[glued.count - 1].text = last.text + token.text
            } else {
                glued.append(token)
            }
        }
        if let o = opening { glued.append(o) }
        tokens = glued
        var lines: [String] = []
        var line = prefix, empty = true
        for token in tokens {
            let space = token.spaceBefore && !empty ? 1 : 0
            if !empty, MarkdownTerminal.columns(line) + space + MarkdownTerminal.columns(token.text) > width {
                lines.append(line)
                line = hanging + prefix
                empty = true
            } else if space == 1 {
                line += " "
            }
            line += token.text
            empty = false
        }
        lines.append(line)
        return lines
    }
}
