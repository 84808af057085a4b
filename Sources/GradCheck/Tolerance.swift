import Foundation

/// How close a gradient must come to the value it is checked against: `|value − reference| ≤ absolute +
/// relative·|reference|`, both finite — swift-numerics' `isApproximatelyEqual(to:absoluteTolerance:
/// relativeTolerance:)`, with the tolerance scaled by the reference (the independent, numerical value) alone.
///
/// The standard, used by every gradient check in the project (scalar, tensor, the `gradcheck` command and the
/// lessons' self-checks), is PyTorch gradcheck's discipline: compute in Double, estimate each derivative by the
/// central difference `(f(x + ε) − f(x − ε)) / 2ε` with ε = 1e-6, and accept atol 1e-5, rtol 1e-3. Why these
/// numbers: the central difference's truncation error is O(ε²) ≈ 1e-12 and its rounding error ≈ 1e-16·|f| / ε
/// ≈ 1e-10·|f|, so for values of order 1 a correct derivative lands within ~1e-9 — four orders inside atol —
/// while a wrong local derivative (a missing factor, a dropped term) misses by far more than rtol's 0.1 %.
public struct Tolerance: Sendable, Equatable, CustomStringConvertible {
    /// The slack allowed whatever the size of the reference (`atol`).
    public var absolute: Double
    /// The slack allowed per unit of |reference| (`rtol`).
    public var relative: Double

    /// A tolerance of `absolute + relative·|reference|`.
    public init(absolute: Double, relative: Double) {
        self.absolute = absolute
        self.relative = relative
    }

    /// atol 1e-5, rtol 1e-3: the project's gradient-check standard (see the type's documentation).
    public static let standard = Tolerance(absolute: 1e-5, relative: 1e-3)

    /// ε = 1e-6, the central-difference step the standard tolerance is chosen for.
    public static let finiteDifferenceStep = 1e-6

    /// Whether `value` is within tolerance of `reference`: both finite and
    /// `|value − reference| ≤ absolute + relative·|reference|`.
    public func accepts(_ value: Double, approximating reference: Double) -> Bool {
        excess(of: value, over: reference) <= 0
    }

    /// How far `|value − reference|` exceeds the allowed slack (≤ 0 when accepted); `+∞` when either number is
    /// not finite, so a check can rank its worst element by this one number.
    public func excess(of value: Double, over reference: Double) -> Double {
        guard value.isFinite && reference.isFinite else { return .infinity }
        return Swift.abs(value - reference) - (absolute + relative * Swift.abs(reference))
    }

    /// `atol 1e-5, rtol 1e-3`, as help texts print it.
    public var description: String {
        "atol \(Tolerance.short(absolute)), rtol \(Tolerance.short(relative))"
    }

    /// A number as a person writes a tolerance: `1e-5` (not `1e-05`) when one significant digit says it
    /// exactly, else Swift's own form.
    public static func short(_ x: Double) -> String {
        let printf = String(format: "%.0e", x)  // "1e-05"
        guard Double(printf) == x, let e = printf.firstIndex(of: "e"),
              let exponent = Int(printf[printf.index(after: e)...]) else { return "\(x)" }
        return "\(printf[..<e])e\(exponent)"
    }
}
