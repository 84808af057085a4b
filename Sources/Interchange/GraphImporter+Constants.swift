import NN
import TensorGrad

extension GraphImporter {
    /// Reshape of the data by a constant shape (0 copies the input's size, −1 is inferred; the batch axis must
    /// stay first).
    mutating func reshape(_ node: ONNXNode) throws {
        let shape = try dataInput(node)
        guard let c = try constantInput(node, at: 1, "shape") else { throw unsupported(node, "no shape input") }
        var target = try ints(c, node, "shape")
        let full = [Constant.batch] + shape
        for i in target.indices where target[i] == 0 && i < full.count { target[i] = full[i] }
        guard let first = target.first,
              // [N, …], [batch size the graph was exported with, …], or [-1, known sizes] (x.view(-1, 320)).
              first == Constant.batch || first == fixedBatch
                || (first == -1 && target.dropFirst().allSatisfy { $0 > 0 } && target.dropFirst().reduce(1, *) == shape.reduce(1, *)),
              target.dropFirst().allSatisfy({ $0 > 0 || $0 == -1 }), target.dropFirst().filter({ $0 == -1 }).count <= 1 else {
            throw unsupported(node, "shape \(target.map { $0 == Constant.batch ? "N" : String($0) }) does not keep "
                + "the batch axis first; expected e.g. [N, -1] (x.view(x.size(0), -1))")
        }
        var rest = Array(target.dropFirst())
        let total = shape.reduce(1, *), known = rest.filter { $0 > 0 }.reduce(1, *)
        if let i = rest.firstIndex(of: -1) {
            guard known > 0, total % known == 0 else { throw unsupported(node, "cannot infer -1 in \(rest) from \(shape)") }
            rest[i] = total / known
        }
        guard rest.reduce(1, *) == total else { throw unsupported(node, "shape \(rest) does not hold the \(total) values of \(shape)") }
        try reshapeData(node, from: shape, to: rest)
    }

    mutating func squeeze(_ node: ONNXNode) throws {
        let shape = try dataInput(node)
        var axes = try attributeInts(node, "axes") ?? constantInput(node, at: 1, "axes").map { try ints($0, node, "axes") } ?? []
        let rank = shape.count + 1
        let squeezing = node.opType == "Squeeze"
        let outRank = squeezing ? rank - (axes.isEmpty ? shape.filter { $0 == 1 }.count : axes.count) : rank + axes.count
        axes = axes.map { $0 < 0 ? $0 + (squeezing ? rank : outRank) : $0 }
        guard !axes.contains(0) else { throw unsupported(node, "it moves the batch axis (axes \(axes))") }
        var full = [1] + shape
        if squeezing {
            if axes.isEmpty { axes = full.indices.filter { $0 > 0 && full[$0] == 1 } }
            guard axes.allSatisfy({ $0 < full.count && full[$0] == 1 }) else { throw unsupported(node, "axes \(axes) are not of size 1 in \(full)") }
            full = full.indices.filter { !axes.contains($0) }.map { full[$0] }
        } else {
            for a in axes.sorted() {
                guard a <= full.count else { throw unsupported(node, "axis \(a) out of range") }
                full.insert(1, at: a)
            }
        }
        try reshapeData(node, from: shape, to: Array(full.dropFirst()))
    }

    /// A Flatten layer for [C, H, W] → [C·H·W], nothing when the shape stays, else a Reshape layer.
    mutating func reshapeData(_ node: ONNXNode, from shape: [Int], to target: [Int]) throws {
        if target == shape { alias(node) } else if target.count == 1 { try append(Flatten(), for: node) }
        else { try append(Reshape(target), for: node) }
    }

    /// Evaluates a node whose inputs are all constants (shape arithmetic, `Constant`, casts).
    mutating func fold(_ node: ONNXNode) throws {
        let inputs = try node.inputs.map { name -> Constant? in
            guard !name.isEmpty else { return nil }
            guard case let .constant(c) = try value(name, node) else { return nil }
            return c
        }
        func input(_ i: Int) throws -> Constant {
            guard i < inputs.count, let c = inputs[i] else { throw unsupported(node, "input \(i) is missing") }
            return c
        }
        switch node.opType {
        case "Constant":
            if let t = node.attribute("value")?.tensor { try setConstant(node, try constant(t)) }
            else if let a = node.attribute("value_float") { try setConstant(node, Constant(shape: [], floats: [a.float])) }
            else if let a = node.attribute("value_floats") { try setConstant(node, Constant(shape: [a.floats.count], floats: a.floats)) }
            else if let a = node.attribute("value_int") { try setConstant(node, Constant(shape: [], ints: [Int(a.int)])) }
            else if let a = node.attribute("value_ints") { try setConstant(node, Constant(shape: [a.ints.count], ints: a.ints.map(Int.init))) }
            else { throw unsupported(node, "a Constant without value, value_float(s) or value_int(s)") }
        case "Shape":
            let c = try input(0)
            try setConstant(node, Constant(shape: [c.shape.count], ints: c.shape))
        case "Identity", "Dropout": try setConstant(node, try input(0))
        case "Cast":
            let c = try input(0), to = attributeInt(node, "to", 1)
            if to == 6 || to == 7 { try setConstant(node, Constant(shape: c.shape, ints: c.ints ?? c.floats.map { Int($0) })) }
            else if to == 1 || to == 11 { try setConstant(node, Constant(shape: c.shape, floats: c.floats)) }
            else { throw unsupported(node, "cast to type \(to)") }
        case "Unsqueeze", "Squeeze", "Reshape", "Flatten":
            var c = try input(0)
            c.shape = try foldedShape(node, c, inputs.count > 1 ? inputs[1] : nil)
            try setConstant(node, c)
        case "Gather":
            let data = try input(0), index = try input(1)
            guard attributeInt(node, "axis", 0) == 0, data.shape.count == 1, let idx = index.ints else {
                throw unsupported(node, "only gathering from a constant vector along axis 0 is folded")
            }
            let picked = try idx.map { i -> Int in
                let j = i < 0 ? i + data.shape[0] : i
                guard j >= 0 && j < data.shape[0] else { throw unsupported(node, "index \(i) out of range") }
                return j
            }
            let shape = index.shape
            if let ints = data.ints { try setConstant(node, Constant(shape: shape, ints: picked.map { ints[$0] })) }
            else { try setConstant(node, Constant(shape: shape, floats: picked.map { data.floats[$0] })) }
        case "Concat":
            let parts = try inputs.indices.map { try input($0) }
            guard parts.allSatisfy({ $0.shape.count == 1 }) else { throw unsupported(node, "only constant vectors are concatenated at import") }
            let n = parts.reduce(0) { $0 + $1.shape[0] }
            if parts.allSatisfy({ $0.ints != nil }) { try setConstant(node, Constant(shape: [n], ints: parts.flatMap { $0.ints! })) }
            else { try setConstant(node, Constant(shape: [n], floats: parts.flatMap(\.floats))) }
        case "Add", "Sub", "Mul", "Div":
            let a = try input(0), b = try input(1)
            guard a.floats.count == b.floats.count || a.floats.count == 1 || b.floats.count == 1 else {
                throw unsupported(node, "constants of shapes \(a.shape) and \(b.shape)")
            }
            let shape = a.floats.count >= b.floats.count ? a.shape : b.shape
            let n = max(a.floats.count, b.floats.count)
            let pick = { (c: Constant, i: Int) in c.floats.count == 1 ? 0 : i }
            if let ai = a.ints, let bi = b.ints, !ai.contains(Constant.batch), !bi.contains(Constant.batch) {
                let op = node.opType
                let values = (0..<n).map { i -> Int in
                    let (x, y) = (ai[pick(a, i)], bi[pick(b, i)])
                    switch op {
                    case "Add": return x + y
                    case "Sub": return x - y
                    case "Mul": return x * y
                    default: return y == 0 ? 0 : x / y
                    }
                }
                try setConstant(node, Constant(shape: shape, ints: values))
            } else {
                let op = node.opType
                let values = (0..<n).map { i -> Float in
                    let (x, y) = (a.floats[pick(a, i)], b.floats[pick(b, i)])
                    switch op {
                    case "Add": return x + y
                    case "Sub": return x - y
                    case "Mul": return x * y
                    default: return x / y
                    }
                }
                try setConstant(node, Constant(shape: shape, floats: values))
            }
        default:
            throw unsupported(node, "with only constant inputs; dlexplain folds Constant, Shape, Gather, Concat, "
                + "Unsqueeze, Squeeze, Reshape, Cast and arithmetic on constants")
        }
    }

    /// The shape of a constant after Unsqueeze, Squeeze, Reshape or Flatten (its values stay in order).
    func foldedShape(_ node: ONNXNode, _ c: Constant, _ second: Constant?) throws -> [Int] {
        let axes = try attributeInts(node, "axes") ?? second.map { try ints($0, node, "axes") } ?? []
        switch node.opType {
        case "Unsqueeze":
            var shape = c.shape
            let outRank = shape.count + axes.count
            for a in axes.map({ $0 < 0 ? $0 + outRank : $0 }).sorted() {
                guard a >= 0 && a <= shape.count else { throw unsupported(node, "axis \(a) out of range") }
                shape.insert(1, at: a)
            }
            return shape
        case "Squeeze":
            let drop = axes.isEmpty ? c.shape.indices.filter { c.shape[$0] == 1 } : axes.map { $0 < 0 ? $0 + c.shape.count : $0 }
            return c.shape.indices.filter { !drop.contains($0) }.map { c.shape[$0] }
        case "Flatten":
            let axis = attributeInt(node, "axis", 1)
            guard axis >= 0 && axis <= c.shape.count else { throw unsupported(node, "axis \(axis)") }
            return [c.shape.prefix(axis).reduce(1, *), c.shape.dropFirst(axis).reduce(1, *)]
        default:
            guard let second else { throw unsupported(node, "no shape input") }
            var target = try ints(second, node, "shape")
            for i in target.indices where target[i] == 0 && i < c.shape.count { target[i] = c.shape[i] }
            let total = c.floats.count, known = target.filter { $0 > 0 }.reduce(1, *)
            if let i = target.firstIndex(of: -1) { target[i] = known > 0 ? total / known : 0 }
            guard target.allSatisfy({ $0 >= 0 }), target.reduce(1, *) == total else {
                throw unsupported(node, "shape \(target) does not hold \(total) values")
            }
            return target
        }
    }
}
