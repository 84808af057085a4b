import Groundwork
import NN
import TensorGrad

extension GraphImporter {
    /// Imports one node: a layer when it reads the data, a folded constant when every input is constant.
    mutating func apply(_ node: ONNXNode) throws {
        guard node.domain.isEmpty || node.domain == "ai.onnx" else {
            throw unsupported(node, "domain '\(node.domain)' is not the default ONNX domain")
        }
        guard ONNXImport.supportedOperators.contains(node.opType) else {
            throw unsupported(node, "dlexplain imports " + ONNXImport.supportedOperators.joined(separator: ", "))
        }
        guard !node.outputs.isEmpty else { throw unsupported(node, "it has no output") }
        var readsData = false
        for name in node.inputs where !name.isEmpty {
            if case .data = try value(name, node) { readsData = true }
        }
        if !readsData { return try fold(node) }
        switch node.opType {
        case "Conv": try conv(node)
        case "Gemm": try gemm(node)
        case "MatMul": try matMul(node)
        case "BatchNormalization": try batchNorm(node)
        case "Relu": _ = try dataInput(node); try append(ReLU(), for: node)
        case "Sigmoid": _ = try dataInput(node); try append(Sigmoid(), for: node)
        case "Tanh": _ = try dataInput(node); try append(Tanh(), for: node)
        case "LeakyRelu":
            _ = try dataInput(node)
            try append(LeakyReLU(node.attribute("alpha")?.float ?? 0.01), for: node)
        case "MaxPool", "AveragePool": try pool(node)
        case "GlobalAveragePool":
            let shape = try dataInput(node)
            guard shape.count == 3, shape[1] == shape[2] else {
                throw unsupported(node, "expected square feature maps [C, H, H], found \(shape)")
            }
            try append(AvgPool2d(shape[1]), for: node)
        case "Flatten":
            let shape = try dataInput(node)
            let axis = attributeInt(node, "axis", 1)
            guard axis == 1 || axis == 1 - (shape.count + 1) else {
                throw unsupported(node, "axis \(axis): only flattening every axis after the batch (axis 1) is supported")
            }
            try append(Flatten(), for: node)
        case "Reshape": try reshape(node)
        case "Squeeze", "Unsqueeze": try squeeze(node)
        case "Transpose":
            let shape = try dataInput(node)
            let perm = attributeInts(node, "perm") ?? Array((0...shape.count).reversed())
            guard perm.first == 0, perm.sorted() == Array(0...shape.count) else {
                throw unsupported(node, "perm \(perm) moves the batch axis; expected perm[0] = 0")
            }
            if perm != Array(0...shape.count) { try append(Permute(perm), for: node) } else { alias(node) }
        case "Softmax", "LogSoftmax":
            let shape = try dataInput(node)
            var axis = attributeInt(node, "axis", opset >= 13 ? -1 : 1)
            if axis < 0 { axis += shape.count + 1 }
            guard axis >= 1 && axis <= shape.count else { throw unsupported(node, "axis \(axis) is the batch axis or out of range") }
            if opset < 13 && axis != shape.count {
                throw unsupported(node, "before opset 13 softmax flattens from its axis; only the last axis is supported")
            }
            if node.opType == "LogSoftmax" && axis == 1 && shape.count == 1 { try append(LogSoftmax(), for: node) }
            else { try append(SoftmaxLayer(axis: axis, log: node.opType == "LogSoftmax"), for: node) }
        case "Dropout", "Identity":
            _ = try dataInput(node)
            guard node.outputs.count == 1 || node.outputs[1].isEmpty || !graphReads(node.outputs[1]) else {
                throw unsupported(node, "its mask output is used; dlexplain imports inference graphs")
            }
            alias(node)
            notes.append("\(node.opType) '\(node.name)' passes its input through (inference)")
        case "Add", "Sub", "Mul", "Div": try arithmetic(node)
        case "Shape":
            // The data's shape is known at import but for the batch size, which stays a symbol (`Constant.batch`),
            // so `x.view(x.size(0), -1)` folds to a Flatten that works for any batch.
            guard case let .data(shape) = try value(node.inputs[0], node) else { throw unsupported(node, "no input") }
            let full = [Constant.batch] + shape
            var start = attributeInt(node, "start", 0), end = attributeInt(node, "end", full.count)
            if start < 0 { start += full.count }
            if end < 0 { end += full.count }
            let picked = Array(full[max(0, min(start, full.count))..<max(0, min(end, full.count))])
            try setConstant(node, Constant(shape: [picked.count], ints: picked))
        default: throw unsupported(node, "it cannot take the network's data as input (only constants)")
        }
    }

    func graphReads(_ name: String) -> Bool { graph.nodes.contains { $0.inputs.contains(name) } }

    mutating func alias(_ node: ONNXNode) {
        values[node.outputs[0]] = values[head]
        head = node.outputs[0]
    }

    mutating func conv(_ node: ONNXNode) throws {
        let shape = try dataInput(node)
        guard let w = try constantInput(node, at: 1, "weight") else { throw unsupported(node, "it has no weight") }
        let bias = try constantInput(node, at: 2, "bias")
        guard shape.count == 3, w.shape.count == 4 else {
            throw unsupported(node, "only 2-D convolutions of [C, H, W] inputs are supported (input \(shape), weight \(w.shape))")
        }
        let (out, inC, k) = (w.shape[0], w.shape[1], w.shape[2])
        let group = attributeInt(node, "group", 1)
        let strides = attributeInts(node, "strides") ?? [1, 1]
        let pads = attributeInts(node, "pads") ?? [0, 0, 0, 0]
        let dilations = attributeInts(node, "dilations") ?? [1, 1]
        let autoPad = String(decoding: node.attribute("auto_pad")?.string ?? [], as: UTF8.self)
        guard group == 1 else { throw unsupported(node, "group \(group); only group 1 is supported") }
        guard w.shape[3] == k else { throw unsupported(node, "kernel \(w.shape[2])×\(w.shape[3]); only square kernels") }
        guard inC == shape[0] else { throw unsupported(node, "weight takes \(inC) channels, the input has \(shape[0])") }
        guard dilations.allSatisfy({ $0 == 1 }) else { throw unsupported(node, "dilations \(dilations); only 1") }
        guard strides.count == 2, strides[0] == strides[1] else { throw unsupported(node, "strides \(strides); only equal strides") }
        guard pads.count == 4, Set(pads).count == 1 else { throw unsupported(node, "pads \(pads); only equal padding on every side") }
        guard autoPad.isEmpty || autoPad == "NOTSET" || (autoPad == "VALID" && pads[0] == 0) else {
            throw unsupported(node, "auto_pad \(autoPad); only explicit pads")
        }
        guard bias == nil || bias!.floats.count == out else { throw unsupported(node, "bias of \(bias!.floats.count) values for \(out) channels") }
        var g = SeededGenerator(seed: 0)
        let layer = Conv2d(inC, out, kernelSize: k, stride: strides[0], padding: pads[0], bias: bias != nil, generator: &g)
        GraphImporter.fill(layer.weight, w.floats)
        if let bias, let b = layer.bias { GraphImporter.fill(b, bias.floats) }
        try append(layer, for: node, weight: node.inputs[1])
    }

    mutating func gemm(_ node: ONNXNode) throws {
        let shape = try dataInput(node)
        guard let b = try constantInput(node, at: 1, "B (weight)"), b.shape.count == 2 else {
            throw unsupported(node, "B must be a 2-D constant")
        }
        guard shape.count == 1 else { throw unsupported(node, "input per example \(shape); expected a vector (flatten first)") }
        guard attributeInt(node, "transA", 0) == 0 else { throw unsupported(node, "transA = 1 (the data would be transposed)") }
        let transB = attributeInt(node, "transB", 0) == 1
        let alpha = node.attribute("alpha")?.float ?? 1, beta = node.attribute("beta")?.float ?? 1
        let (inF, outF) = transB ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
        guard inF == shape[0] else { throw unsupported(node, "B takes \(inF) features, the input has \(shape[0])") }
        // Linear keeps PyTorch's [out, in] weight: B as is with transB, else Bᵀ; alpha and beta are folded in.
        var weight = [Float](repeating: 0, count: inF * outF)
        for o in 0..<outF { for i in 0..<inF { weight[o * inF + i] = alpha * (transB ? b.floats[o * inF + i] : b.floats[i * outF + o]) } }
        let c = try constantInput(node, at: 2, "C (bias)")
        if let c, !(c.floats.count == outF || c.floats.count == 1) {
            throw unsupported(node, "C has shape \(c.shape); expected [\(outF)] or a scalar")
        }
        var g = SeededGenerator(seed: 0)
        let layer = Linear(inF, outF, bias: c != nil, generator: &g)
        GraphImporter.fill(layer.weight, weight)
        if let c, let bias = layer.bias { GraphImporter.fill(bias, c.floats.count == 1 ? Array(repeating: beta * c.floats[0], count: outF) : c.floats.map { beta * $0 }) }
        try append(layer, for: node, weight: node.inputs[1])
    }

    mutating func matMul(_ node: ONNXNode) throws {
        let shape = try dataInput(node)
        guard let b = try constantInput(node, at: 1, "right operand"), b.shape.count == 2, shape.count == 1, b.shape[0] == shape[0] else {
            throw unsupported(node, "only data [N, K] × constant [K, M] is supported (input per example \(shape))")
        }
        let (inF, outF) = (b.shape[0], b.shape[1])
        var weight = [Float](repeating: 0, count: inF * outF)
        for o in 0..<outF { for i in 0..<inF { weight[o * inF + i] = b.floats[i * outF + o] } }
        var g = SeededGenerator(seed: 0)
        let layer = Linear(inF, outF, bias: false, generator: &g)
        GraphImporter.fill(layer.weight, weight)
        try append(layer, for: node, weight: node.inputs[1])
    }

    mutating func batchNorm(_ node: ONNXNode) throws {
        let shape = try dataInput(node)
        guard attributeInt(node, "training_mode", 0) == 0 else { throw unsupported(node, "training_mode = 1") }
        guard shape.count == 1 || shape.count == 3 else { throw unsupported(node, "input per example \(shape); expected [F] or [C, H, W]") }
        let parts = try (1...4).map { i -> Constant in
            guard let c = try constantInput(node, at: i, ["", "scale", "bias", "mean", "variance"][i]), c.floats.count == shape[0] else {
                throw unsupported(node, "input \(i) must be a constant of \(shape[0]) values")
            }
            return c
        }
        let layer = BatchNorm(features: shape[0], rank: shape.count + 1, momentum: 1 - (node.attribute("momentum")?.float ?? 0.9),
                              epsilon: node.attribute("epsilon")?.float ?? 1e-5)
        for (tensor, c) in zip([layer.weight, layer.bias, layer.runningMean, layer.runningVariance], parts) {
            GraphImporter.fill(tensor, c.floats)
        }
        layer.eval()
        try append(layer, for: node, weight: node.inputs[1])
    }

    mutating func pool(_ node: ONNXNode) throws {
        let shape = try dataInput(node)
        let kernel = attributeInts(node, "kernel_shape") ?? []
        let strides = attributeInts(node, "strides") ?? [1, 1]
        let pads = attributeInts(node, "pads") ?? [0, 0, 0, 0]
        guard shape.count == 3, kernel.count == 2, kernel[0] == kernel[1] else {
            throw unsupported(node, "kernel \(kernel) on input \(shape); only square 2-D windows")
        }
        guard strides.count == 2, strides[0] == strides[1] else { throw unsupported(node, "strides \(strides); only equal strides") }
        guard pads.allSatisfy({ $0 == 0 }) else { throw unsupported(node, "pads \(pads); pooling without padding only") }
        guard attributeInt(node, "ceil_mode", 0) == 0 else { throw unsupported(node, "ceil_mode = 1") }
        guard (attributeInts(node, "dilations") ?? [1, 1]).allSatisfy({ $0 == 1 }) else { throw unsupported(node, "dilations") }
        let layer: any Module = node.opType == "MaxPool" ? MaxPool2d(kernel[0], stride: strides[0]) : AvgPool2d(kernel[0], stride: strides[0])
        try append(layer, for: node)
    }

    mutating func arithmetic(_ node: ONNXNode) throws {
        guard node.inputs.count == 2 else { throw unsupported(node, "expected two inputs") }
        let dataFirst: Bool
        if case .data = try value(node.inputs[0], node) { dataFirst = true } else { dataFirst = false }
        let shape = try dataInput(node, at: dataFirst ? 0 : 1)
        guard let c = try constantInput(node, at: dataFirst ? 1 : 0, "other operand") else { throw unsupported(node, "missing operand") }
        // The constant may broadcast into the data, never widen it: [N] + shape must stay the output shape.
        let full = [1] + shape
        guard c.shape.count <= full.count, zip(c.shape.reversed(), full.reversed()).allSatisfy({ $0 == 1 || $0 == $1 }) else {
            throw unsupported(node, "constant of shape \(c.shape) does not broadcast into the data's \(full)")
        }
        let op = ConstantArithmetic.Operation(rawValue: node.opType)!
        try append(ConstantArithmetic(op, constant: c.tensor, constantFirst: !dataFirst), for: node)
    }
}
