import Datasets
import Foundation
import NN
import TensorGrad

/// What a learner sets on the training playground: the data, the network and how it trains. Decoded from the
/// page's JSON; `validate()` names any field that is out of range and what was expected.
public struct PlaygroundSettings: Codable, Equatable, Sendable {
    /// The 2-D data sets.
    public enum DataSet: String, Codable, CaseIterable, Sendable { case moons, circles, spirals, xor, blobs }
    /// Hidden-layer activations.
    public enum ActivationName: String, Codable, CaseIterable, Sendable { case tanh, relu, sigmoid, leakyRelu }
    /// Optimizers ("momentum" is SGD with momentum 0.9).
    public enum OptimizerName: String, Codable, CaseIterable, Sendable { case sgd, momentum, adagrad, rmsprop, adam }

    /// Which data set.
    public var dataset: DataSet = .spirals
    /// Number of points (train + validation).
    public var points: Int = 300
    /// Noise of the generator (its own units: the standard deviation added to coordinates or angles).
    public var noise: Double = 0.1
    /// Share of the points held out for validation.
    public var validationFraction: Double = 0.3
    /// The first input coordinate is multiplied by this before the network sees it (1: as generated). A large
    /// value makes a badly scaled problem, the case where Adam's per-weight step sizes help.
    public var inputScale: Double = 1
    /// Widths of the hidden layers (0 to 6 layers of 1 to 32 units).
    public var hidden: [Int] = [16, 16]
    /// Activation after every hidden layer.
    public var activation: ActivationName = .tanh
    /// The optimizer.
    public var optimizer: OptimizerName = .adam
    /// Learning rate.
    public var learningRate: Double = 0.03
    /// Examples per step.
    public var batchSize: Int = 16
    /// L1 strength λ₁ (λ₁·Σ|w| over the weights added to the loss).
    public var l1: Double = 0
    /// L2 strength λ₂ (λ₂·Σw² over the weights added to the loss).
    public var l2: Double = 0
    /// Dropout probability after every hidden activation (0: none).
    public var dropout: Double = 0
    /// Seed of the data and of the initial weights.
    public var seed: UInt64 = 1

    /// Limits the page and the server share.
    public static let maximumLayers = 6, maximumWidth = 32, maximumPoints = 2000, maximumBatch = 512

    /// The defaults.
    public init() {}

    /// Reads every field that is present and keeps the default for the rest.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func read<T: Decodable>(_ key: CodingKeys, _ value: inout T) throws {
            if let v = try c.decodeIfPresent(T.self, forKey: key) { value = v }
        }
        try read(.dataset, &dataset); try read(.points, &points); try read(.noise, &noise)
        try read(.validationFraction, &validationFraction); try read(.inputScale, &inputScale)
        try read(.hidden, &hidden); try read(.activation, &activation); try read(.optimizer, &optimizer)
        try read(.learningRate, &learningRate); try read(.batchSize, &batchSize); try read(.l1, &l1)
        try read(.l2, &l2); try read(.dropout, &dropout); try read(.seed, &seed)
    }

    /// Throws `PlaygroundError.invalidSetting` naming the first field out of range.
    public func validate() throws {
        func check(_ ok: Bool, _ field: String, _ expected: SettingRange) throws {
            if !ok { throw PlaygroundError.invalidSetting(field: field, expected: expected) }
        }
        let maximumPoints = Double(Self.maximumPoints), maximumBatch = Double(Self.maximumBatch)
        try check((20...Self.maximumPoints).contains(points), "points", .closed(20, maximumPoints))
        try check(noise.isFinite && (0...1).contains(noise), "noise", .closed(0, 1))
        try check(validationFraction.isFinite && (0.1...0.5).contains(validationFraction), "validationFraction",
                  .closed(0.1, 0.5))
        try check(inputScale.isFinite && (0.001...1000).contains(inputScale), "inputScale", .closed(0.001, 1000))
        try check(hidden.count <= Self.maximumLayers, "hidden", .layers(Self.maximumLayers))
        try check(hidden.allSatisfy { (1...Self.maximumWidth).contains($0) }, "hidden", .widths(Self.maximumWidth))
        try check(learningRate.isFinite && learningRate > 0 && learningRate <= 10, "learningRate", .openClosed(0, 10))
        try check((1...Self.maximumBatch).contains(batchSize), "batchSize", .closed(1, maximumBatch))
        try check(l1.isFinite && (0...1).contains(l1), "l1", .closed(0, 1))
        try check(l2.isFinite && (0...1).contains(l2), "l2", .closed(0, 1))
        try check(dropout.isFinite && (0...0.9).contains(dropout), "dropout", .closed(0, 0.9))
    }

    /// The generated points (before the split), in generator coordinates.
    public func data() -> PointSet {
        switch dataset {
        case .moons: return Synthetic.moons(count: points, noise: noise, seed: seed)
        case .circles: return Synthetic.circles(count: points, noise: noise, seed: seed)
        case .spirals: return Synthetic.spirals(count: points, classes: 3, noise: noise, seed: seed)
        case .xor: return Synthetic.xor(count: points, noise: noise, seed: seed)
        case .blobs: return Synthetic.blobs(count: points, classes: 3, spread: 0.3 + 2 * noise, seed: seed)
        }
    }

    /// The activation module of a hidden layer.
    func activationModule() -> Activation {
        switch activation {
        case .tanh: return Tanh()
        case .relu: return ReLU()
        case .sigmoid: return Sigmoid()
        case .leakyRelu: return LeakyReLU(0.01)
        }
    }

    /// A fresh optimizer of the chosen kind over `parameters`.
    func makeOptimizer(_ parameters: [(name: String, tensor: Tensor<Float>)]) -> any Optimizer {
        let lr = Float(learningRate)
        switch optimizer {
        case .sgd: return OptimizerKind.sgd.make(parameters, learningRate: lr, momentum: 0, weightDecay: 0)
        case .momentum: return OptimizerKind.sgd.make(parameters, learningRate: lr, momentum: 0.9, weightDecay: 0)
        case .adagrad: return OptimizerKind.adagrad.make(parameters, learningRate: lr, momentum: 0, weightDecay: 0)
        case .rmsprop: return OptimizerKind.rmsprop.make(parameters, learningRate: lr, momentum: 0, weightDecay: 0)
        case .adam: return OptimizerKind.adam.make(parameters, learningRate: lr, momentum: 0, weightDecay: 0)
        }
    }
}

/// What the playground refuses, each naming the thing and what was expected.
public enum PlaygroundError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A setting out of range.
    case invalidSetting(field: String, expected: SettingRange)
    /// A neuron or weight that does not exist in this network.
    case noSuchNeuron(layer: Int, unit: Int, expected: String)

    public var description: String {
        switch self {
        case let .invalidSetting(field, expected):
            return "setting \"\(field)\" is out of range; expected \(expected.text)"
        case let .noSuchNeuron(layer, unit, expected):
            return "layer \(layer) unit \(unit) is not a neuron of this network; expected \(expected)"
        }
    }
}
