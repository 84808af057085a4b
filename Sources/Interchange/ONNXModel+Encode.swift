import Foundation
import Groundwork

extension ONNXModel {
    /// The model as ONNX protobuf bytes (the same field numbers `decode` reads).
    public func encoded() -> [UInt8] {
        var w = ProtoWriter()
        w.int(1, irVersion)
        if !producerName.isEmpty { w.string(2, producerName) }
        if !producerVersion.isEmpty { w.string(3, producerVersion) }
        w.message(7) { graph.encode(into: &$0) }
        for opset in opsets {
            w.message(8) { o in
                if !opset.domain.isEmpty { o.string(1, opset.domain) }
                o.int(2, opset.version)
            }
        }
        return w.bytes
    }

    /// Writes the model to `path` atomically (`AtomicFile`).
    public func write(to path: String) throws {
        try AtomicFile.write(Data(encoded()), to: path)
    }
}

extension ONNXGraph {
    func encode(into w: inout ProtoWriter) {
        for node in nodes { w.message(1) { node.encode(into: &$0) } }
        if !name.isEmpty { w.string(2, name) }
        for tensor in initializers { w.message(5) { tensor.encode(into: &$0) } }
        for input in inputs { w.message(11) { input.encode(into: &$0) } }
        for output in outputs { w.message(12) { output.encode(into: &$0) } }
    }
}

extension ONNXNode {
    func encode(into w: inout ProtoWriter) {
        for input in inputs { w.string(1, input) }
        for output in outputs { w.string(2, output) }
        if !name.isEmpty { w.string(3, name) }
        w.string(4, opType)
        for attribute in attributes { w.message(5) { attribute.encode(into: &$0) } }
        if !domain.isEmpty { w.string(7, domain) }
    }
}

extension ONNXAttribute {
    func encode(into w: inout ProtoWriter) {
        w.string(1, name)
        switch type {
        case 1: w.float(2, float)
        case 2: w.int(3, int)
        case 3: w.bytes(4, string)
        case 4: if let tensor { w.message(5) { tensor.encode(into: &$0) } }
        case 6: for f in floats { w.float(7, f) }
        case 7: w.packedInts(8, ints)
        default: break
        }
        w.int(20, type)
    }
}

extension ONNXTensor {
    func encode(into w: inout ProtoWriter) {
        if !dims.isEmpty { w.packedInts(1, dims) }
        w.int(2, dataType)
        if !floatData.isEmpty {
            var packed = ProtoWriter()
            for f in floatData { let b = f.bitPattern; packed.rawBytes((0..<4).map { UInt8(truncatingIfNeeded: b >> (8 * UInt32($0))) }) }
            w.bytes(4, packed.bytes)
        }
        if !int64Data.isEmpty { w.packedInts(7, int64Data) }
        if !name.isEmpty { w.string(8, name) }
        if !rawData.isEmpty { w.bytes(9, rawData) }
        for entry in externalData {
            w.message(13) { e in
                e.string(1, entry.key)
                e.string(2, entry.value)
            }
        }
        if dataLocation != 0 { w.int(14, dataLocation) }
    }
}

extension ONNXValueInfo {
    func encode(into w: inout ProtoWriter) {
        w.string(1, name)
        w.message(2) { typeProto in
            typeProto.message(1) { tensorType in
                tensorType.int(1, elementType)
                tensorType.message(2) { shape in
                    for (i, size) in dims.enumerated() {
                        shape.message(1) { dim in
                            if let size { dim.int(1, size) } else { dim.string(2, dimNames[i]) }
                        }
                    }
                }
            }
        }
    }
}
