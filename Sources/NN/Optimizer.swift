import TensorGrad

/// Updates parameters in place from their gradients (PyTorch's `torch.optim` update rules).
///
/// Per-parameter state (momentum, moments) is named `"<parameter>.<slot>"` (`"fc1.weight.exp_avg"`), which is how
/// checkpoints store it; `stepCount` counts completed steps (Adam's t).
public protocol Optimizer: AnyObject {
    /// The parameters updated, with their names.
    var parameters: [(name: String, tensor: Tensor<Float>)] { get }
    /// The learning rate of the next step (a schedule may change it between epochs).
    var learningRate: Float { get set }
    /// Completed steps.
    var stepCount: Int { get }
    /// One update of every parameter that has a gradient.
    func step()
    /// The state worth saving, named `"<parameter>.<slot>"`.
    func exportState() -> [NamedArray]
    /// Restores state saved by `exportState()`; throws if a slot is missing or has the wrong size.
    func importState(_ state: [NamedArray], stepCount: Int) throws
}

/// Per-parameter buffers of an optimizer, one array per (slot, parameter), created as zeros.
public struct OptimizerSlots {
    /// Slot names, e.g. `["exp_avg", "exp_avg_sq"]`.
    public let names: [String]
    /// `values[slot][parameter]`.
    public var values: [[[Float]]]

    /// Zeroed slots for parameters of the given sizes.
    public init(names: [String], sizes: [Int], initialValue: Float = 0) {
        self.names = names
        values = names.map { _ in sizes.map { [Float](repeating: initialValue, count: $0) } }
    }

    /// The slots as checkpoint arrays.
    public func export(parameters: [(name: String, tensor: Tensor<Float>)]) -> [NamedArray] {
        names.enumerated().flatMap { slot, slotName in
            parameters.enumerated().map { i, p in
                NamedArray(name: "\(p.name).\(slotName)", shape: p.tensor.shape.dims, values: values[slot][i])
            }
        }
    }

    /// Restores slots from checkpoint arrays, checking every name and size.
    public mutating func load(_ state: [NamedArray], parameters: [(name: String, tensor: Tensor<Float>)]) throws {
        let byName = Dictionary(state.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for (slot, slotName) in names.enumerated() {
            for (i, p) in parameters.enumerated() {
                let name = "\(p.name).\(slotName)"
                guard let saved = byName[name] else {
                    throw CheckpointError.missingTensor(name: "optimizer state", tensor: name,
                                                       available: state.map(\.name))
                }
                guard saved.shape == p.tensor.shape.dims else {
                    throw CheckpointError.shapeMismatch(name: "optimizer state", tensor: name,
                                                        expected: p.tensor.shape.dims, found: saved.shape)
                }
                values[slot][i] = saved.values
            }
        }
    }
}

/// The optimizers by name, for the command line and checkpoints.
public enum OptimizerKind: String, CaseIterable, Sendable, Codable {
    /// Stochastic gradient descent with optional momentum, Nesterov and weight decay.
    case sgd
    /// Adagrad.
    case adagrad
    /// RMSProp.
    case rmsprop
    /// Adam (L2 weight decay added to the gradient).
    case adam
    /// AdamW (decoupled weight decay).
    case adamw

    /// The learning rate PyTorch uses by default for this optimizer.
    public var defaultLearningRate: Float {
        switch self {
        case .sgd: return 0.01
        case .adagrad, .rmsprop: return 0.01
        case .adam, .adamw: return 1e-3
        }
    }

    /// An optimizer of this kind over `parameters`.
    public func make(_ parameters: [(name: String, tensor: Tensor<Float>)], learningRate: Float, momentum: Float,
                     weightDecay: Float, nesterov: Bool = false) -> any Optimizer {
        switch self {
        case .sgd:
            return SGD(parameters, learningRate: learningRate, momentum: momentum, nesterov: nesterov,
                       weightDecay: weightDecay)
        case .adagrad: return Adagrad(parameters, learningRate: learningRate, weightDecay: weightDecay)
        case .rmsprop:
            return RMSProp(parameters, learningRate: learningRate, momentum: momentum, weightDecay: weightDecay)
        case .adam: return Adam(parameters, learningRate: learningRate, weightDecay: weightDecay)
        case .adamw: return Adam(parameters, learningRate: learningRate, weightDecay: weightDecay, decoupled: true)
        }
    }
}

extension Optimizer {
    /// Calls `body(index, parameter values, gradient)` for every parameter that has a gradient.
    @inlinable
    func forEachGradient(_ body: (Int, UnsafeMutablePointer<Float>, UnsafePointer<Float>, Int) -> Void) {
        for (i, p) in parameters.enumerated() {
            guard let g = p.tensor.grad else { continue }
            body(i, p.tensor.storage.base, UnsafePointer(g.storage.base), p.tensor.count)
        }
    }
}
