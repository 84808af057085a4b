import Foundation

/// The one way numbers are written in diagrams, narration and tables, so the same value always reads the
/// same: fixed decimals (4 by default), `-0` printed as `0`, non-finite values as `nan`, `inf`, `-inf`.
public enum NumberFormat {
    /// Decimals used when a caller does not say.
    public static let defaultDigits = 4

    /// `x` with `digits` decimals (`0.8814`, `-1.5000`); a value that rounds to zero never shows a sign.
    public static func fixed(_ x: Double, digits: Int = defaultDigits) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        let text = printf(x, digits: max(0, digits))
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
            return String(text.dropFirst())
        }
        return text
    }

    /// `%.<digits>f` through C's `vsnprintf`: the same bytes as `String(format:)`, without Foundation's format
    /// parsing and string bridging, which were a tenth of an explorer request's time (perf, 30 clients).
    static func printf(_ x: Double, digits: Int) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer -> String in
            let written = withVaList([Int32(digits), x]) { vsnprintf(buffer.baseAddress, 64, "%.*f", $0) }
            guard written >= 0, written < 64 else { return String(format: "%.\(digits)f", x) }
            return String(cString: buffer.baseAddress!)
        }
    }

    /// Short form for a compact place (tensor summaries, constants): up to `digits` significant decimals,
    /// trailing zeros dropped (`2`, `0.5`, `-0.1235`).
    public static func compact(_ x: Double, digits: Int = defaultDigits) -> String {
        var text = fixed(x, digits: digits)
        guard x.isFinite, text.contains(".") else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// A shape as `2×3×4`; a scalar shape `[]` as `scalar`.
    public static func shape(_ shape: [Int]) -> String {
        shape.isEmpty ? "scalar" : shape.map(String.init).joined(separator: "×")
    }
}

/// Shorthand for `NumberFormat.fixed`: the consistent number format of every Render output.
public func fmt(_ x: Double, digits: Int = NumberFormat.defaultDigits) -> String {
    NumberFormat.fixed(x, digits: digits)
}
