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
        func flushParagraph() {
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
            } else if trimmed.hasPrefix("|") || line.hasPrefix("    ") || trimmed.hasPrefix("$$") {
                flushParagraph()
                out += verbatim(line)
            } else if trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ")
                        || trimmed.range(of: #"^[0-9]{1,2}\. "#, options: .regularExpression) != nil {
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

    /// Punctuation that must not begin a line in Chinese text.
    static let closingPunctuation: Set<String> = ["，", "。", "：", "；", "！", "？", "、", "）", "》", "」", "』", "”", "…"]

    private static func columns(_ text: String) -> Int { DisplayWidth.of(text) }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool { DisplayWidth.columns(scalar) == 2 }

    /// `**bold**` and `` `code` `` spans.
    private func inline(_ raw: String) -> String {
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
    private func verbatim(_ line: String) -> [String] {
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
        for ch in inline(text) {
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
        var lines: [String] = []
        var line = prefix, empty = true
        var last = ""  // the token placed last, which moves down with closing punctuation
        for token in tokens {
            let space = token.spaceBefore && !empty ? 1 : 0
            if !empty, MarkdownTerminal.columns(line) + space + MarkdownTerminal.columns(token.text) > width {
                // Chinese typesetting never starts a line with closing punctuation (，。：；、…): the token
                // before it comes down too, unless it is the line's only one.
                var carried = ""
                let start = hanging + prefix
                if MarkdownTerminal.closingPunctuation.contains(token.text), !last.isEmpty, line.hasSuffix(last),
                   line.count - last.count > start.count {
                    line.removeLast(last.count)
                    while line.hasSuffix(" ") { line.removeLast() }
                    carried = last
                }
                lines.append(line)
                line = start + carried
                empty = carried.isEmpty
            } else if space == 1 {
                line += " "
            }
            line += token.text
            empty = false
            last = token.text
        }
        lines.append(line)
        return lines
    }
}
