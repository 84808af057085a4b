import Foundation
import NN
import Render
import TensorGrad

/// The surface f(x, y) = a·x² + b·y²: a long, narrow valley when b ≫ a (ill-conditioned: the curvatures 2a and 2b
/// differ by the factor b/a, so one learning rate cannot suit both directions).
struct Valley {
    let a: Double, b: Double

    /// f at (x, y).
    func f(_ x: Double, _ y: Double) -> Double { a * x * x + b * y * y }
    /// ∇f in closed form: (2a·x, 2b·y).
    func gradient(_ p: [Double]) -> [Double] { [2 * a * p[0], 2 * b * p[1]] }

    /// f of a 2-element parameter tensor, built from tensor ops so backward gives its gradient.
    func f(_ p: Tensor<Float>) -> Tensor<Float> {
        (p * p * Tensor(shape: [2], scalars: [Float(a), Float(b)])).sum()
    }
}

/// One optimizer of the lesson with the learning rate it uses on the valley.
struct Method {
    enum Kind { case sgd, momentum, adagrad, rmsprop, adam }
    let kind: Kind
    let learningRate: Double
    static let momentum = 0.9
    static let rmsAlpha = 0.99
    static let beta1 = 0.9, beta2 = 0.999
    static let adamEpsilon = 1e-8, rmsEpsilon = 1e-8, adagradEpsilon = 1e-10

    /// The name in `language`: the optimizers keep their proper names, momentum is 动量法 in Chinese.
    func name(_ language: Language) -> String {
        language == .zh && kind == .momentum ? "动量法" : name
    }

    /// The English name, also the key of the lesson's tables.
    var name: String {
        switch kind {
        case .sgd: return "SGD"
        case .momentum: return "Momentum"
        case .adagrad: return "Adagrad"
        case .rmsprop: return "RMSProp"
        case .adam: return "Adam"
        }
    }

    /// The NN optimizer over the one parameter `p`.
    func make(_ p: Tensor<Float>) -> any Optimizer {
        let params = [(name: "p", tensor: p)], lr = Float(learningRate)
        switch kind {
        case .sgd: return SGD(params, learningRate: lr)
        case .momentum: return SGD(params, learningRate: lr, momentum: Float(Method.momentum))
        case .adagrad: return Adagrad(params, learningRate: lr, epsilon: Float(Method.adagradEpsilon))
        case .rmsprop:
            return RMSProp(params, learningRate: lr, alpha: Float(Method.rmsAlpha), epsilon: Float(Method.rmsEpsilon))
        case .adam:
            return Adam(params, learningRate: lr, beta1: Float(Method.beta1), beta2: Float(Method.beta2),
                        epsilon: Float(Method.adamEpsilon))
        }
    }

    /// The optimizer's state slots shown in the table, with their symbols.
    var slots: [(slot: String, symbol: String)] {
        switch kind {
        case .sgd: return []
        case .momentum: return [("momentum_buffer", "b")]
        case .adagrad: return [("sum", "s")]
        case .rmsprop: return [("square_avg", "v")]
        case .adam: return [("exp_avg", "m"), ("exp_avg_sq", "v")]
        }
    }
}

/// One update as the optimizer made it: gradient, state after the update, and the change of the parameter.
struct RecordedUpdate {
    var t: Int
    var p: [Double]
    var g: [Double]
    var state: [String: [Double]]
    var delta: [Double]
}

/// A method run on the valley with the real optimizer: the first updates recorded, the whole path kept.
struct MethodRun {
    let method: Method
    var updates: [RecordedUpdate] = []
    var xs: [Double] = [], ys: [Double] = []

    init(method: Method, valley: Valley, start: [Double], steps: Int, recorded: Int) {
        self.method = method
        let p = Tensor<Float>(shape: [2], scalars: start.map(Float.init), requiresGrad: true)
        let optimizer = method.make(p)
        xs.append(Double(p.scalars[0]))
        ys.append(Double(p.scalars[1]))
        for t in 1...steps {
            p.zeroGrad()
            valley.f(p).backward()
            let before = p.scalars.map(Double.init)
            let g = p.grad!.scalars.map(Double.init)
            optimizer.step()
            let after = p.scalars.map(Double.init)
            xs.append(after[0])
            ys.append(after[1])
            guard t <= recorded else { continue }
            let exported = Dictionary(optimizer.exportState().map { ($0.name, $0.values.map(Double.init)) },
                                      uniquingKeysWith: { a, _ in a })
            var state: [String: [Double]] = [:]
            for (slot, symbol) in method.slots { state[symbol] = exported["p.\(slot)"] }
            updates.append(RecordedUpdate(t: t, p: before, g: g, state: state,
                                          delta: zip(after, before).map { $0 - $1 }))
        }
    }

    /// The same first updates computed by hand in Double from the formulas (closed-form gradient, no NN code).
    static func byHand(_ method: Method, valley: Valley, start: [Double], steps: Int) -> [[Double]] {
        var p = start, s1 = [0.0, 0.0], s2 = [0.0, 0.0]
        let lr = method.learningRate
        var deltas: [[Double]] = []
        for t in 1...steps {
            let g = valley.gradient(p)
            var d = [0.0, 0.0]
            for i in 0..<2 {
                switch method.kind {
                case .sgd: d[i] = -lr * g[i]
                case .momentum:
                    s1[i] = t == 1 ? g[i] : Method.momentum * s1[i] + g[i]
                    d[i] = -lr * s1[i]
                case .adagrad:
                    s1[i] += g[i] * g[i]
                    d[i] = -lr * g[i] / (s1[i].squareRoot() + Method.adagradEpsilon)
                case .rmsprop:
                    s1[i] = Method.rmsAlpha * s1[i] + (1 - Method.rmsAlpha) * g[i] * g[i]
                    d[i] = -lr * g[i] / (s1[i].squareRoot() + Method.rmsEpsilon)
                case .adam:
                    s1[i] = Method.beta1 * s1[i] + (1 - Method.beta1) * g[i]
                    s2[i] = Method.beta2 * s2[i] + (1 - Method.beta2) * g[i] * g[i]
                    let mHat = s1[i] / (1 - pow(Method.beta1, Double(t)))
                    let vHat = s2[i] / (1 - pow(Method.beta2, Double(t)))
                    d[i] = -lr * mHat / (vHat.squareRoot() + Method.adamEpsilon)
                }
            }
            p = zip(p, d).map { $0 + $1 }
            deltas.append(d)
        }
        return deltas
    }
}
