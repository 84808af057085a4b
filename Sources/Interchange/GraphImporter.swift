import Groundwork
import NN
import TensorGrad

/// Walks a graph in topological order, folding constants and turning each data node into a layer. The data
/// form one chain: every layer reads the previous layer's output (a branch is refused, naming the node).
struct GraphImporter {
    let graph: ONNXGraph
    let opset: Int
    let directory: String?
    let limits: ONNXLimits
    var values: [String: GraphValue] = [:]
    var layers: [(name: String, module: any Module)] = []
    var notes: [String] = []
    var inputShape: [Int] = []
    /// The value the last layer wrote (the only data value a node may read).
    var head = ""
    var fixedBatch: Int?
    var folded = 0

    init(graph: ONNXGraph, opset: Int, directory: String?, limits: ONNXLimits) {
        (self.graph, self.opset, self.directory, self.limits) = (graph, opset, directory, limits)
    }

    mutating func run() throws {
        for tensor in graph.initializers { values[tensor.name] = .constant(try constant(tensor)) }
        let inputs = graph.inputs.filter { values[$0.name] == nil }
        guard inputs.count == 1, let input = inputs.first else {
            throw ONNXError.invalidGraph(reason: "the graph has \(inputs.count) inputs besides its initializers "
                + "(\(inputs.map(\.name).joined(separator: ", "))); expected exactly one, the image or features")
        }
        guard input.dims.count >= 2, input.dims.dropFirst().allSatisfy({ ($0 ?? 0) > 0 }) else {
            throw ONNXError.invalidGraph(reason: "input '\(input.name)' has shape \(input.dims.map { $0.map(String.init) ?? "?" }); "
                + "expected a batch axis then known sizes, e.g. [N, 1, 28, 28] or [N, 784]")
        }
        inputShape = input.dims.dropFirst().map { Int($0!) }
        fixedBatch = input.dims[0].map(Int.init)
        values[input.name] = .data(shape: inputShape)
        head = input.name
        let order = try ONNXImport.topologicalOrder(graph, available: Set(values.keys))
        for node in order { try apply(node) }
        guard graph.outputs.count == 1, let output = graph.outputs.first else {
            throw ONNXError.invalidGraph(reason: "the graph has \(graph.outputs.count) outputs; expected one (the class scores)")
        }
        guard case .data = values[output.name], output.name == head else {
            throw ONNXError.invalidGraph(reason: "output '\(output.name)' is not the last layer's result "
                + "(it is a constant or an earlier value)")
        }
        guard !layers.isEmpty else { throw ONNXError.invalidGraph(reason: "the graph computes nothing from its input") }
        if folded > 0 { notes.append("\(folded) constant nodes folded at import (shape computations such as x.view(x.size(0), -1))") }
    }

    // MARK: - Reading node inputs

    func unsupported(_ node: ONNXNode, _ reason: String) -> ONNXError {
        .unsupportedOperator(node: node.name, opType: node.opType, opset: opset, reason: reason)
    }

    func value(_ name: String, _ node: ONNXNode) throws -> GraphValue {
        guard let v = values[name] else { throw ONNXError.invalidGraph(reason: "node '\(node.name)' reads unknown '\(name)'") }
        return v
    }

    /// The node's data input: it must be the previous layer's output.
    func dataInput(_ node: ONNXNode, at index: Int = 0) throws -> [Int] {
        guard index < node.inputs.count, case let .data(shape) = try value(node.inputs[index], node) else {
            throw unsupported(node, "input \(index) must be the data flowing through the network, not a constant")
        }
        guard node.inputs[index] == head else {
            throw ONNXError.invalidGraph(reason: "node '\(node.name)' (\(node.opType)) reads '\(node.inputs[index])', not "
                + "the previous layer's output '\(head)': the graph branches (a skip connection?); dlexplain imports "
                + "a chain of layers")
        }
        return shape
    }

    func constantInput(_ node: ONNXNode, at index: Int, _ what: String) throws -> Constant? {
        guard index < node.inputs.count, !node.inputs[index].isEmpty else { return nil }
        guard case let .constant(c) = try value(node.inputs[index], node) else {
            throw unsupported(node, "its \(what) (input \(index)) must be a constant (an initializer), not computed data")
        }
        return c
    }

    func ints(_ c: Constant, _ node: ONNXNode, _ what: String) throws -> [Int] {
        guard let ints = c.ints else { throw unsupported(node, "its \(what) must hold integers") }
        return ints
    }

    func constant(_ tensor: ONNXTensor) throws -> Constant {
        let shape = try tensor.dims.map { d -> Int in
            guard d >= 0 else { throw ONNXError.invalidTensor(name: tensor.name, reason: "dimension \(d) is negative") }
            return Int(d)
        }
        if tensor.dataType == ONNXTensor.DataType.int64.rawValue || tensor.dataType == ONNXTensor.DataType.int32.rawValue {
            return Constant(shape: shape, ints: try tensor.ints(directory: directory, limits: limits))
        }
        return Constant(shape: shape, floats: try tensor.floats(directory: directory, limits: limits))
    }

    func attributeInt(_ node: ONNXNode, _ name: String, _ fallback: Int) -> Int {
        node.attribute(name).map { Int($0.int) } ?? fallback
    }

    func attributeInts(_ node: ONNXNode, _ name: String) -> [Int]? { node.attribute(name).map { $0.ints.map(Int.init) } }

    // MARK: - Writing node outputs

    mutating func setConstant(_ node: ONNXNode, _ c: Constant) throws {
        guard c.floats.count <= limits.elements else {
            throw ONNXError.limitExceeded(context: "node '\(node.name)'", what: "a folded constant", limit: limits.elements)
        }
        values[node.outputs[0]] = .constant(c)
        folded += 1
    }

    /// Appends `module` as a layer for `node`, named after its weight (`conv1.weight` → `conv1`) when it has one.
    mutating func append(_ module: any Module, for node: ONNXNode, weight: String? = nil) throws {
        let base = weight.flatMap { $0.hasSuffix(".weight") ? String($0.dropLast(7)) : nil }
            ?? (node.name.isEmpty ? node.opType : node.name)
        var name = String(base.drop { $0 == "/" }.map { $0 == "/" || $0 == "." ? "_" : $0 })
        if name.isEmpty { name = node.opType }
        let taken = Set(layers.map(\.name))
        if taken.contains(name) {
            var n = 2
            while taken.contains("\(name)_\(n)") { n += 1 }
            name = "\(name)_\(n)"
        }
        guard case let .data(shape) = values[head] else { preconditionFailure("head is data") }
        let out = module.outputShape(for: [1] + shape)
        layers.append((name, module))
        guard let output = node.outputs.first, !output.isEmpty else { throw unsupported(node, "it has no output") }
        values[output] = .data(shape: Array(out.dropFirst()))
        head = output
    }

    /// Copies `values` into a parameter tensor created by a layer's initialiser.
    static func fill(_ tensor: Tensor<Float>, _ values: [Float]) {
        precondition(tensor.count == values.count, "fill: \(tensor.count) elements, \(values.count) values")
        tensor.withUnsafeMutableBufferPointer { buffer in for i in values.indices { buffer[i] = values[i] } }
    }
}
