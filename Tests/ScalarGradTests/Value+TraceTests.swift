import Testing
import Tracing
@testable import ScalarGrad

@Suite struct ValueTraceTests {
    /// micrograd's classic neuron: o = tanh(x1·w1 + x2·w2 + b).
    static let neuron = "tanh(w1*x1 + w2*x2 + b)"
    static let bindings = ["x1": 2.0, "x2": 0.0, "w1": -3.0, "w2": 1.0, "b": 6.8813735870195432]

    func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-4) -> Bool {
        guard let a else { return false }
        return abs(a - b) < tolerance
    }

    @Test func microgradNeuronGivesTheClassicNumbers() throws {
        let (output, leaves) = try Expression.parse(Self.neuron).evaluate(Self.bindings)
        output.backward()
        #expect(close(output.data, 0.7071))
        #expect(close(leaves["x1"]?.grad, -1.5))
        #expect(close(leaves["w1"]?.grad, 1.0))
        #expect(close(leaves["x2"]?.grad, 0.5))
        #expect(close(leaves["w2"]?.grad, 0.0))
        #expect(close(leaves["b"]?.grad, 0.5))
    }

    @Test func traceRecordsNodesEdgesLocalsAndOrders() throws {
        let (output, _) = try Expression.parse(Self.neuron).evaluate(Self.bindings)
        output.backward()
        let trace = output.trace(title: Self.neuron)
        #expect(trace.engine == "scalar" && trace.title == Self.neuron && trace.level == .full)
        // Topological ids, first argument first.
        #expect(trace.nodes.map(\.label) == ["w1", "x1", "", "w2", "x2", "", "", "b", "", ""])
        #expect(trace.nodes.map(\.op) == ["", "", "mul", "", "", "mul", "add", "", "add", "tanh"])
        #expect(trace.nodes.map(\.kind) == [.leaf, .leaf, .op, .leaf, .leaf, .op, .op, .leaf, .op, .op])
        #expect(trace.nodes.map(\.id) == Array(0..<10))
        #expect(trace.forwardOrder == Array(0..<10))
        // Output first; each node once all the nodes that use it are done (breadth-first from the output).
        #expect(trace.backwardOrder == [9, 8, 6, 7, 2, 5, 0, 1, 3, 4])
        #expect(trace.output == 9)
        let edges = trace.edges.map { "\($0.parent)->\($0.child)#\($0.argument)" }
        #expect(edges == ["0->2#0", "1->2#1", "3->5#0", "4->5#1", "2->6#0", "5->6#1", "6->8#0", "7->8#1",
                          "8->9#0"])
        let locals = trace.edges.map { $0.local ?? .nan }
        #expect(locals[0] == 2 && locals[1] == -3 && locals[2] == 0 && locals[3] == 1)
        #expect(locals[4...7].allSatisfy { $0 == 1 })
        #expect(close(locals[8], 0.5))
        #expect(close(trace.node(9).scalarValue, 0.7071))
        #expect(trace.node(9).scalarGrad == 1)
        #expect(close(trace.node(0).scalarGrad, 1.0) && close(trace.node(1).scalarGrad, -1.5))
        #expect(trace.leaves.map(\.label) == ["w1", "x1", "w2", "x2", "b"])
    }

    @Test func squareKeepsTwoEdgesAndPowShowsItsExponent() throws {
        let x = Value(3, label: "x")
        let square = x * x
        let cube = x.pow(3) + 1
        square.backward()
        let trace = square.trace(title: "x*x")
        #expect(trace.nodes.count == 2)
        #expect(trace.edges.map(\.argument) == [0, 1])
        #expect(trace.edges.allSatisfy { $0.parent == 0 && $0.child == 1 && $0.local == 3 })
        #expect(trace.node(0).scalarGrad == 6)

        let cubeTrace = cube.trace(title: "x^3 + 1")
        #expect(cubeTrace.nodes.map(\.op) == ["", "pow", "", "add"])
        #expect(cubeTrace.nodes.map(\.kind) == [.leaf, .op, .constant, .op])
        #expect(cubeTrace.node(1).detail == "^3")
        #expect(x.pow(0.5).detail == "^0.5")
        // Backward was not run from `cube`: no backward order, no gradients.
        #expect(cubeTrace.backwardOrder.isEmpty)
        #expect(cubeTrace.nodes.allSatisfy { $0.grad == nil })
    }

    @Test func levelsControlWhatIsRecorded() {
        let a = Value(2, label: "a")
        let out = (a * 3).tanh()
        out.backward()
        let shapes = out.trace(title: "t", level: .shapes)
        #expect(shapes.nodes.count == 4)
        #expect(shapes.nodes.allSatisfy { $0.value == nil && $0.grad == nil })
        #expect(shapes.edges.allSatisfy { $0.local == nil })
        let off = out.trace(title: "t", level: .off)
        #expect(off.nodes.isEmpty && off.edges.isEmpty && off.level == .off)
    }

    @Test func composedOpsAppearAsTheirOwnNodes() throws {
        let (output, _) = try Expression.parse("-(a - b) / c").evaluate(["a": 1, "b": 2, "c": 4])
        output.backward()
        let trace = output.trace(title: "-(a - b) / c")
        #expect(trace.nodes.map(\.op) == ["", "", "sub", "neg", "", "div"])
        let div = trace.incoming(5)
        #expect(div.map { $0.local! } == [0.25, -0.25 / 4])
        #expect(trace.incoming(2).map { $0.local! } == [1, -1])
        #expect(trace.incoming(3).map { $0.local! } == [-1])
    }

    @Test func traceIsDeterministicAndSurvivesJSON() throws {
        func make() throws -> Trace {
            let (output, _) = try Expression.parse(Self.neuron).evaluate(Self.bindings)
            output.backward()
            return output.trace(title: Self.neuron)
        }
        let first = try make()
        #expect(try make() == first)
        #expect(try Trace.decode(first.jsonData()) == first)
    }
}
