import Foundation

/// A text table for the terminal: columns aligned by display width (Chinese counts double), numbers
/// right-aligned, an optional rule under the header, and the whole kept within `maxWidth` columns by
/// shortening the widest column with `…`.
public struct Table: Sendable {
    /// How a column's cells line up.
    public enum Alignment: Sendable {
        /// Flush left.
        case left
        /// Flush right.
        case right
        /// Right when every non-empty body cell is a number, else left.
        case automatic
    }

    /// Column titles, if any.
    public var header: [String]?
    /// Body rows; short rows are padded with empty cells.
    public var rows: [[String]]
    /// One alignment per column; missing ones are `.automatic`.
    public var alignments: [Alignment]
    /// Whether a rule separates the header from the body.
    public var rule: Bool
    /// The widest the table may be, in columns.
    public var maxWidth: Int
    /// Text between columns.
    public var gap: String

    /// Makes a table.
    public init(header: [String]? = nil, rows: [[String]], alignments: [Alignment] = [], rule: Bool = true,
                maxWidth: Int = 100, gap: String = "  ") {
        self.header = header
        self.rows = rows
        self.alignments = alignments
        self.rule = rule
        self.maxWidth = maxWidth
        self.gap = gap
    }

    /// The table as lines joined by newlines (no trailing newline).
    public func render() -> String {
        let columnCount = max(header?.count ?? 0, rows.map(\.count).max() ?? 0)
        guard columnCount > 0 else { return "" }
        func cells(_ row: [String]) -> [String] { row + Array(repeating: "", count: columnCount - row.count) }
        let body = rows.map(cells)
        let head = header.map(cells)
        var widths = (0..<columnCount).map { c in
            ((head.map { [$0[c]] } ?? []) + body.map { $0[c] }).map(DisplayWidth.of).max() ?? 0
        }
        // Shrink the widest column one step at a time until the table fits (never below 4 columns).
        let gapWidth = DisplayWidth.of(gap) * (columnCount - 1)
        while widths.reduce(0, +) + gapWidth > maxWidth, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
              widths[widest] > 4 {
            widths[widest] -= 1
        }
        let right = (0..<columnCount).map { c -> Bool in
            switch c < alignments.count ? alignments[c] : .automatic {
            case .left: return false
            case .right: return true
            case .automatic:
                let filled = body.map { $0[c] }.filter { !$0.isEmpty && $0 != "—" }
                return !filled.isEmpty && filled.allSatisfy(Table.isNumber)
            }
        }
        func line(_ row: [String]) -> String {
            let parts = row.indices.map { c in
                DisplayWidth.pad(DisplayWidth.truncate(row[c], to: widths[c]), to: widths[c], alignRight: right[c])
            }
            var text = parts.joined(separator: gap)
            while text.last == " " { text.removeLast() }
            return text
        }
        var lines: [String] = []
        if let head {
            lines.append(line(head))
            if rule { lines.append(String(repeating: "─", count: widths.reduce(0, +) + gapWidth)) }
        }
        lines += body.map(line)
        return lines.joined(separator: "\n")
    }

    /// Whether a cell reads as a number: `-1.5000`, `−2`, `3e-4`, `12%`, `1,024`, `×0.5`.
    static func isNumber(_ text: String) -> Bool {
        var t = Substring(text.trimmingCharacters(in: .whitespaces))
        if t.hasPrefix("×") || t.hasPrefix("−") || t.hasPrefix("-") || t.hasPrefix("+") { t = t.dropFirst() }
        if t.hasSuffix("%") || t.hasSuffix("x") || t.hasSuffix("×") { t = t.dropLast() }
        let cleaned = t.replacingOccurrences(of: ",", with: "")
        return !cleaned.isEmpty && (Double(cleaned) != nil || ["inf", "nan"].contains(cleaned))
    }
}
