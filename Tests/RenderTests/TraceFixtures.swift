import Foundation
import Tracing

/// Builds small scalar traces by hand, the way the scalar engine emits them: each op records its value and
/// its local derivatives; `finish` replays backward (`parent.grad += local × child.grad`) in reverse
/// creation order. Render never imports an engine, so its tests use these.
struct TraceFixture {
    private(set) var nodes: [TraceNode] = []
    private(set) var edges: [TraceEdge] = []
    private var values: [Double] = []

    mutating func leaf(_ label: String, _ value: Double) -> Int {
        append(TraceNode(id: nodes.count, label: label, kind: .leaf), value, inputs: [])
    }

    mutating func constant(_ value: Double) -> Int {
        append(TraceNode(id: nodes.count, kind: .constant), value, inputs: [])
    }

    /// ∂(a+b)/∂a = 1, ∂(a+b)/∂b = 1
    mutating func add(_ a: Int, _ b: Int, _ label: String = "") -> Int {
        op("add", label, values[a] + values[b], [(a, 1), (b, 1)])
    }

    /// ∂(a·b)/∂a = b, ∂(a·b)/∂b = a
    mutating func mul(_ a: Int, _ b: Int, _ label: String = "") -> Int {
        op("mul", label, values[a] * values[b], [(a, values[b]), (b, values[a])])
    }

    /// ∂tanh(a)/∂a = 1 − tanh²(a)
    mutating func tanh(_ a: Int, _ label: String = "") -> Int {
        let t = Foundation.tanh(values[a])
        return op("tanh", label, t, [(a, 1 - t * t)])
    }

    /// ∂(aⁿ)/∂a = n·aⁿ⁻¹
    mutating func pow(_ a: Int, _ n: Double, _ label: String = "") -> Int {
        op("pow", label, Foundation.pow(values[a], n), [(a, n * Foundation.pow(values[a], n - 1))],
           detail: "^" + NumberFormatStub.compact(n))
    }

    /// The finished trace with gradients of `output`.
    func finish(_ title: String, output: Int) -> Trace {
        var grads = [Double](repeating: 0, count: nodes.count)
        grads[output] = 1
        let backward = Array((0...output).reversed())
        for id in backward {
            for edge in edges where edge.child == id { grads[edge.parent] += edge.local! * grads[id] }
        }
        var finished = nodes
        for i in finished.indices { finished[i].grad = TensorSummary(scalar: grads[i]) }
        return Trace(title: title, engine: "scalar", nodes: finished, edges: edges, backwardOrder: backward,
                     output: output)
    }

    private mutating func op(_ name: String, _ label: String, _ value: Double, _ inputs: [(Int, Double)],
                             detail: String = "") -> Int {
        append(TraceNode(id: nodes.count, label: label, kind: .op, op: name, detail: detail), value, inputs: inputs)
    }

    private mutating func append(_ node: TraceNode, _ value: Double, inputs: [(Int, Double)]) -> Int {
        var node = node
        node.value = TensorSummary(scalar: value)
        for (argument, (parent, local)) in inputs.enumerated() {
            edges.append(TraceEdge(parent: parent, child: node.id, local: local, argument: argument))
        }
        nodes.append(node)
        values.append(value)
        return node.id
    }
}

private enum NumberFormatStub {
    static func compact(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
}

enum Fixtures {
    /// micrograd's neuron: o = tanh(x1·w1 + x2·w2 + b), x1 = 2, x2 = 0, w1 = −3, w2 = 1, b = 6.8813735870195432.
    static var neuron: Trace {
        var f = TraceFixture()
        let x1 = f.leaf("x1", 2), w1 = f.leaf("w1", -3), x2 = f.leaf("x2", 0), w2 = f.leaf("w2", 1)
        let b = f.leaf("b", 6.8813735870195432)
        let x1w1 = f.mul(x1, w1), x2w2 = f.mul(x2, w2)
        let sum = f.add(x1w1, x2w2)
        let n = f.add(sum, b, "n")
        let o = f.tanh(n, "o")
        return f.finish("tanh(x1*w1 + x2*w2 + b)", output: o)
    }

    /// A reused node: x*x + x at x = 3 (x feeds the product twice and the sum once; ∂/∂x = 2x + 1 = 7).
    static var reused: Trace {
        var f = TraceFixture()
        let x = f.leaf("x", 3)
        let square = f.mul(x, x)
        let out = f.add(square, x)
        return f.finish("x*x + x", output: out)
    }

    /// A constant and a power: y = (a + 2)^2 with a = 1.5.
    static var withConstant: Trace {
        var f = TraceFixture()
        let a = f.leaf("a", 1.5), two = f.constant(2)
        let s = f.add(a, two)
        let y = f.pow(s, 2, "y")
        return f.finish("(a + 2)^2", output: y)
    }

    /// A three-op tensor trace (shapes only and full): input [1,4] · W [4,3] → relu → sum.
    static func tensor(level: TraceLevel) -> Trace {
        let full = level == .full
        func s(_ v: [Double]) -> TensorSummary? { full ? TensorSummary(v) : nil }
        let nodes = [
            TraceNode(id: 0, label: "input", kind: .leaf, shape: [1, 4], value: s([1, -2, 0.5, 3])),
            TraceNode(id: 1, label: "fc.weight", kind: .leaf, shape: [4, 3],
                      value: s((0..<12).map { Double($0) / 10 - 0.5 }), grad: s([Double](repeating: 0.25, count: 12))),
            TraceNode(id: 2, kind: .op, op: "matmul", shape: [1, 3], value: s([0.3, -0.1, 1.2]), grad: s([1, 0, 1])),
            TraceNode(id: 3, kind: .op, op: "relu", shape: [1, 3], value: s([0.3, 0, 1.2]), grad: s([1, 1, 1])),
            TraceNode(id: 4, label: "loss", kind: .op, op: "sum", shape: [], value: s([1.5]), grad: s([1])),
        ]
        let edges = [TraceEdge(parent: 0, child: 2, argument: 0), TraceEdge(parent: 1, child: 2, argument: 1),
                     TraceEdge(parent: 2, child: 3), TraceEdge(parent: 3, child: 4)]
        return Trace(title: "fc → relu → sum", engine: "tensor", level: level, nodes: nodes, edges: edges,
                     backwardOrder: full ? [4, 3, 2, 1, 0] : [], output: 4)
    }
}
