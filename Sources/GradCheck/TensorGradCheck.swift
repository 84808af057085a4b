import Groundwork
import TensorGrad

/// The worst element of one input of a gradient check.
public struct TensorGradCheckInputReport: Sendable, Equatable {
    /// Position of the input in the op's argument list.
    public var input: Int
    /// Its shape.
    public var shape: Shape
    /// Row-major index of the element with the largest excess error (or largest error when all pass).
    public var worstElement: Int
    /// Backward's ∂/∂x at that element.
    public var analytical: Double
    /// The central-difference estimate there.
    public var numerical: Double
    /// Largest |analytical − numerical| over the input.
    public var maxAbsError: Double
    /// Largest |analytical − numerical| / max(|analytical|, |numerical|) over the input.
    public var maxRelError: Double
    /// Whether every element is accepted by `TensorGradCheck.tolerance` (|a − n| ≤ atol + rtol·|n|, both finite).
    public var passed: Bool
}

/// The outcome of checking one op case.
public struct TensorGradCheckResult: Sendable, Equatable {
    /// The case name (`"conv2d stride 2 pad 1"`).
    public var name: String
    /// The op checked.
    public var op: TensorOp
    /// Shapes of all inputs, differentiable or not.
    public var inputShapes: [Shape]
    /// One report per input that requires grad.
    public var inputs: [TensorGradCheckInputReport]
    /// Largest absolute error over all checked inputs.
    public var maxAbsError: Double { inputs.map(\.maxAbsError).max() ?? 0 }
    /// Largest relative error over all checked inputs.
    public var maxRelError: Double { inputs.map(\.maxRelError).max() ?? 0 }
    /// Whether every input passed.
    public var passed: Bool { inputs.allSatisfy(\.passed) }
}

/// Jacobian-vector gradient check in Double, as PyTorch's gradcheck (`Tolerance.standard`): for a random r,
/// compares backward's gradient of L = Σ f(x)·r with central differences (L(x + ε) − L(x − ε))/2ε.
/// Projecting on r checks every output's contribution at the cost of one backward pass.
public enum TensorGradCheck {
    /// Finite-difference step: `Tolerance.finiteDifferenceStep` (1e-6).
    public static let epsilon = Tolerance.finiteDifferenceStep
    /// An element passes when `tolerance.accepts(analytical, approximating: numerical)`: `Tolerance.standard`.
    public static let tolerance = Tolerance.standard

    /// Checks `function` at `inputs` for every input with `requiresGrad`; `seed` fixes the projection r.
    public static func check(name: String, op: TensorOp, inputs: [Tensor<Double>], seed: UInt64 = 1,
                             _ function: ([Tensor<Double>]) -> Tensor<Double>) -> TensorGradCheckResult {
        var generator = SeededGenerator(seed: seed)
        for x in inputs { x.grad = nil }
        let y = function(inputs)
        let r = Tensor<Double>.randomNormal(y.shape, using: &generator)
        let loss = (y * r).sum()
        if loss.requiresGrad { loss.backward() }
        func projected() -> Double {
            withNoGrad {
                let out = function(inputs)
                var total = 0.0
                out.withUnsafeBufferPointer { o in r.withUnsafeBufferPointer { p in
                    for i in 0..<o.count { total += o[i] * p[i] }
                } }
                return total
            }
        }
        var reports: [TensorGradCheckInputReport] = []
        for (index, x) in inputs.enumerated() where x.requiresGrad {
            let analytical = x.grad?.scalars ?? [Double](repeating: 0, count: x.count)
            var report = TensorGradCheckInputReport(
                input: index, shape: x.shape, worstElement: 0, analytical: 0, numerical: 0,
                maxAbsError: 0, maxRelError: 0, passed: true)
            var worstExcess = -Double.infinity
            for j in 0..<x.count {
                let saved = x.withUnsafeBufferPointer { $0[j] }
                x.withUnsafeMutableBufferPointer { $0[j] = saved + epsilon }
                let plus = projected()
                x.withUnsafeMutableBufferPointer { $0[j] = saved - epsilon }
                let minus = projected()
                x.withUnsafeMutableBufferPointer { $0[j] = saved }
                let numerical = (plus - minus) / (2 * epsilon), a = analytical[j]
                let absError = Swift.abs(a - numerical)
                let scale = Swift.max(Swift.abs(a), Swift.abs(numerical))
                let excess = tolerance.excess(of: a, over: numerical)
                report.maxAbsError = Swift.max(report.maxAbsError, absError)
                report.maxRelError = Swift.max(report.maxRelError, scale > 0 ? absError / scale : 0)
                if !(excess <= 0) { report.passed = false }
                if excess > worstExcess || excess == .infinity {
                    worstExcess = excess
                    (report.worstElement, report.analytical, report.numerical) = (j, a, numerical)
                }
            }
            reports.append(report)
        }
        return TensorGradCheckResult(name: name, op: op, inputShapes: inputs.map(\.shape), inputs: reports)
    }

    /// Checks one registered case, drawing its inputs from `seed`.
    public static func check(_ testCase: TensorGradCheckCase, seed: UInt64) -> TensorGradCheckResult {
        var generator = SeededGenerator(seed: seed)
        let inputs = testCase.makeInputs(&generator)
        return check(name: testCase.name, op: testCase.op, inputs: inputs, seed: seed &+ 1, testCase.function)
    }
}
