import Foundation
import Testing
@testable import Tracing

@Suite struct TraceTests {
    func sample() -> Trace {
        // c = a * b with a = 2, b = -3
        Trace(title: "a*b", engine: "scalar",
              nodes: [TraceNode(id: 0, label: "a", kind: .leaf, value: .init(scalar: 2), grad: .init(scalar: -3)),
                      TraceNode(id: 1, label: "b", kind: .leaf, value: .init(scalar: -3), grad: .init(scalar: 2)),
                      TraceNode(id: 2, kind: .op, op: "mul", value: .init(scalar: -6), grad: .init(scalar: 1))],
              edges: [TraceEdge(parent: 0, child: 2, local: -3, argument: 0),
                      TraceEdge(parent: 1, child: 2, local: 2, argument: 1)],
              backwardOrder: [2, 1, 0], output: 2)
    }

    @Test func jsonRoundTripsAndCarriesVersion() throws {
        let data = try sample().jsonData()
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"traceVersion\" : 1"))
        #expect(try Trace.decode(data) == sample())
    }

    @Test func jsonIsByteStable() throws {
        #expect(try sample().jsonData() == sample().jsonData())
    }

    @Test func newerVersionIsRefusedByName() throws {
        var trace = sample()
        trace.traceVersion = 99
        let data = try trace.jsonData()
        #expect(throws: TraceError.unsupportedVersion(found: 99, supported: 1)) { try Trace.decode(data) }
    }

    @Test func summaryKeepsSmallTensorsWhole() {
        let small = TensorSummary([1, 2, 3])
        #expect(small.values == [1, 2, 3])
        #expect(small.mean == 2)
        let big = TensorSummary((0..<100).map(Double.init))
        #expect(big.values == nil)
        #expect(big.max == 99)
        #expect(big.count == 100)
    }

    @Test func pathsEnumerateEveryRoute() {
        // x feeds y = x*x through two argument edges: two paths from x to y.
        let trace = Trace(title: "x*x", engine: "scalar",
                          nodes: [TraceNode(id: 0, label: "x", kind: .leaf), TraceNode(id: 1, kind: .op, op: "mul")],
                          edges: [TraceEdge(parent: 0, child: 1, local: 3, argument: 0),
                                  TraceEdge(parent: 0, child: 1, local: 3, argument: 1)])
        #expect(trace.paths(from: 0, to: 1).count == 2)
    }
}
