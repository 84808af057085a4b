import Foundation
import NN
import Testing
@testable import Interchange

/// Files made to break the loader: each gives a named error, never a crash or an allocation of the claimed size.
@Suite struct HostileFileTests {
    let seedBytes: [UInt8] = {
        let model = Architecture.seed.makeModel(seed: 1, stream: RandomStream(seed: 1))
        return try! ONNXExport.model(model, inputShape: [1, 28, 28], name: "seed").encoded()
    }()

    @Test func everyTruncationIsANamedErrorNotACrash() {
        for cut in stride(from: 0, to: seedBytes.count, by: max(1, seedBytes.count / 97)) {
            #expect(throws: ONNXError.self) {
                try ONNXImport.importModel(try ONNXModel.decode(Array(seedBytes.prefix(cut))), directory: nil, name: "cut")
            }
        }
    }

    @Test func aTwoGigabyteTensorClaimIsRefusedBeforeAllocating() {
        var huge = ONNXTensor()
        (huge.name, huge.dims, huge.dataType) = ("W", [536_870_912], 1)  // 2 GiB of float32, no data
        let m = Fixture.model(input: [3], nodes: [Fixture.node("Relu", ["x"])], initializers: [huge])
        #expect { try ONNXModel.decode(m.encoded()) } throws: { error in
            guard case ONNXError.limitExceeded(let context, _, _) = error else { return false }
            return context.contains("'W'") && context.contains("536870912")
        }
    }

    @Test func hugeDeclaredDimsOverflowingIntAreRefused() {
        var t = ONNXTensor()
        (t.name, t.dims) = ("big", [Int64.max / 2, 4])
        #expect(throws: ONNXError.self) { try t.elementCount() }
        let m = Fixture.model(input: [3], nodes: [Fixture.node("Relu", ["x"])], initializers: [t])
        #expect(throws: ONNXError.self) { try ONNXModel.decode(m.encoded()) }
    }

    @Test func aCyclicGraphNamesItsNodes() {
        let m = Fixture.model(input: [3], nodes: [Fixture.node("Relu", ["x2"], "x1"), Fixture.node("Relu", ["x1"], "x2"),
                                                  Fixture.node("Relu", ["x"])])
        #expect { try Fixture.load(m) } throws: { "\($0)".contains("form a cycle") }
    }

    @Test func aMissingInitializerIsNamed() {
        let m = Fixture.model(input: [3], nodes: [Fixture.node("Gemm", ["x", "fc.weight"], "y", [.int("transB", 1)])])
        #expect { try Fixture.load(m) } throws: { error in
            "\(error)".contains("'fc.weight'") && "\(error)".contains("missing initializer")
        }
    }

    @Test func anUnsupportedOperatorIsRefusedWithNodeOpAndOpset() {
        let m = Fixture.model(input: [3], nodes: [ONNXNode(opType: "LSTM", name: "rnn1", inputs: ["x"], outputs: ["y"])])
        #expect(throws: ONNXError.unsupportedOperator(node: "rnn1", opType: "LSTM", opset: 17,
                                                      reason: "dlexplain imports " + ONNXImport.supportedOperators.joined(separator: ", "))) {
            try Fixture.load(m)
        }
    }

    @Test func aBranchingGraphIsRefusedSayingWhy() {
        let m = Fixture.model(input: [3], nodes: [Fixture.node("Relu", ["x"], "a"), Fixture.node("Sigmoid", ["x"], "b"),
                                                  Fixture.node("Add", ["a", "b"])])
        #expect { try Fixture.load(m) } throws: { "\($0)".contains("branches") }
    }

    @Test func garbageAndEmptyFilesAreNotONNX() throws {
        #expect(throws: ONNXError.self) { try ONNXModel.decode([]) }
        #expect(throws: ONNXError.self) { try ONNXModel.decode(Array("hello, I am a PNG".utf8)) }
        #expect { try ONNXImport.load("/nonexistent-dlx/m.onnx") } throws: { "\($0)".contains("No such file") }
    }

    @Test func anOpsetOutsideTheSupportedRangeIsNamed() {
        let m = Fixture.model(input: [3], nodes: [Fixture.node("Relu", ["x"])], opset: 3)
        #expect { try Fixture.load(m) } throws: { "\($0)".contains("opset 3") }
    }
}
