import Testing
import TensorGrad
@testable import GradCheck

@Suite struct TensorGradCheckTests {
    @Test func everyDifferentiableOpHasARegisteredCase() {
        #expect(TensorOpRegistry.missingOps == [])
    }

    @Test func everyRegisteredCasePassesTheJacobianVectorCheck() {
        for testCase in TensorOpRegistry.cases {
            let result = TensorGradCheck.check(testCase, seed: 42)
            #expect(!result.inputs.isEmpty, "\(testCase.name): no input requires grad")
            for input in result.inputs where !input.passed {
                Issue.record("""
                    \(testCase.name) input \(input.input) \(input.shape): element \(input.worstElement) \
                    analytical \(input.analytical) numerical \(input.numerical)
                    """)
            }
        }
    }

    @Test func aWrongDerivativeIsCaught() {
        // sin-like misuse: claim ∂tanh/∂x = 1 by checking tanh against a function whose backward is the identity.
        let x = Tensor<Double>(shape: [3], scalars: [0.3, -0.7, 1.1], requiresGrad: true)
        let result = TensorGradCheck.check(name: "tanh with identity backward", op: .tanh, inputs: [x]) { xs in
            // Forward tanh, backward of x + c: detach the tanh part, so backward sees a derivative of 1.
            let t = xs[0].tanh().detached()
            return xs[0] + (t - xs[0].detached())
        }
        #expect(!result.passed)
        #expect(result.inputs[0].maxAbsError > 0.1)
    }

    @Test func unknownOpNameIsNil() {
        #expect(TensorOpRegistry.cases(named: "conv3d") == nil)
        #expect(TensorOpRegistry.cases(named: "conv2d")?.count == 3)
    }
}
