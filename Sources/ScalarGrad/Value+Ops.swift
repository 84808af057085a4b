import Foundation

// MARK: - Ops: each computes its value and the local derivative of each parent, side by side.
//
// sub, div and neg get their own nodes (rather than micrograd's a + (-1·b), a · b⁻¹) so a learner who types
// `a - b` sees one "sub" node with ∂/∂b = −1, not three nodes they never wrote. Backward stays the one loop.

extension Value {
    /// a + b. ∂(a+b)/∂a = 1, ∂(a+b)/∂b = 1.
    @inlinable
    public static func + (a: Value, b: Value) -> Value {
        let (data, local0, local1) = addRule(a.data, b.data)
        return Value(data: data, operation: .add, a, local0, b, local1)
    }

    /// `+` on the forward values: a + b with ∂/∂a and ∂/∂b (a neuron's weighted sum records it too).
    @inlinable
    static func addRule(_ a: Double, _ b: Double) -> (data: Double, local0: Double, local1: Double) {
        (a + b, 1, 1)
    }

    /// a − b. ∂(a−b)/∂a = 1, ∂(a−b)/∂b = −1.
    @inlinable
    public static func - (a: Value, b: Value) -> Value {
        Value(data: a.data - b.data, operation: .sub, a, 1, b, -1)
    }

    /// a · b. ∂(a·b)/∂a = b, ∂(a·b)/∂b = a.
    @inlinable
    public static func * (a: Value, b: Value) -> Value {
        let (data, local0, local1) = mulRule(a.data, b.data)
        return Value(data: data, operation: .mul, a, local0, b, local1)
    }

    /// `*` on the forward values: a · b with ∂/∂a and ∂/∂b (a neuron's weighted sum records it too).
    @inlinable
    static func mulRule(_ a: Double, _ b: Double) -> (data: Double, local0: Double, local1: Double) {
        (a * b, b, a)
    }

    /// a / b. ∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = −a/b². Division by zero gives ±inf or nan, as Double does;
    /// `Expression.evaluate` reports it by name instead.
    @inlinable
    public static func / (a: Value, b: Value) -> Value {
        Value(data: a.data / b.data, operation: .div, a, 1 / b.data, b, -a.data / (b.data * b.data))
    }

    /// −a. ∂(−a)/∂a = −1.
    @inlinable
    public static prefix func - (a: Value) -> Value {
        Value(data: -a.data, operation: .neg, a, -1)
    }

    /// aⁿ for a constant n. ∂(aⁿ)/∂a = n·aⁿ⁻¹, and 0 for n = 0 (a⁰ = 1 is constant; n·aⁿ⁻¹ would be 0·∞ = NaN
    /// at a = 0).
    @inlinable
    public func pow(_ n: Double) -> Value {
        Value(data: Foundation.pow(data, n), operation: .pow, self, n == 0 ? 0 : n * Foundation.pow(data, n - 1),
              setting: n)
    }

    /// eᵃ. ∂(eᵃ)/∂a = eᵃ.
    @inlinable
    public func exp() -> Value {
        let e = Foundation.exp(data)
        return Value(data: e, operation: .exp, self, e)
    }

    /// ln a (natural log). ∂(ln a)/∂a = 1/a. Non-positive a gives nan or −inf, as Double does;
    /// `Expression.evaluate` reports it by name instead.
    @inlinable
    public func log() -> Value {
        Value(data: Foundation.log(data), operation: .log, self, 1 / data)
    }

    /// tanh a. ∂(tanh a)/∂a = 1 − tanh²a.
    @inlinable
    public func tanh() -> Value {
        let t = Foundation.tanh(data)
        return Value(data: t, operation: .tanh, self, 1 - t * t)
    }

    /// max(0, a). ∂relu(a)/∂a = 1 if a > 0, else 0 (0 at the kink, as PyTorch and micrograd).
    @inlinable
    public func relu() -> Value {
        data > 0 ? Value(data: data, operation: .relu, self, 1)
                 : Value(data: 0, operation: .relu, self, 0)
    }

    /// σ(a) = 1/(1 + e⁻ᵃ). ∂σ(a)/∂a = σ(a)·(1 − σ(a)). Computed so that e^|a| never overflows.
    @inlinable
    public func sigmoid() -> Value {
        let s: Double
        if data >= 0 {
            s = 1 / (1 + Foundation.exp(-data))
        } else {
            let e = Foundation.exp(data)
            s = e / (1 + e)
        }
        return Value(data: s, operation: .sigmoid, self, s * (1 - s))
    }
}

// MARK: - Mixed with Double: the number becomes a constant node

extension Value {
    /// a + c for a number c (a constant node).
    @inlinable public static func + (a: Value, c: Double) -> Value { a + .constant(c) }
    /// c + a for a number c (a constant node).
    @inlinable public static func + (c: Double, a: Value) -> Value { .constant(c) + a }
    /// a − c for a number c (a constant node).
    @inlinable public static func - (a: Value, c: Double) -> Value { a - .constant(c) }
    /// c − a for a number c (a constant node).
    @inlinable public static func - (c: Double, a: Value) -> Value { .constant(c) - a }
    /// a · c for a number c (a constant node).
    @inlinable public static func * (a: Value, c: Double) -> Value { a * .constant(c) }
    /// c · a for a number c (a constant node).
    @inlinable public static func * (c: Double, a: Value) -> Value { .constant(c) * a }
    /// a / c for a number c (a constant node).
    @inlinable public static func / (a: Value, c: Double) -> Value { a / .constant(c) }
    /// c / a for a number c (a constant node).
    @inlinable public static func / (c: Double, a: Value) -> Value { .constant(c) / a }

    /// `bias + weights[0]·inputs[0] + weights[1]·inputs[1] + …`, left to right: the same mul and add nodes, in
    /// the same order and with the same numbers, as writing it with `*` and `+` — recorded in one call, so the
    /// partial sums and products get no handles (each handle is a retain and a release: Value+Memory.swift).
    static func weightedSum(bias: Value, weights: [Value], inputs: [Value]) -> Value {
        precondition(!weights.isEmpty && weights.count == inputs.count,
                     "a weighted sum needs one input per weight, at least one; got \(weights.count) weights "
                        + "and \(inputs.count) inputs")
        return weights.withUnsafeBufferPointer { weights in
            inputs.withUnsafeBufferPointer { inputs in
                ThreadTape.recordWeightedSum(bias: bias, weights, inputs)
            }
        }
    }

    /// The sum of `values` as a left fold of `+` (one add node per term after the first); a constant 0 if empty.
    public static func sum<S: Sequence>(_ values: S) -> Value where S.Element == Value {
        var iterator = values.makeIterator()
        guard var total = iterator.next() else { return .constant(0) }
        while let next = iterator.next() { total = total + next }
        return total
    }
}
