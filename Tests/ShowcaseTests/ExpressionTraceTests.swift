import Foundation
import Render
import Testing
@testable import Showcase

@Suite struct ExpressionTraceTests {
    /// micrograd's neuron: o = tanh(x1·w1 + x2·w2 + b) with b chosen so n = 0.8814, o = 0.7071.
    static let bindings = ["x1": 2.0, "x2": 0.0, "w1": -3.0, "w2": 1.0, "b": 6.8813735870195432]

    @Test func tracesBackpropagatesAndChecksTheNeuron() throws {
        let traced = try ExpressionTrace("tanh(x1*w1 + x2*w2 + b)", bindings: Self.bindings)
        #expect(abs(traced.output.data - 0.7071067811865476) < 1e-12)
        let grads = Dictionary(uniqueKeysWithValues: traced.gradients().map { ($0.name, $0.grad) })
        // do/dn = 1 − o² = 0.5; ∂o/∂w1 = 0.5·x1, ∂o/∂x1 = 0.5·w1.
        #expect(abs(grads["w1"]! - 1.0) < 1e-12)
        #expect(abs(grads["x1"]! - -1.5) < 1e-12)
        #expect(abs(grads["w2"]!) < 1e-12)
        let report = try traced.check()
        #expect(report.passed)
        #expect(report.entries.map(\.name) == traced.variables)
        #expect(try traced.check(["b"]).entries.map(\.name) == ["b"])
    }

    @Test func writesDiagramsAndTraceJSON() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("showcase-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let traced = try ExpressionTrace("a*b + a", bindings: ["a": 2, "b": -3])
        let files = try traced.write(to: directory, command: "test", flipbook: false)
        for name in ["graph.svg", "graph.png", "backprop.svg", "backprop.png", "trace.json"] {
            #expect(files.contains(directory + "/" + name), "missing \(name)")
        }
        let json = try Data(contentsOf: URL(fileURLWithPath: directory + "/trace.json"))
        #expect(String(decoding: json, as: UTF8.self).contains("\"traceVersion\""))
    }
}
