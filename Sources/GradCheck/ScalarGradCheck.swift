import ScalarGrad

/// Numeric gradient checks for the scalar engine: backward's gradient of each variable against the central
/// difference `(f(x + ε) − f(x − ε)) / 2ε`, the same discipline as PyTorch's gradcheck: `Tolerance.standard`,
/// whose documentation says why these numbers.
public enum ScalarGradCheck {
    /// Step of the central difference: `Tolerance.finiteDifferenceStep` (1e-6).
    public static let epsilon = Tolerance.finiteDifferenceStep
    /// A variable passes when `tolerance.accepts(analytical, approximating: numerical)`: `Tolerance.standard`.
    public static let tolerance = Tolerance.standard
    /// `tolerance.absolute` (1e-5), for text that prints it.
    public static var absoluteTolerance: Double { tolerance.absolute }
    /// `tolerance.relative` (1e-3), for text that prints it.
    public static var relativeTolerance: Double { tolerance.relative }

    /// One variable's verdict.
    public struct Entry: Equatable, Sendable {
        /// The variable (`w1`) or `"input i"` when unnamed.
        public var name: String
        /// Backward's gradient.
        public var analytical: Double
        /// The central difference.
        public var numerical: Double
        /// |analytical − numerical|.
        public var absoluteError: Double
        /// |analytical − numerical| / max(|analytical|, |numerical|), 0 when both are 0.
        public var relativeError: Double
        /// Whether the difference is within tolerance.
        public var passed: Bool
        /// What the check had to do or found beyond a plain central difference (a kink, a step that left the
        /// domain, a shrunk step), in words; nil for a plain central difference.
        public var note: String? = nil
    }

    /// Every variable's verdict.
    public struct Report: Equatable, Sendable, CustomStringConvertible {
        /// One entry per variable, in order.
        public var entries: [Entry]
        /// Makes a report from entries.
        public init(entries: [Entry]) { self.entries = entries }
        /// Whether every variable passed.
        public var passed: Bool { entries.allSatisfy(\.passed) }
        /// The entries that failed.
        public var failures: [Entry] { entries.filter { !$0.passed } }
        /// Largest absolute error over all variables.
        public var maximumAbsoluteError: Double { entries.map(\.absoluteError).max() ?? 0 }

        /// One line per variable: `w1  analytical 1.000000  numerical 1.000000  abs 1.2e-11  ok`.
        public var description: String {
            entries.map { entry in
                "\(entry.name)  analytical \(entry.analytical)  numerical \(entry.numerical)  "
                    + "abs \(entry.absoluteError)  rel \(entry.relativeError)  \(entry.passed ? "ok" : "FAILED")"
                    + (entry.note.map { "  (\($0))" } ?? "")
            }.joined(separator: "\n")
        }
    }

    /// Checks an expression's gradients at `bindings`, one entry per variable in order of first appearance.
    public static func check(_ expression: Expression, at bindings: [String: Double]) throws -> Report {
        let names = expression.variables
        let point = try names.map { name -> Double in
            guard let value = bindings[name] else { throw ExpressionError.unboundVariable(name) }
            return value
        }
        return try check(names: names, at: point) { inputs in
            var leaves: [String: Value] = [:]
            for (name, input) in zip(names, inputs) { leaves[name] = input }
            return try expression.evaluate(with: leaves)
        }
    }

    /// Checks any scalar function built from `Value`s (an MLP's loss, say): `build` receives one leaf per
    /// number in `point` and returns the output. Backward runs once; `build` is then called twice per input
    /// for the central differences.
    public static func check(names: [String]? = nil, at point: [Double],
                             build: ([Value]) throws -> Value) throws -> Report {
        let leaves = point.map { Value($0) }
        let output = try build(leaves)
        output.backward()
        return try compare(names: names, analytical: leaves.map(\.grad), at: point) { inputs in
            try build(inputs.map { Value($0) }).data
        }
    }

    /// Compares given gradients with central differences of `function` at `point` — the core the other checks
    /// use, and a way to check a gradient computed by other means. `function` must succeed at `point`; where it
    /// throws or is not finite at a stepped point, that point is outside its domain (see `NumericalSlope`).
    public static func compare(names: [String]? = nil, analytical: [Double], at point: [Double],
                               function: ([Double]) throws -> Double) throws -> Report {
        precondition(analytical.count == point.count, "one analytical gradient per input")
        precondition(names.map { $0.count == point.count } ?? true, "one name per input")
        let base = try function(point)
        // The slope only calls `function` while `compare` runs.
        return withoutActuallyEscaping(function) { function in
          Report(entries: point.indices.map { index in
            let slope = NumericalSlope(at: point[index], value: base, step: epsilon) { x in
                var moved = point
                moved[index] = x
                guard let y = try? function(moved), y.isFinite else { return nil }
                return y
            }
            let a = analytical[index]
            let verdict = slope.judge(a, tolerance: tolerance)
            let absoluteError = abs(a - verdict.numerical)
            let scale = max(abs(a), abs(verdict.numerical))
            return Entry(
                name: names?[index] ?? "input \(index)", analytical: a, numerical: verdict.numerical,
                absoluteError: absoluteError.isNaN ? .infinity : absoluteError,
                relativeError: scale == 0 ? 0 : (absoluteError / scale).isNaN ? .infinity : absoluteError / scale,
                passed: verdict.passed, note: verdict.note)
          })
        }
    }
}
