import Groundwork
import Foundation
import Testing
import TensorGrad
@testable import NN

@Suite struct LayerTests {
    @Test func initialisationStaysWithinPyTorchsFanInBound() {
        var g = SeededGenerator(seed: 7)
        let conv = Conv2d(10, 20, kernelSize: 5, generator: &g)
        let bound = 1 / Float(250).squareRoot()
        for t in [conv.weight, conv.bias!] {
            let values = t.scalars
            #expect(values.allSatisfy { abs($0) <= bound })
            #expect(values.map(abs).max()! > 0.8 * bound)  // spread over the whole interval, not clustered
        }
        let linear = Linear(320, 50, generator: &g)
        #expect(linear.weight.scalars.allSatisfy { abs($0) <= 1 / Float(320).squareRoot() })
        #expect(linear.weight.shape == [50, 320] && conv.weight.shape == [20, 10, 5, 5])
    }

    @Test func architecturesDescribeLayersShapesAndParameters() throws {
        let seed = Architecture.seed.describe()
        #expect(seed.totalParameters == 21_840)
        #expect(seed.layers.map(\.name) == ["conv1", "pool1", "relu1", "conv2", "conv2_drop", "pool2", "relu2",
                                            "flatten", "fc1", "relu3", "dropout", "fc2", "log_softmax"])
        #expect(seed.layers[0].outputShape == [10, 24, 24] && seed.layers[7].outputShape == [320])
        #expect(seed.layers[0].parameterCount == 260 && seed.layers[8].kind == "Linear 320→50")
        #expect(Architecture.wide.describe().totalParameters == 225_034)
        #expect(Architecture.wide.describe().layers[6].outputShape == [1600])
        #expect(Architecture.mlp.describe().totalParameters == 101_770)
        let decoded = try JSONDecoder().decode(ArchitectureDescription.self, from: Data(seed.json.utf8))
        #expect(decoded == seed)
    }

    @Test func parametersAreNamedByLayerAndModeReachesEveryLayer() {
        let model = Architecture.seed.makeModel(seed: 1, stream: RandomStream(seed: 1))
        #expect(model.namedParameters.map(\.name) == ["conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias",
                                                      "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"])
        model.eval()
        #expect(model.layers.allSatisfy { !$0.module.isTraining })
        let x = Tensor<Float>(repeating: 0.5, shape: [3, 1, 28, 28])
        let a = model(x), b = model(x)
        #expect(a.shape == [3, 10] && a.scalars == b.scalars)  // eval: dropout off, deterministic
    }

    @Test func batchNormLayerKeepsRunningStatisticsAsBuffers() {
        let bn = BatchNorm2d(2)
        #expect(bn.namedParameters.map(\.name) == ["weight", "bias"])
        #expect(bn.namedBuffers.map(\.name) == ["running_mean", "running_var"])
        let x = Tensor<Float>(shape: [2, 2, 1, 1], scalars: [1, 10, 3, 20])
        _ = bn(x)
        #expect(abs(bn.runningMean.scalars[0] - 0.2) < 1e-6 && abs(bn.runningMean.scalars[1] - 1.5) < 1e-6)
    }
}
