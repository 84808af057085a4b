import Groundwork
import TensorGrad

/// One gradient-check case: an op, a generator of valid inputs (away from kinks) and the function checked.
public struct TensorGradCheckCase: Sendable {
    /// The op this case exercises.
    public var op: TensorOp
    /// What is special about it (`"conv2d stride 2 pad 1"`).
    public var name: String
    /// Draws the inputs; those to check have `requiresGrad`.
    public var makeInputs: @Sendable (inout SeededGenerator) -> [Tensor<Double>]
    /// The computation checked, from the inputs.
    public var function: @Sendable ([Tensor<Double>]) -> Tensor<Double>

    /// Makes a case.
    public init(_ op: TensorOp, _ name: String,
                inputs: @escaping @Sendable (inout SeededGenerator) -> [Tensor<Double>],
                function: @escaping @Sendable ([Tensor<Double>]) -> Tensor<Double>) {
        (self.op, self.name, self.makeInputs, self.function) = (op, name, inputs, function)
    }
}

/// Every differentiable op of TensorGrad with the cases that check it. The suite iterates `cases`, and
/// `missingOps` lists ops of `TensorOp.allCases` with no case — which fails the suite.
public enum TensorOpRegistry {
    /// All cases, grouped by op family.
    public static var cases: [TensorGradCheckCase] { elementwiseCases + structuralCases + networkCases }

    /// Ops without any case (must be empty).
    public static var missingOps: [TensorOp] {
        let covered = Set(cases.map(\.op))
        return TensorOp.allCases.filter { !covered.contains($0) }
    }

    /// The cases for one op name (a `TensorOp` raw value), or nil for an unknown name.
    public static func cases(named name: String) -> [TensorGradCheckCase]? {
        guard let op = TensorOp(rawValue: name) else { return nil }
        return cases.filter { $0.op == op }
    }
}

/// Input generators that keep away from kinks and ties, where a central difference straddles a jump.
enum Draw {
    /// N(0, 1) values, differentiable.
    static func normal(_ shape: Shape, _ g: inout SeededGenerator, grad: Bool = true) -> Tensor<Double> {
        let t = Tensor<Double>.randomNormal(shape, using: &g)
        t.requiresGrad = grad
        return t
    }

    /// Values in [lo, hi] (positive ranges for log, sqrt, pow, probabilities).
    static func uniform(_ shape: Shape, _ lo: Double, _ hi: Double, _ g: inout SeededGenerator,
                        grad: Bool = true) -> Tensor<Double> {
        let t = Tensor<Double>.randomUniform(shape, in: lo...hi, using: &g)
        t.requiresGrad = grad
        return t
    }

    /// |x| in [0.2, 1.5] with a random sign: no element near the kink of relu/abs at 0.
    static func awayFromZero(_ shape: Shape, _ g: inout SeededGenerator) -> Tensor<Double> {
        let t = uniform(shape, 0.2, 1.5, &g)
        t.withUnsafeMutableBufferPointer { p in
            for i in 0..<p.count where Bool.random(using: &g) { p[i] = -p[i] }
        }
        return t
    }

    /// Distinct values at least 0.08 apart in random order: max and max-pool never see a near tie.
    static func distinct(_ shape: Shape, _ g: inout SeededGenerator) -> Tensor<Double> {
        let n = shape.count
        let order = Array(0..<n).shuffled(using: &g)
        let values = order.map { (Double($0) - Double(n) / 2) * 0.1 + Double.random(in: -0.01...0.01, using: &g) }
        return Tensor(shape: shape, scalars: values, requiresGrad: true)
    }

    /// Probability rows (each row of the last axis positive, summing to 1), not differentiable by default.
    static func probabilities(_ shape: Shape, _ g: inout SeededGenerator, grad: Bool = false) -> Tensor<Double> {
        let t = withNoGrad { normal(shape, &g, grad: false).softmax(axis: -1) }.copy()
        t.requiresGrad = grad
        return t
    }

    /// Class indices in 0..<classes.
    static func classes(_ count: Int, _ classes: Int, _ g: inout SeededGenerator) -> [Int] {
        (0..<count).map { _ in Int.random(in: 0..<classes, using: &g) }
    }
}
