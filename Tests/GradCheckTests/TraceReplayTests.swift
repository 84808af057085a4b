import Testing
@testable import GradCheck
import ScalarGrad
import Tracing

/// The replayed forward pass, and the gradient check of intermediate nodes built on it.
@Suite struct TraceReplayTests {
    /// tanh(w·x + b)·w + x^2: a value used twice (w), a pow, a constant-free sum.
    static func traced() throws -> Trace {
        let (output, _) = try Expression.parse("tanh(w*x + b)*w + x^2 - 3/x").evaluate(["w": -0.7, "x": 1.3, "b": 0.4])
        output.backward()
        return output.trace(title: "replay")
    }

    @Test func replayWithoutAChangeGivesTheRecordedOutput() throws {
        let trace = try Self.traced()
        let output = try #require(trace.output)
        for node in trace.nodes where node.kind == .op {
            let same = try TraceReplay.output(of: trace, setting: node.id, to: node.value!.scalar!)
            #expect(abs(same - trace.nodes[output].value!.scalar!) <= 1e-15 * abs(same) + 1e-15, "node \(node.id) \(node.op)")
        }
    }

    @Test func everyIntermediateGradientAgreesWithItsCentralDifference() throws {
        let trace = try Self.traced()
        let entries = try TraceReplay.checkNodes(trace, names: TraceNamesStub.names(trace))
        #expect(entries.count == trace.nodes.filter { $0.kind == .op && $0.id != trace.output }.count)
        for (id, entry) in entries { #expect(entry.passed, "node \(id) \(trace.nodes[id].op): \(entry)") }
    }

    @Test func aWrongIntermediateGradientIsCaught() throws {
        var trace = try Self.traced()
        let tanhNode = try #require(trace.nodes.first { $0.op == "tanh" })
        trace.nodes[tanhNode.id].grad = TensorSummary(scalar: tanhNode.scalarGrad! * 2)
        let entries = try TraceReplay.checkNodes(trace, names: TraceNamesStub.names(trace))
        #expect(entries[tanhNode.id]?.passed == false)
    }

    @Test func anUnknownOpIsNamed() {
        #expect(throws: TraceReplay.Failure.unknownOp("softmax")) { try TraceReplay.apply("softmax", detail: "", to: [1]) }
    }
}

/// Plain names for the check's rows (Render's `TraceNames` is not a dependency of GradCheck).
enum TraceNamesStub {
    static func names(_ trace: Trace) -> [String] { trace.nodes.map { $0.label.isEmpty ? "#\($0.id)" : $0.label } }
}
