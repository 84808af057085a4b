import Foundation
import Groundwork
import NN
import TensorGrad
import Testing
@testable import Interchange

@Suite struct RoundTripTests {
    @Test(arguments: Architecture.allCases)
    func exportThenImportGivesIdenticalLogits(architecture: Architecture) throws {
        let model = architecture.makeModel(seed: 7, stream: RandomStream(seed: 7))
        model.eval()
        let onnx = try ONNXExport.model(model, inputShape: Architecture.imageShape, name: architecture.rawValue)
        let back = try Fixture.load(onnx)
        let x = Tensor(shape: [3, 1, 28, 28], scalars: Fixture.values(3 * 784))
        #expect(back.model.forward(x).scalars == model.forward(x).scalars)
        #expect(back.model.namedParameters.map(\.name) == model.namedParameters.map(\.name))
        #expect(back.inputShape == [1, 28, 28] && back.opset == 13)
    }

    @Test func batchNormAndLeakyReluSurviveTheRoundTrip() throws {
        var g = SeededGenerator(seed: 3)
        let norm = BatchNorm2d(4)
        Fixture.values(4, seed: 5).enumerated().forEach { i, v in norm.runningMean.withUnsafeMutableBufferPointer { $0[i] = v } }
        let model = Sequential([("conv", Conv2d(1, 4, kernelSize: 3, padding: 1, generator: &g)), ("bn", norm),
                                ("act", LeakyReLU(0.1)), ("pool", AvgPool2d(2)), ("flat", Flatten()),
                                ("fc", Linear(4 * 3 * 3, 5, generator: &g)), ("out", LogSoftmax())])
        model.eval()
        let back = try Fixture.load(try ONNXExport.model(model, inputShape: [1, 6, 6], name: "bn"))
        let x = Tensor(shape: [2, 1, 6, 6], scalars: Fixture.values(72))
        #expect(back.model.forward(x).scalars == model.forward(x).scalars)
    }

    @Test func theWireFormatRoundTripsEveryField() throws {
        let model = Architecture.seed.makeModel(seed: 1, stream: RandomStream(seed: 1))
        let onnx = try ONNXExport.model(model, inputShape: [1, 28, 28], name: "seed", producerVersion: "test")
        #expect(try ONNXModel.decode(onnx.encoded()) == onnx)
    }

    @Test func varintsAndLengthsAreCheckedAgainstTheBytesLeft() throws {
        var w = ProtoWriter()
        w.int(1, -1)
        w.int(2, 300)
        var r = ProtoReader(w.bytes[...], context: "test")
        #expect(try r.nextField()?.number == 1 && r.int64() == -1)
        #expect(try r.nextField()?.number == 2 && r.varint() == 300)
        #expect(try r.nextField() == nil)
        // A length of 100 with 1 byte left.
        var short = ProtoReader([0x0A, 100, 1][...], context: "test")
        _ = try short.nextField()
        #expect(throws: ONNXError.truncated(context: "test", reason: "a field declares 100 bytes, only 1 are left")) {
            try short.lengthDelimited()
        }
        var endless = ProtoReader([UInt8](repeating: 0xFF, count: 11)[...], context: "test")
        #expect(throws: ONNXError.self) { try endless.varint() }
    }

    @Test func externalDataBesideTheModelIsRead() throws {
        let dir = NSTemporaryDirectory() + "dlx-onnx-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let weights = Fixture.values(6, seed: 3)
        let raw = ONNXTensor(name: "W", dims: [2, 3], floats: weights).rawData
        try Data([9, 9, 9, 9] + raw).write(to: URL(fileURLWithPath: dir + "/weights.bin"))
        var w = ONNXTensor()
        (w.name, w.dims, w.dataType, w.dataLocation) = ("W", [2, 3], 1, 1)
        w.externalData = [("location", "weights.bin"), ("offset", "4"), ("length", "24")]
        let m = Fixture.model(input: [3], nodes: [Fixture.node("Gemm", ["x", "W"], "y", [.int("transB", 1)])], initializers: [w])
        try m.write(to: dir + "/m.onnx")
        let imported = try ONNXImport.load(dir + "/m.onnx")
        let x: [Float] = [1, 2, 3]
        #expect(Fixture.run(imported, x) == [weights[0] + 2 * weights[1] + 3 * weights[2], weights[3] + 2 * weights[4] + 3 * weights[5]])
        // Climbing out of the model's folder is refused.
        w.externalData = [("location", "../weights.bin")]
        try Fixture.model(input: [3], nodes: [Fixture.node("Gemm", ["x", "W"], "y", [.int("transB", 1)])], initializers: [w]).write(to: dir + "/bad.onnx")
        #expect { try ONNXImport.load(dir + "/bad.onnx") } throws: { "\($0)".contains("leaves the model's folder") }
    }
}
