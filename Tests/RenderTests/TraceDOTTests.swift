import Foundation
import Testing
@testable import Render
import Tracing

@Suite struct TraceDOTTests {
    @Test func fixtureGradientsMatchMicrograd() {
        let trace = Fixtures.neuron
        let byName = Dictionary(uniqueKeysWithValues: trace.nodes.map { (TraceNames(trace)[$0.id], $0) })
        let expected: [(String, Double, Double)] = [
            ("x1", 2, -1.5), ("w1", -3, 1), ("x2", 0, 0.5), ("w2", 1, 0), ("b", 6.8813735870195432, 0.5),
            ("x1·w1", -6, 0.5), ("x2·w2", 0, 0.5), ("n", 0.8813735870195432, 0.5), ("o", 0.7071067811865476, 1),
        ]
        for (name, value, grad) in expected {
            #expect(abs(byName[name]!.scalarValue! - value) < 1e-12, "value of \(name)")
            #expect(abs(byName[name]!.scalarGrad! - grad) < 1e-12, "grad of \(name)")
        }
    }

    @Test func neuronGraphMatchesGolden() {
        #expect(TraceDOT.graph(Fixtures.neuron) == Golden.neuronGraph)
    }

    @Test func neuronBackpropMatchesGolden() {
        #expect(TraceDOT.backprop(Fixtures.neuron) == Golden.neuronBackprop)
    }

    @Test func reusedNodeShowsHowItsGradientSums() {
        let dot = TraceDOT.backprop(Fixtures.reused)
        #expect(dot.contains(#"v0 [label="x | data 3.0000 | <g> grad 7.0000 | = ② 1.0000 + ③ 3.0000 + ④ 3.0000""#))
        // x·x uses x twice: two distinct numbered edges.
        #expect(dot.contains(#"v0:g:e -> op1 [dir=back, label="③ 1.0000 × 3.0000\n= 3.0000""#))
        #expect(dot.contains(#"v0:g:e -> op1 [dir=back, label="④ 1.0000 × 3.0000\n= 3.0000""#))
        #expect(dot.contains(#"label="L | data 12.0000 | <g> grad 1.0000""#))
    }

    @Test func edgeColourFollowsTheSignAndWidthTheSize() {
        let dot = TraceDOT.backprop(Fixtures.neuron)
        let negative = Colormap.diverging.color(0).hex, positive = Colormap.diverging.color(1).hex
        // ⑧ is the largest contribution (−1.5): darkest blue and the widest pen; ⑦ is zero: grey and thinnest.
        #expect(dot.contains("= -1.5000\", color=\"\(negative)\", fontcolor=\"\(negative)\", penwidth=4.5"))
        #expect(dot.contains("= 0.0000\", color=\"\(TraceLook.soft)\", fontcolor=\"\(TraceLook.ink)\", penwidth=1.2"))
        #expect(dot.contains("fontcolor=\"\(positive)\""))
    }

    @Test func flipbookHasOneFramePerStepWithRunningGradients() {
        let frames = TraceDOT.frames(Fixtures.neuron)
        #expect(frames.count == 5)
        #expect(frames[0].contains("step 1 of 5: backprop through tanh at o"))
        #expect(frames[0].contains(#"v8 [label="n | data 0.8814 | <g> grad 0.5000""#))
        #expect(frames[0].contains(#"v0 [label="x1 | data 2.0000 | <g> grad —""#))
        #expect(frames[4].contains("step 5 of 5: backprop through mul at x1·w1"))
        #expect(frames[4].contains(#"v0 [label="x1 | data 2.0000 | <g> grad -1.5000""#))
        // The node being processed is highlighted; edges not yet used are faint with an invisible label.
        #expect(frames[0].contains("op9 [label=\"tanh\", shape=ellipse, style=filled, margin=\"0.04,0.02\", "
                                   + "height=0.3, fillcolor=\"\(TraceLook.focusFill)\""))
        #expect(frames[0].contains("fontcolor=\"#ffffff\", style=dashed"))
        #expect(!frames[4].contains("style=dashed"))
    }

    @Test func flipbookShowsPartialSumsOfAReusedNode() {
        let frames = TraceDOT.frames(Fixtures.reused)
        #expect(frames.count == 2)
        #expect(frames[0].contains(#"v0 [label="x | data 3.0000 | <g> grad 1.0000 (so far)""#))
        #expect(frames[1].contains(#"v0 [label="x | data 3.0000 | <g> grad 7.0000""#))
    }

    @Test func constantsShowTheirValueAndGetNoGradient() {
        let trace = Fixtures.withConstant
        let graph = TraceDOT.graph(trace), backprop = TraceDOT.backprop(trace)
        #expect(graph.contains(#"v1 [label="constant | data 2.0000", shape=record, style="filled,dashed""#))
        #expect(graph.contains(#"op3 [label="^2""#))
        #expect(backprop.contains("v1 -> op2 [dir=none, style=dashed"))
        #expect(BackwardPlan(trace).steps.flatMap(\.contributions).count == 2)
    }

    @Test func tensorTracesShowShapesAndSummaries() {
        let full = TraceDOT.graph(Fixtures.tensor(level: .full))
        #expect(full.contains(#"v1 [label="fc.weight | 4×3 | data min -0.5 max 0.6 | <g> grad min 0.25 max 0.25""#))
        #expect(full.contains(#"v2 [label="matmul | 1×3 | data [0.3, -0.1, 1.2] | <g> grad [1, 0, 1]""#))
        let shapes = TraceDOT.graph(Fixtures.tensor(level: .shapes))
        #expect(shapes.contains(#"v2 [label="matmul | 1×3", shape=record"#))
        #expect(!shapes.contains("data"))
        #expect(TraceDOT.backprop(Fixtures.tensor(level: .full)).contains(#"label="③""#))
    }

    @Test func everyDiagramLaysOut() throws {
        let traces = [Fixtures.neuron, Fixtures.reused, Fixtures.withConstant, Fixtures.tensor(level: .full),
                      Fixtures.tensor(level: .shapes)]
        for trace in traces {
            for dot in [TraceDOT.graph(trace), TraceDOT.backprop(trace)] + TraceDOT.frames(trace) {
                let svg = String(decoding: try Graphviz.render(dot, format: .svg), as: UTF8.self)
                #expect(svg.contains("<svg"), "\(trace.title)")
            }
        }
    }

    @Test func namesAreExpressionsOnPlainNamesElseShortNames() {
        var f = TraceFixture()
        var x = f.leaf("x", 0.5)
        for _ in 0..<4 { x = f.tanh(x) }
        let names = TraceNames(f.finish("tanh^4", output: x))
        #expect(names[1] == "tanh(x)")
        #expect(names[3] == "tanh(tanh(tanh(x)))")
        #expect(names[4] == "L")
        let neuron = TraceNames(Fixtures.neuron)
        #expect(neuron.wrapped(5) == "(x1·w1)" && neuron.wrapped(7) == "n1" && neuron.wrapped(8) == "n")
        var g = TraceFixture()
        let a = g.leaf("alpha", 1), b = g.leaf("beta", 2)
        let long = g.mul(g.add(a, b), g.add(b, a))
        let out = g.tanh(long)
        #expect(TraceNames(g.finish("long", output: out))[long] == "n1")
    }
}
