import ScalarGrad

/// One scalar gradient-check case: the op it exercises, a point away from kinks and poles, and the function
/// checked, built from one leaf per number of the point.
public struct ScalarGradCheckCase: Sendable {
    /// The op this case exercises (its graph must contain a node of it).
    public var operation: Value.Operation
    /// What the case computes (`"a / b"`).
    public var name: String
    /// Where the gradient is checked, one number per input.
    public var point: [Double]
    /// The computation checked, from one leaf per number of `point`.
    public var build: @Sendable ([Value]) -> Value

    /// Makes a case.
    public init(_ operation: Value.Operation, _ name: String, at point: [Double],
                _ build: @escaping @Sendable ([Value]) -> Value) {
        (self.operation, self.name, self.point, self.build) = (operation, name, point, build)
    }

    /// Runs the check: backward's gradients against central differences, within `Tolerance.standard`.
    public func check() throws -> ScalarGradCheck.Report {
        try ScalarGradCheck.check(names: point.indices.map { "input \($0)" }, at: point, build: build)
    }
}

/// Every op of `Value.Operation` with the cases that check it, as `TensorOpRegistry` does for the tensor engine.
/// The suite runs `cases`, and `missingOperations` lists the ops with no case — which fails the suite, so a
/// scalar op cannot be added without a gradient check. Leaves and constants are cases too: a leaf's gradient
/// is the one backward reports, and a constant must pass no gradient on.
public enum ScalarOpRegistry {
    /// All cases, in `Value.Operation` order. Points keep away from relu's kink at 0 and from log's and
    /// division's pole at 0; relu is checked on both sides.
    public static let cases: [ScalarGradCheckCase] = [
        ScalarGradCheckCase(.leaf, "a", at: [0.7]) { $0[0] },
        ScalarGradCheckCase(.constant, "a · 3", at: [0.7]) { $0[0] * 3 },
        ScalarGradCheckCase(.add, "a + b", at: [1.3, -0.4]) { $0[0] + $0[1] },
        ScalarGradCheckCase(.sub, "a − b", at: [1.3, -0.4]) { $0[0] - $0[1] },
        ScalarGradCheckCase(.mul, "a · b", at: [1.3, -0.4]) { $0[0] * $0[1] },
        ScalarGradCheckCase(.mul, "a · a", at: [-0.9]) { $0[0] * $0[0] },
        ScalarGradCheckCase(.div, "a / b", at: [1.3, -0.4]) { $0[0] / $0[1] },
        ScalarGradCheckCase(.neg, "−a", at: [0.8]) { -$0[0] },
        ScalarGradCheckCase(.pow, "a³", at: [-0.7]) { $0[0].pow(3) },
        ScalarGradCheckCase(.pow, "a^−0.5", at: [1.7]) { $0[0].pow(-0.5) },
        ScalarGradCheckCase(.exp, "exp a", at: [0.6]) { $0[0].exp() },
        ScalarGradCheckCase(.log, "log a", at: [0.6]) { $0[0].log() },
        ScalarGradCheckCase(.tanh, "tanh a", at: [-0.6]) { $0[0].tanh() },
        ScalarGradCheckCase(.relu, "relu a, a > 0", at: [0.6]) { $0[0].relu() },
        ScalarGradCheckCase(.relu, "relu a, a < 0", at: [-0.6]) { $0[0].relu() },
        ScalarGradCheckCase(.sigmoid, "sigmoid a", at: [-0.6]) { $0[0].sigmoid() },
        ScalarGradCheckCase(.sigmoid, "sigmoid a, a > 0", at: [0.9]) { $0[0].sigmoid() },
    ]

    /// Ops without any case (must be empty).
    public static var missingOperations: [Value.Operation] {
        let covered = Set(cases.map(\.operation))
        return Value.Operation.allCases.filter { !covered.contains($0) }
    }
}
