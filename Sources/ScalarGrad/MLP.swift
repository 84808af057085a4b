// MARK: - Scalar networks, micrograd-class: every weight a Value, every product a node

/// The nonlinearity after a neuron's weighted sum: one of the engine's function ops, or none.
public enum Nonlinearity: Sendable, Hashable, CaseIterable {
    /// max(0, z): `Value.Operation.relu`.
    case relu
    /// tanh z: `Value.Operation.tanh`.
    case tanh
    /// z itself (the output layer): no op.
    case linear

    /// The engine op that applies it; nil for `.linear`.
    @inlinable
    public var operation: Value.Operation? {
        switch self {
        case .relu: return .relu
        case .tanh: return .tanh
        case .linear: return nil
        }
    }

    /// The op's name (`"relu"`, `"tanh"`), `"linear"` for none.
    public var name: String { operation?.name ?? "linear" }

    /// Applies the nonlinearity as a graph node (none for `.linear`).
    @inlinable
    public func apply(_ z: Value) -> Value {
        guard let operation else { return z }
        return z.applying(operation)
    }
}

/// One neuron: `nonlinearity(b + Σ wᵢ·xᵢ)`.
public final class Neuron {
    /// One weight per input ([inputs]).
    public let weights: [Value]
    /// The bias.
    public let bias: Value
    /// Applied to the weighted sum.
    public let nonlinearity: Nonlinearity

    /// Weights drawn uniformly from [−1, 1] (as micrograd), bias 0.
    public init<G: RandomNumberGenerator>(inputs: Int, nonlinearity: Nonlinearity, using generator: inout G) {
        precondition(inputs > 0, "a neuron needs at least one input")
        weights = (0..<inputs).map { _ in Value(Double.random(in: -1...1, using: &generator)) }
        bias = Value(0)
        self.nonlinearity = nonlinearity
    }

    /// A neuron over given parameters (shared, not copied).
    public init(weights: [Value], bias: Value, nonlinearity: Nonlinearity) {
        precondition(!weights.isEmpty, "a neuron needs at least one input")
        self.weights = weights
        self.bias = bias
        self.nonlinearity = nonlinearity
    }

    /// `nonlinearity(b + w₀x₀ + w₁x₁ + …)`, summed left to right as micrograd does (2 nodes per input).
    public func callAsFunction(_ inputs: [Value]) -> Value {
        precondition(inputs.count == weights.count,
                     "neuron expects \(weights.count) inputs, got \(inputs.count)")
        let sum = Value.weightedSum(bias: bias, weights: weights, inputs: inputs)
        return nonlinearity.apply(sum)
    }

    /// Weights then bias.
    public var parameters: [Value] { weights + [bias] }
}

/// A fully connected layer of neurons sharing the same inputs.
public final class Layer {
    /// The neurons ([outputs]).
    public let neurons: [Neuron]

    /// `outputs` neurons of `inputs` inputs each.
    public init<G: RandomNumberGenerator>(inputs: Int, outputs: Int, nonlinearity: Nonlinearity,
                                          using generator: inout G) {
        neurons = (0..<outputs).map { _ in Neuron(inputs: inputs, nonlinearity: nonlinearity, using: &generator) }
    }

    /// A layer of given neurons.
    public init(neurons: [Neuron]) {
        precondition(!neurons.isEmpty, "a layer needs at least one neuron")
        self.neurons = neurons
    }

    /// Each neuron applied to `inputs`.
    public func callAsFunction(_ inputs: [Value]) -> [Value] { neurons.map { $0(inputs) } }

    /// Every neuron's parameters, in order.
    public var parameters: [Value] { neurons.flatMap(\.parameters) }
}

/// A multilayer perceptron: hidden layers with `nonlinearity`, a linear last layer.
public final class MLP {
    /// The layers, input side first.
    public let layers: [Layer]
    /// Every parameter, layer by layer (cached: the same `Value` objects are updated in place).
    public let parameters: [Value]

    /// `MLP(inputs: 2, layers: [16, 16, 1], using: &rng)` — weights uniform in [−1, 1], biases 0.
    public init<G: RandomNumberGenerator>(inputs: Int, layers sizes: [Int], nonlinearity: Nonlinearity = .relu,
                                          using generator: inout G) {
        precondition(!sizes.isEmpty && sizes.allSatisfy { $0 > 0 }, "an MLP needs at least one non-empty layer")
        var built: [Layer] = []
        var fanIn = inputs
        for (index, size) in sizes.enumerated() {
            let last = index == sizes.count - 1
            built.append(Layer(inputs: fanIn, outputs: size, nonlinearity: last ? .linear : nonlinearity,
                               using: &generator))
            fanIn = size
        }
        layers = built
        parameters = built.flatMap(\.parameters)
    }

    /// The same architecture over given parameter `Value`s, in `parameters` order (weights then bias, neuron by
    /// neuron, layer by layer) — so a gradient check or a checkpoint can supply its own leaves.
    public init(inputs: Int, layers sizes: [Int], nonlinearity: Nonlinearity = .relu, parameters: [Value]) {
        let expected = zip([inputs] + sizes.dropLast(), sizes).map { ($0 + 1) * $1 }.reduce(0, +)
        precondition(parameters.count == expected,
                     "an MLP \(inputs)-\(sizes.map(String.init).joined(separator: "-")) has \(expected) "
                        + "parameters, got \(parameters.count)")
        var next = 0
        var built: [Layer] = []
        var fanIn = inputs
        for (index, size) in sizes.enumerated() {
            let activation = index == sizes.count - 1 ? Nonlinearity.linear : nonlinearity
            built.append(Layer(neurons: (0..<size).map { _ in
                let weights = Array(parameters[next..<next + fanIn])
                next += fanIn + 1
                return Neuron(weights: weights, bias: parameters[next - 1], nonlinearity: activation)
            }))
            fanIn = size
        }
        layers = built
        self.parameters = parameters
    }

    /// The network's outputs for one input vector.
    public func callAsFunction(_ inputs: [Value]) -> [Value] {
        var activations = inputs
        for layer in layers { activations = layer(activations) }
        return activations
    }

    /// The outputs for plain numbers (each becomes a leaf).
    public func callAsFunction(_ inputs: [Double]) -> [Value] { self(inputs.map { Value($0) }) }

    /// Sets every parameter's gradient to 0.
    public func zeroGrad() {
        for parameter in parameters { parameter.grad = 0 }
    }

    /// Plain gradient descent: `p ← p − learningRate · ∂L/∂p` for every parameter.
    public func step(learningRate: Double) {
        for parameter in parameters { parameter.data -= learningRate * parameter.grad }
    }
}

// MARK: - Losses for classification with labels ±1

/// Losses of micrograd's moons demo.
public enum ScalarLoss {
    /// The SVM max-margin loss `mean(relu(1 − yᵢ·sᵢ))` for labels yᵢ = ±1 and scores sᵢ.
    public static func maxMargin(scores: [Value], labels: [Double]) -> Value {
        precondition(scores.count == labels.count && !scores.isEmpty, "one label per score, at least one")
        let margins = zip(scores, labels).map { score, label in (1 - label * score).relu() }
        return Value.sum(margins) * (1 / Double(margins.count))
    }

    /// L2 regularisation `alpha · Σ p²` over `parameters`.
    public static func l2(_ parameters: [Value], alpha: Double) -> Value {
        alpha * Value.sum(parameters.lazy.map { $0 * $0 })
    }

    /// Fraction of scores whose sign matches the ±1 label (score > 0 means +1).
    public static func accuracy(scores: [Value], labels: [Double]) -> Double {
        let right = zip(scores, labels).filter { score, label in (score.data > 0) == (label > 0) }.count
        return Double(right) / Double(scores.count)
    }
}
