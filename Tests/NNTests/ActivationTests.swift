import Testing
import TensorGrad
@testable import NN

/// Activation layers name their functions by `TensorOp`, and print PyTorch's class names made from it.
@Suite struct ActivationTests {
    @Test func summariesArePyTorchClassNames() {
        #expect([ReLU(), Tanh(), Sigmoid(), LeakyReLU(), LogSoftmax()].map(\.summary)
                == ["ReLU", "Tanh", "Sigmoid", "LeakyReLU 0.01", "LogSoftmax"])
    }

    @Test func layerComputesItsOp() {
        let x = Tensor<Float>(shape: [1, 4], scalars: [-1.5, -0.2, 0.3, 2])
        for layer in [ReLU(), Tanh(), Sigmoid(), LeakyReLU(0.1)] {
            let y = layer.forward(x)
            #expect(y.scalars == x.applying(layer.function.op, slope: 0.1).scalars)
        }
        #expect(TensorOp.activations.allSatisfy { x.applying($0).shape == x.shape })
    }
}
