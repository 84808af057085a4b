// libFuzzer harness for the ONNX loader (Sources/Interchange): the protobuf wire reader, the message decoders
// with their limits, the tensor value readers, and the importer (topological sort, constant folding, layer
// mapping, one forward pass). Not a SwiftPM target: compiled with the Interchange, NN, TensorGrad, Tracing and
// Groundwork sources into one module (commands in Tests/Fuzz/README.md).
//
// Every input must decode or throw `ONNXError`; whatever decodes must survive encode → decode unchanged; whatever
// imports must run on a zero batch. A trap, ASan report, leak, hang or allocation over -rss_limit_mb is a bug.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzONNX(_ start: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: start, count: size))
    // Small limits so that a legal but large claim is refused rather than allocated (the defaults allow 256 MB).
    var limits = ONNXLimits()
    limits.elements = 1 << 20
    guard let model = try? ONNXModel.decode(bytes, limits: limits) else { return 0 }
    let again = try? ONNXModel.decode(model.encoded(), limits: limits)
    precondition(again == model, "a decoded ONNX model does not survive encode → decode")
    for tensor in model.graph.initializers {
        _ = try? tensor.floats(directory: nil, limits: limits)
        _ = try? tensor.ints(directory: nil, limits: limits)
    }
    if let imported = try? ONNXImport.importModel(model, directory: nil, name: "fuzz", limits: limits),
       imported.inputShape.reduce(1, *) <= 1 << 16 {
        let x = Tensor<Float>(shape: Shape([1] + imported.inputShape), scalars: [Float](repeating: 0.5, count: imported.inputShape.reduce(1, *)))
        _ = imported.model.forward(x)
    }
    return 0
}
