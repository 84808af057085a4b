import Foundation
import Groundwork

/// The limits a file must stay within; every count is checked before anything of that size is allocated.
public struct ONNXLimits: Sendable {
    /// Largest model file read (bytes).
    public var fileBytes = 1 << 30
    /// Most nodes in the graph.
    public var nodes = 10_000
    /// Most initializers, inputs or outputs.
    public var values = 10_000
    /// Most attributes per node, and most entries in an attribute's list.
    public var attributes = 1_024
    /// Most dimensions of a tensor.
    public var rank = 8
    /// Most elements in one tensor (64 Mi: 256 MB of float32), and in the whole model.
    public var elements = 64 << 20
    /// The defaults.
    public init() {}
}

extension ONNXModel {
    /// Reads and decodes the ONNX file at `path` (read whole with `FileBytes`, at most `limits.fileBytes`).
    public static func read(_ path: String, limits: ONNXLimits = ONNXLimits()) throws -> ONNXModel {
        let data: Data
        do { data = try FileBytes.read(path, limit: limits.fileBytes) } catch let failure as FileBytes.Failure {
            throw ONNXError.unreadable(path: path, reason: failure.reason)
        }
        do { return try decode([UInt8](data), limits: limits) } catch let error as ONNXError {
            throw ONNXError.inFile(path: path, error: error)
        }
    }

    /// Decodes a `ModelProto` (fields 1, 2, 3, 7, 8; the rest skipped).
    public static func decode(_ bytes: [UInt8], limits: ONNXLimits = ONNXLimits()) throws -> ONNXModel {
        guard !bytes.isEmpty else { throw ONNXError.malformed(context: "ModelProto", reason: "the file is empty") }
        var r = ProtoReader(bytes[...], context: "ModelProto")
        var model = ONNXModel()
        var sawGraph = false
        while let (field, type) = try r.nextField() {
            switch (field, type) {
            case (1, .varint): model.irVersion = try r.int64()
            case (2, .lengthDelimited): model.producerName = try r.string()
            case (3, .lengthDelimited): model.producerVersion = try r.string()
            case (7, .lengthDelimited):
                model.graph = try ONNXGraph.decode(try r.lengthDelimited(), limits: limits)
                sawGraph = true
            case (8, .lengthDelimited):
                guard model.opsets.count < limits.values else {
                    throw ONNXError.limitExceeded(context: "ModelProto", what: "opset_import", limit: limits.values)
                }
                var o = ProtoReader(try r.lengthDelimited(), context: "OperatorSetIdProto")
                var entry = (domain: "", version: Int64(0))
                while let (f, t) = try o.nextField() {
                    switch (f, t) {
                    case (1, .lengthDelimited): entry.domain = try o.string()
                    case (2, .varint): entry.version = try o.int64()
                    default: try o.skip(t)
                    }
                }
                model.opsets.append(entry)
            default: try r.skip(type)
            }
        }
        guard sawGraph else {
            throw ONNXError.malformed(context: "ModelProto", reason: "it holds no graph (field 7); expected an ONNX model")
        }
        return model
    }
}

extension ONNXGraph {
    static func decode(_ bytes: ArraySlice<UInt8>, limits: ONNXLimits) throws -> ONNXGraph {
        var r = ProtoReader(bytes, context: "GraphProto")
        var graph = ONNXGraph()
        var elements = 0
        func check(_ count: Int, _ what: String, _ limit: Int) throws {
            guard count < limit else { throw ONNXError.limitExceeded(context: "GraphProto", what: what, limit: limit) }
        }
        while let (field, type) = try r.nextField() {
            switch (field, type) {
            case (1, .lengthDelimited):
                try check(graph.nodes.count, "the number of nodes", limits.nodes)
                graph.nodes.append(try ONNXNode.decode(try r.lengthDelimited(), limits: limits))
            case (2, .lengthDelimited): graph.name = try r.string()
            case (5, .lengthDelimited):
                try check(graph.initializers.count, "the number of initializers", limits.values)
                let tensor = try ONNXTensor.decode(try r.lengthDelimited(), limits: limits)
                elements += try tensor.elementCount(limits: limits)
                guard elements <= limits.elements else {
                    throw ONNXError.limitExceeded(context: "GraphProto", what: "the initializers' elements in total",
                                                  limit: limits.elements)
                }
                graph.initializers.append(tensor)
            case (11, .lengthDelimited):
                try check(graph.inputs.count, "the number of inputs", limits.values)
                graph.inputs.append(try ONNXValueInfo.decode(try r.lengthDelimited(), limits: limits))
            case (12, .lengthDelimited):
                try check(graph.outputs.count, "the number of outputs", limits.values)
                graph.outputs.append(try ONNXValueInfo.decode(try r.lengthDelimited(), limits: limits))
            default: try r.skip(type)  // value_info, doc strings, sparse initializers, annotations
            }
        }
        return graph
    }
}

extension ONNXNode {
    static func decode(_ bytes: ArraySlice<UInt8>, limits: ONNXLimits) throws -> ONNXNode {
        var r = ProtoReader(bytes, context: "NodeProto")
        var node = ONNXNode(opType: "", name: "", inputs: [], outputs: [])
        while let (field, type) = try r.nextField() {
            switch (field, type) {
            case (1, .lengthDelimited), (2, .lengthDelimited):
                guard node.inputs.count + node.outputs.count < limits.attributes else {
                    throw ONNXError.limitExceeded(context: "NodeProto '\(node.name)'", what: "inputs and outputs",
                                                  limit: limits.attributes)
                }
                if field == 1 { node.inputs.append(try r.string()) } else { node.outputs.append(try r.string()) }
            case (3, .lengthDelimited): node.name = try r.string()
            case (4, .lengthDelimited): node.opType = try r.string()
            case (7, .lengthDelimited): node.domain = try r.string()
            case (5, .lengthDelimited):
                guard node.attributes.count < limits.attributes else {
                    throw ONNXError.limitExceeded(context: "NodeProto '\(node.name)'", what: "attributes",
                                                  limit: limits.attributes)
                }
                node.attributes.append(try ONNXAttribute.decode(try r.lengthDelimited(), limits: limits))
            default: try r.skip(type)
            }
        }
        return node
    }
}

extension ONNXAttribute {
    /// Sub-graphs (field 6, `If`/`Loop` bodies) are skipped, not decoded: no operator dlexplain imports has one,
    /// so nesting stops at model → graph → node → attribute → tensor (the depth limit is the message structure).
    static func decode(_ bytes: ArraySlice<UInt8>, limits: ONNXLimits) throws -> ONNXAttribute {
        var r = ProtoReader(bytes, context: "AttributeProto")
        var a = ONNXAttribute()
        while let (field, type) = try r.nextField() {
            switch (field, type) {
            case (1, .lengthDelimited): a.name = try r.string()
            case (20, .varint): a.type = try r.int64()
            case (2, .fixed32): a.float = Float(bitPattern: try r.fixed32())
            case (3, .varint): a.int = try r.int64()
            case (4, .lengthDelimited): a.string = Array(try r.lengthDelimited())
            case (5, .lengthDelimited): a.tensor = try ONNXTensor.decode(try r.lengthDelimited(), limits: limits)
            case (7, _): try r.appendFloats(type, to: &a.floats, limit: limits.attributes, what: "attribute floats")
            case (8, _): try r.appendInt64s(type, to: &a.ints, limit: limits.attributes, what: "attribute ints")
            default: try r.skip(type)
            }
        }
        return a
    }
}

extension ONNXTensor {
    static func decode(_ bytes: ArraySlice<UInt8>, limits: ONNXLimits) throws -> ONNXTensor {
        var r = ProtoReader(bytes, context: "TensorProto")
        var t = ONNXTensor()
        while let (field, type) = try r.nextField() {
            switch (field, type) {
            case (1, _): try r.appendInt64s(type, to: &t.dims, limit: limits.rank, what: "tensor dimensions")
            case (2, .varint): t.dataType = try r.int64()
            case (8, .lengthDelimited): t.name = try r.string()
            case (9, .lengthDelimited): t.rawData = Array(try r.lengthDelimited())
            case (4, _): try r.appendFloats(type, to: &t.floatData, limit: limits.elements, what: "float_data")
            case (5, _): try r.appendInt64s(type, to: &t.int32Data, limit: limits.elements, what: "int32_data")
            case (7, _): try r.appendInt64s(type, to: &t.int64Data, limit: limits.elements, what: "int64_data")
            case (10, .lengthDelimited):
                var inner = ProtoReader(try r.lengthDelimited(), context: "TensorProto")
                while !inner.isAtEnd {
                    guard t.doubleData.count < limits.elements else {
                        throw ONNXError.limitExceeded(context: "TensorProto", what: "double_data", limit: limits.elements)
                    }
                    t.doubleData.append(try inner.fixed64())
                }
            case (13, .lengthDelimited):
                guard t.externalData.count < limits.attributes else {
                    throw ONNXError.limitExceeded(context: "TensorProto", what: "external_data", limit: limits.attributes)
                }
                var e = ProtoReader(try r.lengthDelimited(), context: "StringStringEntryProto")
                var entry = (key: "", value: "")
                while let (f, ft) = try e.nextField() {
                    switch (f, ft) {
                    case (1, .lengthDelimited): entry.key = try e.string()
                    case (2, .lengthDelimited): entry.value = try e.string()
                    default: try e.skip(ft)
                    }
                }
                t.externalData.append(entry)
            case (14, .varint): t.dataLocation = try r.int64()
            default: try r.skip(type)
            }
        }
        return t
    }

    /// The number of elements its dims declare, refused when a dim is negative or the product passes
    /// `limits.elements` (a "2 GB tensor" claim is refused here, before any buffer of that size exists).
    public func elementCount(limits: ONNXLimits = ONNXLimits()) throws -> Int {
        var count = 1
        for d in dims {
            guard d >= 0 else { throw ONNXError.invalidTensor(name: name, reason: "dimension \(d) is negative") }
            let (product, overflow) = count.multipliedReportingOverflow(by: Int(d))
            guard !overflow, product <= limits.elements else {
                throw ONNXError.limitExceeded(context: "tensor '\(name)' of shape \(dims)", what: "its element count",
                                              limit: limits.elements)
            }
            count = product
        }
        return count
    }
}

extension ONNXValueInfo {
    static func decode(_ bytes: ArraySlice<UInt8>, limits: ONNXLimits) throws -> ONNXValueInfo {
        var r = ProtoReader(bytes, context: "ValueInfoProto")
        var info = ONNXValueInfo(name: "", dims: [])
        while let (field, type) = try r.nextField() {
            switch (field, type) {
            case (1, .lengthDelimited): info.name = try r.string()
            case (2, .lengthDelimited):  // TypeProto → tensor_type (1) → elem_type (1), shape (2) → dim (1)
                var typeProto = ProtoReader(try r.lengthDelimited(), context: "TypeProto")
                while let (f, t) = try typeProto.nextField() {
                    guard f == 1, t == .lengthDelimited else { try typeProto.skip(t); continue }
                    var tensorType = ProtoReader(try typeProto.lengthDelimited(), context: "TypeProto.Tensor")
                    while let (tf, tt) = try tensorType.nextField() {
                        switch (tf, tt) {
                        case (1, .varint): info.elementType = try tensorType.int64()
                        case (2, .lengthDelimited):
                            var shape = ProtoReader(try tensorType.lengthDelimited(), context: "TensorShapeProto")
                            while let (sf, st) = try shape.nextField() {
                                guard sf == 1, st == .lengthDelimited else { try shape.skip(st); continue }
                                guard info.dims.count < limits.rank else {
                                    throw ONNXError.limitExceeded(context: "ValueInfoProto '\(info.name)'",
                                                                  what: "its rank", limit: limits.rank)
                                }
                                var dim = ProtoReader(try shape.lengthDelimited(), context: "Dimension")
                                var size: Int64?, label = ""
                                while let (df, dt) = try dim.nextField() {
                                    switch (df, dt) {
                                    case (1, .varint): size = try dim.int64()
                                    case (2, .lengthDelimited): label = try dim.string()
                                    default: try dim.skip(dt)
                                    }
                                }
                                info.dims.append(size)
                                info.dimNames.append(size == nil ? (label.isEmpty ? "?" : label) : "")
                            }
                        default: try tensorType.skip(tt)
                        }
                    }
                }
            default: try r.skip(type)
            }
        }
        return info
    }
}
