/// Why an ONNX file could not be read, imported or written. Every case names the thing (the file, the node, the
/// tensor) and what was expected.
public enum ONNXError: Error, CustomStringConvertible, Equatable {
    /// The file could not be read at all.
    case unreadable(path: String, reason: String)
    /// The bytes end before a value that was started.
    case truncated(context: String, reason: String)
    /// The bytes are not a valid protobuf message of the expected kind.
    case malformed(context: String, reason: String)
    /// A count or size above what dlexplain accepts (refused before allocating).
    case limitExceeded(context: String, what: String, limit: Int)
    /// An operator dlexplain cannot import.
    case unsupportedOperator(node: String, opType: String, opset: Int, reason: String)
    /// The graph itself is not importable (cycle, missing initializer, branches, …).
    case invalidGraph(reason: String)
    /// A tensor's data could not be read (wrong type, wrong count, bad external data).
    case invalidTensor(name: String, reason: String)
    /// Any of the above while reading the file at `path` (the file named first, then what was wrong).
    indirect case inFile(path: String, error: ONNXError)
    /// The model cannot be written as ONNX (a layer without an ONNX equivalent).
    case unexportable(layer: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): return "cannot read the ONNX model \(path): \(reason)"
        case let .truncated(context, reason):
            return "the ONNX file is truncated in \(context): \(reason) (an interrupted download or copy?)"
        case let .malformed(context, reason): return "not a valid ONNX file (\(context)): \(reason)"
        case let .limitExceeded(context, what, limit):
            return "\(context): \(what) exceeds the limit of \(limit); expected a small CNN or MLP"
        case let .unsupportedOperator(node, opType, opset, reason):
            return "node '\(node)': operator \(opType) (opset \(opset)) is not supported: \(reason)"
        case let .invalidGraph(reason): return "the ONNX graph cannot be imported: \(reason)"
        case let .invalidTensor(name, reason): return "tensor '\(name)': \(reason)"
        case let .inFile(path, error): return "\(path): \(error)"
        case let .unexportable(layer, reason): return "cannot export layer '\(layer)' to ONNX: \(reason)"
        }
    }
}
