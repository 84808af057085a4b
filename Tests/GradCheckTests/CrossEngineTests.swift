import Groundwork
import Datasets
import Testing
import ScalarGrad
import TensorGrad

/// The same small MLP in both engines, with the same weights, must give the same loss and the same gradients:
/// two independent implementations of backpropagation checking each other.
@Suite struct CrossEngineTests {
    @Test func scalarAndTensorMLPAgreeTo1e9() {
        let inputs = 2, hidden = 3, points = 5
        var generator = SeededGenerator(seed: 11)
        let xs = (0..<points).map { _ in (0..<inputs).map { _ in generator.nextNormal() } }
        let ys = (0..<points).map { _ in generator.nextNormal() }
        let scalarNet = MLP(inputs: inputs, layers: [hidden, 1], nonlinearity: .tanh, using: &generator)

        // Scalar engine: mean squared error over the points.
        let errors = xs.indices.map { i in (scalarNet(xs[i])[0] - ys[i]).pow(2) }
        let scalarLoss = Value.sum(errors) * (1 / Double(points))
        scalarLoss.backward()

        // Tensor engine with the same numbers: MLP.parameters is neuron by neuron, weights then bias.
        let p = scalarNet.parameters.map(\.data)
        let w1 = Tensor<Double>(shape: [hidden, inputs], scalars: (0..<hidden).flatMap { j in
            (0..<inputs).map { p[j * (inputs + 1) + $0] } }, requiresGrad: true)
        let b1 = Tensor<Double>(shape: [hidden], scalars: (0..<hidden).map { p[$0 * (inputs + 1) + inputs] },
                                requiresGrad: true)
        let offset = hidden * (inputs + 1)
        let w2 = Tensor<Double>(shape: [1, hidden], scalars: Array(p[offset..<(offset + hidden)]), requiresGrad: true)
        let b2 = Tensor<Double>(shape: [1], scalars: [p[offset + hidden]], requiresGrad: true)
        let x = Tensor<Double>(shape: [points, inputs], scalars: xs.flatMap { $0 })
        let y = Tensor<Double>(shape: [points, 1], scalars: ys)
        let tensorLoss = x.linear(weight: w1, bias: b1).tanh().linear(weight: w2, bias: b2).mseLoss(y)
        tensorLoss.backward()

        #expect(abs(tensorLoss.item - scalarLoss.data) < 1e-9)
        let hiddenGrads: [Double] = (0..<hidden).flatMap { (j: Int) -> [Double] in
            (0..<inputs).map { w1.grad!.scalars[j * inputs + $0] } + [b1.grad!.scalars[j]]
        }
        let tensorGrads: [Double] = hiddenGrads + w2.grad!.scalars + b2.grad!.scalars
        let scalarGrads = scalarNet.parameters.map(\.grad)
        #expect(tensorGrads.count == scalarGrads.count)
        for (t, s) in zip(tensorGrads, scalarGrads) { #expect(abs(t - s) < 1e-9, "tensor \(t) vs scalar \(s)") }
    }
}
