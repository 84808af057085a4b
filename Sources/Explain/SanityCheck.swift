import Groundwork
import Datasets
import NN
import TensorGrad

/// Adebayo et al., "Sanity Checks for Saliency Maps" (2018): if a method explains the *model*, its map must change
/// when the model's weights are replaced by random ones. Layers are re-initialised as PyTorch initialises them
/// (U(±1/√fan_in)), from the top layer down (cascading) and one at a time (independent); each method's map is
/// compared with the trained model's by Spearman rank correlation of |map| (the paper's main measure).
public struct SanityCheck: Sendable {
    /// How the layers were randomised at a step.
    public enum Mode: String, Sendable {
        /// This layer and every layer above it.
        case cascading
        /// Only this layer.
        case independent
    }

    /// One randomised model.
    public struct Step: Sendable {
        /// Cascading or independent.
        public var mode: Mode
        /// The layer whose randomisation this step adds (cascading) or the only one randomised (independent).
        public var layer: String
        /// Every layer randomised at this step.
        public var randomised: [String]
        /// The maps of the randomised model, one per method.
        public var maps: [SaliencyMap]
        /// Spearman rank correlation of |map| with the trained model's, per method (same order as `maps`).
        public var correlations: [Double]

        /// The correlation for `method`, if it was checked.
        public func correlation(_ method: SaliencyMethod) -> Double? {
            maps.firstIndex { $0.method == method }.map { correlations[$0] }
        }
    }

    /// The methods checked, in order.
    public var methods: [SaliencyMethod]
    /// The class explained.
    public var target: Int
    /// The trained model's maps.
    public var trained: [SaliencyMap]
    /// Cascading steps (top layer first), then independent ones (top layer first).
    public var steps: [Step]
    /// A method whose map keeps a rank correlation at or above this after full randomisation is flagged.
    public var threshold: Double

    /// The cascading steps only.
    public var cascade: [Step] { steps.filter { $0.mode == .cascading } }
    /// The independent steps only.
    public var independent: [Step] { steps.filter { $0.mode == .independent } }

    /// Methods whose map barely changes when every layer is random: they do not explain the model.
    public var flagged: [SaliencyMethod] {
        guard let last = cascade.last else { return [] }
        return methods.filter { (last.correlation($0) ?? 0) >= threshold }
    }

    /// Runs the check for `image` and `target` (default: the predicted class). Layer weights are restored
    /// afterwards; randomisation is drawn from `seed`. `independent: false` skips the one-layer-at-a-time steps.
    public static func run(_ explainer: Explainer, image: [Float], target: Int? = nil,
                           methods: [SaliencyMethod] = SaliencyMethod.allCases, seed: UInt64 = 7,
                           threshold: Double = 0.5, independent: Bool = true) throws -> SanityCheck {
        try explainer.check(image)
        let target = target ?? explainer.predictedClass(image)
        try explainer.check(target: target)
        let model = explainer.model
        let saved = model.parameters.map(\.scalars)
        defer {
            for (p, values) in zip(model.parameters, saved) { overwrite(p, with: values) }
        }
        func maps() throws -> [SaliencyMap] { try methods.map { try explainer.saliency($0, image, target: target) } }
        let trained = try maps()
        func step(_ mode: Mode, _ layer: String, _ randomised: [String]) throws -> Step {
            let current = try maps()
            let rho = zip(trained, current).map {
                spearman($0.values.map(Swift.abs), $1.values.map(Swift.abs))
            }
            return Step(mode: mode, layer: layer, randomised: randomised, maps: current, correlations: rho)
        }
        let layers = model.layers.filter { !$0.module.namedParameters.isEmpty }.reversed()
        var steps: [Step] = []
        var generator = SeededGenerator(seed: seed)
        var done: [String] = []
        for layer in layers {
            randomise(layer.module, using: &generator)
            done.append(layer.name)
            steps.append(try step(.cascading, layer.name, done))
        }
        for (p, values) in zip(model.parameters, saved) { overwrite(p, with: values) }
        generator = SeededGenerator(seed: seed)
        for layer in layers where independent {
            let before = layer.module.parameters.map(\.scalars)
            randomise(layer.module, using: &generator)
            steps.append(try step(.independent, layer.name, [layer.name]))
            for (p, values) in zip(layer.module.parameters, before) { overwrite(p, with: values) }
        }
        return SanityCheck(methods: methods, target: target, trained: trained, steps: steps, threshold: threshold)
    }

    /// Re-initialises every parameter of `module` as PyTorch does: U(±1/√fan_in), fan_in from the weight's shape.
    static func randomise(_ module: any Module, using generator: inout SeededGenerator) {
        let params = module.namedParameters
        guard let weight = params.first(where: { $0.name == "weight" })?.tensor ?? params.first?.tensor else { return }
        let fanIn = Swift.max(1, weight.count / Swift.max(1, weight.shape[0]))
        let bound = 1 / Double(fanIn).squareRoot()
        for (_, tensor) in params {
            tensor.withUnsafeMutableBufferPointer { values in
                for i in values.indices { values[i] = Float((generator.nextUnit() * 2 - 1) * bound) }
            }
        }
    }

    static func overwrite(_ tensor: Tensor<Float>, with values: [Float]) {
        tensor.withUnsafeMutableBufferPointer { dst in for i in dst.indices { dst[i] = values[i] } }
    }
}

/// Spearman's rank correlation of two equally long samples (ties get their average rank); 0 when either is constant.
public func spearman(_ a: [Float], _ b: [Float]) -> Double {
    precondition(a.count == b.count, "spearman: \(a.count) and \(b.count) values")
    let ra = ranks(a), rb = ranks(b)
    let n = Double(a.count)
    let ma = ra.reduce(0, +) / n, mb = rb.reduce(0, +) / n
    var cov = 0.0, va = 0.0, vb = 0.0
    for i in ra.indices {
        cov += (ra[i] - ma) * (rb[i] - mb)
        va += (ra[i] - ma) * (ra[i] - ma)
        vb += (rb[i] - mb) * (rb[i] - mb)
    }
    return va > 0 && vb > 0 ? cov / (va * vb).squareRoot() : 0
}

/// 1-based ranks, ties sharing the mean of their positions.
func ranks(_ values: [Float]) -> [Double] {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var result = [Double](repeating: 0, count: values.count)
    var i = 0
    while i < order.count {
        var j = i
        while j + 1 < order.count && values[order[j + 1]] == values[order[i]] { j += 1 }
        let rank = Double(i + j) / 2 + 1
        for k in i...j { result[order[k]] = rank }
        i = j + 1
    }
    return result
}
