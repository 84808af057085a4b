import Foundation

/// How many terminal columns text takes: CJK and full-width characters count 2, combining marks and ANSI
/// colour codes 0, everything else 1 — so Chinese tables line up.
public enum DisplayWidth {
    /// Columns taken by `text`.
    public static func of(_ text: String) -> Int {
        var width = 0
        var inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape {
                if scalar == "m" { inEscape = false }
                continue
            }
            if scalar == "\u{1B}" { inEscape = true; continue }
            width += columns(scalar)
        }
        return width
    }

    /// Columns taken by one Unicode scalar.
    public static func columns(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x300 { return v < 0x20 ? 0 : 1 }
        for range in zero where range.contains(v) { return 0 }
        for range in wide where range.contains(v) { return 2 }
        return 1
    }

    /// `text` cut to at most `limit` columns, ending in `…` when cut.
    public static func truncate(_ text: String, to limit: Int) -> String {
        guard of(text) > limit else { return text }
        guard limit > 1 else { return limit == 1 ? "…" : "" }
        var out = "", used = 0
        for character in text {
            let w = of(String(character))
            if used + w > limit - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…"
    }

    /// `text` padded with spaces to `width` columns, on the right (`.left`) or the left (`.right`).
    public static func pad(_ text: String, to width: Int, alignRight: Bool) -> String {
        let fill = String(repeating: " ", count: max(0, width - of(text)))
        return alignRight ? fill + text : text + fill
    }

    private static let zero: [ClosedRange<UInt32>] = [
        0x0300...0x036F, 0x0483...0x0489, 0x0591...0x05BD, 0x200B...0x200F, 0x20D0...0x20FF, 0xFE00...0xFE0F,
        0xFE20...0xFE2F,
    ]

    private static let wide: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
        0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}

/// Terminal colour and emphasis, on only when standard output is a terminal and `NO_COLOR` is not set
/// (https://no-color.org); otherwise every method returns its text unchanged.
public struct Style: Sendable, Equatable {
    /// Whether ANSI codes are emitted.
    public var enabled: Bool

    /// A style that colours when `enabled`.
    public init(enabled: Bool) { self.enabled = enabled }

    /// Colours only if standard output is a terminal and `NO_COLOR` is absent from the environment.
    public static var standardOutput: Style {
        automatic(isTerminal: isatty(STDOUT_FILENO) != 0, environment: ProcessInfo.processInfo.environment)
    }

    /// The rule behind `standardOutput`, testable without a terminal.
    public static func automatic(isTerminal: Bool, environment: [String: String]) -> Style {
        Style(enabled: isTerminal && environment["NO_COLOR"] == nil)
    }

    /// Never colours (files, pipes, tests).
    public static let plain = Style(enabled: false)

    /// Bold text.
    public func bold(_ text: String) -> String { wrap(text, "1") }
    /// Dimmed text, for asides.
    public func dim(_ text: String) -> String { wrap(text, "2") }
    /// Red text (failures, positive gradients in diagrams' colour key).
    public func red(_ text: String) -> String { wrap(text, "31") }
    /// Green text (passes).
    public func green(_ text: String) -> String { wrap(text, "32") }
    /// Yellow text (attention).
    public func yellow(_ text: String) -> String { wrap(text, "33") }
    /// Blue text.
    public func blue(_ text: String) -> String { wrap(text, "34") }
    /// Cyan text (headings' accent).
    public func cyan(_ text: String) -> String { wrap(text, "36") }

    /// A heading: bold, underlined by a rule as wide as the text.
    public func heading(_ text: String) -> String {
        bold(text) + "\n" + dim(String(repeating: "─", count: max(3, DisplayWidth.of(text))))
    }

    /// `✓` in green for a pass, `✗` in red for a failure.
    public func mark(_ passed: Bool) -> String { passed ? green("✓") : red("✗") }

    /// One narration line, coloured by what it says.
    public func line(_ line: NarrationLine) -> String {
        switch line.kind {
        case .heading: return heading(line.text)
        case .value, .forward, .backward, .path: return line.text
        case .total, .sum: return bold(line.text)
        case .check:
            let passed = line.passed ?? false
            return mark(passed) + " " + (passed ? green(line.text) : red(line.text))
        case .note: return dim(line.text)
        }
    }

    /// A whole narration, one styled line per line, a blank line before each heading but the first.
    public func render(_ narration: Narration) -> String {
        var out: [String] = []
        for (index, line) in narration.lines.enumerated() {
            if line.kind == .heading, index > 0 { out.append("") }
            out.append(self.line(line))
        }
        return out.joined(separator: "\n")
    }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
