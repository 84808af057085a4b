import Foundation

/// Axis ticks at "nice" numbers (1, 2, 2.5, 5 × 10ᵏ; Heckbert, Graphics Gems 1990) and their labels.
public enum Ticks {
    /// About `count` tick values covering `range`, at a nice step of at least `minimumStep`; the first and
    /// last enclose the range.
    public static func nice(_ range: ClosedRange<Double>, count: Int = 6, minimumStep: Double = 0) -> [Double] {
        let lo = range.lowerBound, hi = range.upperBound
        guard lo.isFinite, hi.isFinite, hi > lo else { return [lo] }
        let intervals = Double(Swift.max(1, count - 1))
        // hi − lo overflows for data spanning ±1e308; halves keep the span finite (the step is the same).
        let span = hi - lo
        let rough = span.isFinite ? span / intervals : (hi / 2 - lo / 2) / intervals * 2
        let step = Swift.max(minimumStep, niceStep(rough))
        var first = (lo / step).rounded(.down) * step
        if !first.isFinite { first = lo }
        var ticks: [Double] = []
        var k = 0.0
        var ended = false
        // At most a few hundred ticks: the loop must end whatever the range and step (a step of 1 over ±1e308
        // once generated ticks forever).
        while ticks.count < 4 * count + 8 {
            let v = first + k * step
            guard v.isFinite else { break }
            // Rounding the value to the step's decimal keeps 0.30000000000000004 out of the labels.
            ticks.append(abs(v) < step * 1e-9 ? 0 : v)
            if v >= hi - step * 1e-9 { ended = true; break }
            k += 1
        }
        if !ended { ticks.append(hi) }
        return ticks
    }

    /// The nice step nearest above `rough`: 1, 2, 2.5 or 5 times a power of ten.
    public static func niceStep(_ rough: Double) -> Double {
        guard rough > 0, rough.isFinite else { return 1 }
        let p = pow(10, (log10(rough)).rounded(.down))
        let f = rough / p
        let m: Double = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10
        // Near the largest Double, 10 × 10³⁰⁷ overflows: keep the largest finite nice step instead.
        return (m * p).isFinite ? m * p : 5 * p
    }

    /// Labels for evenly spaced `ticks`, all with the decimals their step needs (0, 0.5, 1.0 → "0.0", "0.5", "1.0").
    public static func labels(_ ticks: [Double]) -> [String] {
        guard ticks.count > 1 else { return ticks.map { label($0) } }
        let step = abs(ticks[1] - ticks[0])
        let biggest = ticks.map(abs).max() ?? 0
        if biggest >= 1e5 || (step > 0 && step < 1e-4) {
            return ticks.map { $0 == 0 ? "0" : String(format: "%.2g", $0) }
        }
        var decimals = 0
        while decimals < 6, abs((step * pow(10, Double(decimals))).rounded() - step * pow(10, Double(decimals))) > 1e-6 {
            decimals += 1
        }
        return ticks.map { fixed($0, decimals) }
    }

    /// One number with three significant digits, no trailing noise (0.000123 → "1.23e-04", 12.5 → "12.5").
    public static func label(_ v: Double) -> String {
        guard v.isFinite else { return v.isNaN ? "NaN" : (v > 0 ? "∞" : "−∞") }
        if v == 0 { return "0" }
        let a = abs(v)
        if a >= 1e5 || a < 1e-3 { return minus(String(format: "%.2e", v)) }
        let decimals = Swift.max(0, 2 - Int(log10(a).rounded(.down)))
        var s = String(format: "%.\(decimals)f", v)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return minus(s)
    }

    static func fixed(_ v: Double, _ decimals: Int) -> String {
        let s = String(format: "%.\(decimals)f", v)
        return minus(s == "-0" || s.hasPrefix("-0.") && Double(s) == 0 ? String(s.dropFirst()) : s)
    }

    /// A typographic minus sign, as printed axes use.
    private static func minus(_ s: String) -> String {
        s.hasPrefix("-") ? "−" + s.dropFirst() : s
    }
}
