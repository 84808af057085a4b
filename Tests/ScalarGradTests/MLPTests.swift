import Groundwork
import Datasets
import Foundation
import Testing
@testable import ScalarGrad

@Suite struct MLPTests {
    @Test func shapesParametersAndLinearLastLayer() {
        var generator = SeededGenerator(seed: 3)
        let model = MLP(inputs: 2, layers: [16, 16, 1], using: &generator)
        #expect(model.parameters.count == (2 + 1) * 16 + (16 + 1) * 16 + (16 + 1) * 1)
        #expect(model.layers.map(\.neurons.count) == [16, 16, 1])
        #expect(model.layers.map { $0.neurons[0].nonlinearity } == [.relu, .relu, .linear])
        #expect(model.parameters.allSatisfy { (-1...1).contains($0.data) })
        #expect(model([0.5, -0.5]).count == 1)
        var tanhGenerator = SeededGenerator(seed: 3)
        let tanhModel = MLP(inputs: 2, layers: [4, 1], nonlinearity: .tanh, using: &tanhGenerator)
        #expect(tanhModel.layers[0].neurons[0].nonlinearity == .tanh)
    }

    @Test func sameSeedSameInitialisation() {
        var a = SeededGenerator(seed: 9), b = SeededGenerator(seed: 9)
        let first = MLP(inputs: 3, layers: [4, 2], using: &a).parameters.map(\.data)
        #expect(first == MLP(inputs: 3, layers: [4, 2], using: &b).parameters.map(\.data))
    }

    @Test func neuronComputesItsWeightedSum() {
        var generator = SeededGenerator(seed: 1)
        let neuron = Neuron(inputs: 2, nonlinearity: .tanh, using: &generator)
        neuron.weights[0].data = 0.5
        neuron.weights[1].data = -1
        neuron.bias.data = 0.25
        let out = neuron([Value(2), Value(1)])
        #expect(abs(out.data - Foundation.tanh(0.25)) < 1e-12)
    }

    @Test func zeroGradAndStepUpdateParameters() {
        var generator = SeededGenerator(seed: 5)
        let model = MLP(inputs: 1, layers: [1], using: &generator)
        let w = model.parameters[0], b = model.parameters[1]
        let before = (w.data, b.data)
        let loss = model([2.0])[0] * 1.0
        loss.backward()
        #expect(w.grad == 2 && b.grad == 1)
        model.step(learningRate: 0.1)
        #expect(abs(w.data - (before.0 - 0.2)) < 1e-15 && abs(b.data - (before.1 - 0.1)) < 1e-15)
        model.zeroGrad()
        #expect(model.parameters.allSatisfy { $0.grad == 0 })
    }

    @Test func maxMarginLossL2AndAccuracy() {
        let scores = [Value(2), Value(0.5), Value(-1)]
        let labels: [Double] = [1, 1, 1]
        // relu(1-2)=0, relu(1-0.5)=0.5, relu(1+1)=2 → mean 2.5/3.
        #expect(abs(ScalarLoss.maxMargin(scores: scores, labels: labels).data - 2.5 / 3) < 1e-12)
        #expect(ScalarLoss.l2([Value(3), Value(-4)], alpha: 0.1).data == 0.1 * 25)
        #expect(abs(ScalarLoss.accuracy(scores: scores, labels: labels) - 2.0 / 3) < 1e-12)
    }
}
