import Foundation

/// The one way numbers are written in diagrams, narration and tables, so the same value always reads the
/// same: fixed decimals (4 by default), `-0` printed as `0`, non-finite values as `nan`, `inf`, `-inf`.
public enum NumberFormat {
    /// Decimals used when a caller does not say.
    public static let defaultDigits = 4

    /// `x` with `digits` decimals (`0.8814`, `-1.5000`); a value that rounds to zero never shows a sign.
    public static func fixed(_ x: Double, digits: Int = defaultDigits) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        let text = String(format: "%.\(max(0, digits))f", x)
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
            return String(text.dropFirst())
        }
        return text
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
