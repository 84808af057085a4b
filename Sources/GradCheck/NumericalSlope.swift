import Foundation

/// The numerical slope of a one-variable function at `x`, and the judgement of a gradient against it — careful
/// at the places where a plain central difference `(f(x + ε) − f(x − ε)) / 2ε` misleads:
///
/// - a kink (`relu` at 0): the left and right slopes differ and the central difference is their mean, which is
///   nobody's derivative. The check says "not differentiable at x: left/right derivatives are …" and accepts a
///   gradient between them (a subgradient, which is what backward picks);
/// - a domain edge near x (`log` at 1e-7): x − ε leaves the domain. The step is shrunk (ε/100, ε/10⁴) while it
///   keeps both sides inside, and the note says so;
/// - a domain edge at x (`x^0.5` at 0): only one side exists. A one-sided second-order difference
///   `(−3f(x) + 4f(x + h) − f(x + 2h)) / 2h` is used, on the side that exists; if it keeps growing as h shrinks
///   the slope is unbounded there, which an infinite gradient matches.
///
/// `f` returns nil outside its domain (it threw, or its value is not finite).
struct NumericalSlope {
    /// Where, f(x), and the largest step (`Tolerance.finiteDifferenceStep`).
    let x: Double, value: Double, step: Double
    /// The function; nil outside its domain.
    let f: (Double) -> Double?

    init(at x: Double, value: Double, step: Double, _ f: @escaping (Double) -> Double?) {
        (self.x, self.value, self.step, self.f) = (x, value, step, f)
    }

    /// The steps tried in turn: ε, ε/100, ε/10⁴ (the last still far above Double's rounding for |f| ≲ 10³).
    var steps: [Double] { [step, step * 1e-2, step * 1e-4] }

    /// The numerical slope reported, whether `analytical` passes, and the note explaining any special case.
    func judge(_ analytical: Double, tolerance: Tolerance) -> (numerical: Double, passed: Bool, note: String?) {
        struct Sides {
            let h: Double, plus: Double, minus: Double, value: Double
            var left: Double { (value - minus) / h }
            var right: Double { (plus - value) / h }
            // From the two stepped values directly: (left + right) / 2 cancels badly next to a pole.
            var central: Double { (plus - minus) / (2 * h) }
        }
        var both: [Sides] = []
        var outside = false
        for h in steps {
            guard let plus = f(x + h), let minus = f(x - h) else { outside = true; continue }
            let sides = Sides(h: h, plus: plus, minus: minus, value: value)
            if tolerance.accepts(analytical, approximating: sides.central) {
                guard h != step else { return (sides.central, true, nil) }
                return (sides.central, true, outside
                    ? "the check's step ±\(short(step)) leaves the domain; a smaller step ±\(short(h)) was used"
                    : "central difference with the smaller step ±\(short(h)) (±\(short(step)) straddles a bend)")
            }
            both.append(sides)
        }
        if !analytical.isFinite, let first = both.first, both.count == steps.count {
            // f is finite on both sides at every step, so the slope is finite: backward's ∞ is an overflow, and
            // its NaN two overflowed local derivatives cancelling (∞ − ∞, as in x/x at 1e-320).
            let what = analytical.isNaN ? "is NaN: local derivatives overflowed and cancelled (∞ − ∞)"
                : "overflows to \(short(analytical))"
            return (first.central, false, "backward's gradient \(what) (beyond ±1.8e308, the largest Double) where "
                    + "the numerical slope is \(short(first.central))")
        }
        if let first = both.first, let last = both.last,
           !tolerance.accepts(first.left, approximating: first.right),
           !tolerance.accepts(last.left, approximating: last.right) {
            // The gap between the one-sided slopes does not close as the step shrinks: a kink.
            let low = min(last.left, last.right), high = max(last.left, last.right)
            let between = tolerance.accepts(analytical, approximating: low)
                || tolerance.accepts(analytical, approximating: high) || (analytical > low && analytical < high)
            let which = tolerance.accepts(analytical, approximating: last.left) ? "the left one"
                : tolerance.accepts(analytical, approximating: last.right) ? "the right one" : "between them"
            return (first.central, between,
                    "not differentiable at \(short(x)): left/right derivatives are \(short(last.left)) and "
                    + "\(short(last.right)); " + (between ? "backward's \(short(analytical)) is \(which), a valid subgradient"
                                                   : "backward's \(short(analytical)) is neither"))
        }
        if let first = both.first { return (first.central, false, nil) }
        return oneSided(analytical, tolerance: tolerance)
    }

    /// Only one side of x is in the domain (or neither): second-order one-sided differences on that side.
    private func oneSided(_ analytical: Double, tolerance: Tolerance) -> (numerical: Double, passed: Bool, note: String?) {
        let side: Double
        if f(x + step) != nil, f(x + 2 * step) != nil { side = 1 }
        else if f(x - step) != nil, f(x - 2 * step) != nil { side = -1 }
        else {
            return (.nan, false, "f is not defined on either side of \(short(x)) (within ±\(short(step))); "
                    + "no numerical slope exists")
        }
        let estimates: [Double] = steps.compactMap { h in
            let s = side * h
            guard let one = f(x + s), let two = f(x + 2 * s) else { return nil }
            return (-3 * value + 4 * one - two) / (2 * s)
        }
        let where_ = side > 0 ? "below" : "above"
        let head = "the check's step leaves the domain \(where_) \(short(x)); one-sided difference used"
        guard let last = estimates.last, let first = estimates.first else { return (.nan, false, head) }
        if estimates.count > 1, abs(last) > 5 * abs(first), analytical.isInfinite {
            // The slope grows without bound as h shrinks (√x at 0): an infinite gradient is the right answer.
            let agrees = (analytical > 0) == (last > 0)
            return (last, agrees, head + ": \(estimates.map(short).joined(separator: ", ")) as the step shrinks "
                    + "(\(steps.map(short).joined(separator: ", "))), the slope is unbounded")
        }
        return (last, tolerance.accepts(analytical, approximating: last), head + " (step \(short(steps.last!)))")
    }

    private func short(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v > 0 ? "∞" : "−∞" }
        if v == 0 { return "0" }
        if v == v.rounded(), abs(v) < 1e6 { return String(Int(v)) }
        return String(format: abs(v) >= 1e-3 && abs(v) < 1e6 ? "%.6g" : "%.3g", v)
    }
}
