/// The subset of ONNX's messages (onnx.proto) that dlexplain reads and writes, as plain values decoded by field
/// number (`ONNXModel+Decode.swift`) and encoded the same way (`ONNXModel+Encode.swift`).
public struct ONNXModel: Equatable, Sendable {
    /// `ir_version` (field 1).
    public var irVersion: Int64 = 7
    /// `opset_import` (field 8): (domain, version); "" is the default ONNX domain.
    public var opsets: [(domain: String, version: Int64)] = []
    /// `producer_name` (field 2).
    public var producerName = ""
    /// `producer_version` (field 3).
    public var producerVersion = ""
    /// `graph` (field 7).
    public var graph = ONNXGraph()

    /// An empty model.
    public init() {}

    /// The default domain's opset version (0 when the file declares none).
    public var opset: Int { Int(opsets.first { $0.domain == "" || $0.domain == "ai.onnx" }?.version ?? 0) }

    public static func == (a: ONNXModel, b: ONNXModel) -> Bool {
        a.irVersion == b.irVersion && a.opsets.elementsEqual(b.opsets, by: { $0 == $1 })
            && a.producerName == b.producerName && a.producerVersion == b.producerVersion && a.graph == b.graph
    }
}

/// `GraphProto`: nodes, initializers (weights), inputs and outputs.
public struct ONNXGraph: Equatable, Sendable {
    /// `node` (field 1), in file order (not necessarily topological).
    public var nodes: [ONNXNode] = []
    /// `name` (field 2).
    public var name = ""
    /// `initializer` (field 5).
    public var initializers: [ONNXTensor] = []
    /// `input` (field 11).
    public var inputs: [ONNXValueInfo] = []
    /// `output` (field 12).
    public var outputs: [ONNXValueInfo] = []

    /// An empty graph.
    public init() {}
}

/// `NodeProto`: one operator application.
public struct ONNXNode: Equatable, Sendable {
    /// `input` (field 1): value names ("" for an omitted optional input).
    public var inputs: [String] = []
    /// `output` (field 2).
    public var outputs: [String] = []
    /// `name` (field 3).
    public var name = ""
    /// `op_type` (field 4).
    public var opType = ""
    /// `domain` (field 7).
    public var domain = ""
    /// `attribute` (field 5).
    public var attributes: [ONNXAttribute] = []

    /// A node.
    public init(opType: String, name: String, inputs: [String], outputs: [String], attributes: [ONNXAttribute] = []) {
        (self.opType, self.name, self.inputs, self.outputs, self.attributes) = (opType, name, inputs, outputs, attributes)
    }

    /// The attribute called `name`.
    public func attribute(_ name: String) -> ONNXAttribute? { attributes.first { $0.name == name } }
}

/// `AttributeProto`: a named value of one kind.
public struct ONNXAttribute: Equatable, Sendable {
    /// `name` (field 1).
    public var name = ""
    /// `type` (field 20): 1 float, 2 int, 3 string, 4 tensor, 6 floats, 7 ints, …
    public var type: Int64 = 0
    /// `f` (field 2).
    public var float: Float = 0
    /// `i` (field 3).
    public var int: Int64 = 0
    /// `s` (field 4).
    public var string: [UInt8] = []
    /// `t` (field 5).
    public var tensor: ONNXTensor?
    /// `floats` (field 7).
    public var floats: [Float] = []
    /// `ints` (field 8).
    public var ints: [Int64] = []

    /// An empty attribute.
    public init() {}
    /// An INT attribute.
    public static func int(_ name: String, _ value: Int64) -> ONNXAttribute {
        var a = ONNXAttribute(); (a.name, a.type, a.int) = (name, 2, value); return a
    }
    /// A FLOAT attribute.
    public static func float(_ name: String, _ value: Float) -> ONNXAttribute {
        var a = ONNXAttribute(); (a.name, a.type, a.float) = (name, 1, value); return a
    }
    /// An INTS attribute.
    public static func ints(_ name: String, _ values: [Int64]) -> ONNXAttribute {
        var a = ONNXAttribute(); (a.name, a.type, a.ints) = (name, 7, values); return a
    }
    /// A TENSOR attribute.
    public static func tensor(_ name: String, _ value: ONNXTensor) -> ONNXAttribute {
        var a = ONNXAttribute(); (a.name, a.type, a.tensor) = (name, 4, value); return a
    }
}

/// `TensorProto`: a constant (weights) with its data inline or in an external file.
public struct ONNXTensor: Equatable, Sendable {
    /// ONNX element types dlexplain reads.
    public enum DataType: Int64, Sendable {
        case float = 1, uint8 = 2, int8 = 3, int32 = 6, int64 = 7, double = 11
    }
    /// `dims` (field 1).
    public var dims: [Int64] = []
    /// `data_type` (field 2).
    public var dataType: Int64 = 1
    /// `name` (field 8).
    public var name = ""
    /// `raw_data` (field 9): little-endian values.
    public var rawData: [UInt8] = []
    /// `float_data` (field 4).
    public var floatData: [Float] = []
    /// `int32_data` (field 5).
    public var int32Data: [Int64] = []
    /// `int64_data` (field 7).
    public var int64Data: [Int64] = []
    /// `double_data` (field 10), read as bit patterns.
    public var doubleData: [UInt64] = []
    /// `external_data` (field 13): location, offset, length, checksum.
    public var externalData: [(key: String, value: String)] = []
    /// `data_location` (field 14): 1 is EXTERNAL.
    public var dataLocation: Int64 = 0

    /// An empty tensor.
    public init() {}

    /// A float tensor with its values in `raw_data`.
    public init(name: String, dims: [Int], floats: [Float]) {
        self.name = name
        self.dims = dims.map(Int64.init)
        dataType = DataType.float.rawValue
        rawData = floats.flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: v.bitPattern >> (8 * UInt32($0))) } }
    }

    /// An int64 tensor with its values in `raw_data`.
    public init(name: String, dims: [Int], int64s: [Int64]) {
        self.name = name
        self.dims = dims.map(Int64.init)
        dataType = DataType.int64.rawValue
        rawData = int64s.flatMap { v in (0..<8).map { UInt8(truncatingIfNeeded: UInt64(bitPattern: v) >> (8 * UInt64($0))) } }
    }

    public static func == (a: ONNXTensor, b: ONNXTensor) -> Bool {
        a.dims == b.dims && a.dataType == b.dataType && a.name == b.name && a.rawData == b.rawData
            && a.floatData == b.floatData && a.int32Data == b.int32Data && a.int64Data == b.int64Data
            && a.doubleData == b.doubleData && a.dataLocation == b.dataLocation
            && a.externalData.elementsEqual(b.externalData, by: { $0 == $1 })
    }
}

/// `ValueInfoProto` with a tensor type: a graph input's or output's name, element type and shape.
public struct ONNXValueInfo: Equatable, Sendable {
    /// `name` (field 1).
    public var name = ""
    /// `type.tensor_type.elem_type`.
    public var elementType: Int64 = 1
    /// `type.tensor_type.shape.dim`: a size, or nil for a named (symbolic) dimension such as the batch.
    public var dims: [Int64?] = []
    /// The names of symbolic dimensions (parallel to `dims`, "" where the size is known).
    public var dimNames: [String] = []

    /// A value info.
    public init(name: String, dims: [Int64?], dimNames: [String]? = nil) {
        self.name = name
        self.dims = dims
        self.dimNames = dimNames ?? dims.map { $0 == nil ? "N" : "" }
    }
}
