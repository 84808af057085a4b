#if DEBUG
import Foundation
import NN
import TensorGrad

/// Debug builds only: `NN.Adam.step()` mutates its two moment slots inside nested
/// `withUnsafeMutableBufferPointer` calls on the same stored property, which Swift's runtime exclusivity check
/// (on in debug builds; release builds of this package disable it) stops as an access conflict. Until NN is
/// fixed, the lesson's debug runs (smoke tests) use this copy of the same update, written without the overlap;
/// release runs use `NN.Adam` itself.
final class LessonAdam: Optimizer {
    let parameters: [(name: String, tensor: Tensor<Float>)]
    var learningRate: Float
    let beta1: Float, beta2: Float, epsilon: Float
    private(set) var stepCount = 0
    var slots: OptimizerSlots

    init(_ parameters: [(name: String, tensor: Tensor<Float>)], learningRate: Float, beta1: Float, beta2: Float,
         epsilon: Float) {
        self.parameters = parameters
        (self.learningRate, self.beta1, self.beta2, self.epsilon) = (learningRate, beta1, beta2, epsilon)
        slots = OptimizerSlots(names: ["exp_avg", "exp_avg_sq"], sizes: parameters.map(\.tensor.count))
    }

    func step() {
        stepCount += 1
        let t = Float(stepCount)
        let correction1 = 1 - powf(beta1, t), correction2 = 1 - powf(beta2, t)
        for (i, p) in parameters.enumerated() {
            guard let grad = p.tensor.grad?.scalars else { continue }
            var m = slots.values[0][i], v = slots.values[1][i]
            p.tensor.withUnsafeMutableBufferPointer { values in
                for j in 0..<values.count {
                    m[j] = beta1 * m[j] + (1 - beta1) * grad[j]
                    v[j] = beta2 * v[j] + (1 - beta2) * grad[j] * grad[j]
                    values[j] -= learningRate * (m[j] / correction1) / ((v[j] / correction2).squareRoot() + epsilon)
                }
            }
            slots.values[0][i] = m
            slots.values[1][i] = v
        }
    }

    func exportState() -> [NamedArray] { slots.export(parameters: parameters) }

    func importState(_ state: [NamedArray], stepCount: Int) throws {
        try slots.load(state, parameters: parameters)
        self.stepCount = stepCount
    }
}
#endif
