import Foundation
import Hummingbird
import Server
import Showcase
import Testing
import Tracing

@Suite("POST /api/trace")
struct TraceEndpointTests {
    static let neuron = #"{"expression": "tanh(w*x+b)", "values": {"w": -3, "x": 2, "b": 6.88}, "lang": "en"}"#

    @Test func returnsTheSameTraceAsTheCLIWithNarrationChecksAndFigures() async throws {
        let expected = try ExpressionTrace("tanh(w*x+b)", bindings: ["w": -3, "x": 2, "b": 6.88])
        try await withServer { port in
            do { let response = try await post(port, "/api/trace", Self.neuron)
                #expect(response.status == 200)
                let json = try response.object()
                // The trace part decodes to exactly the trace `dlexplain trace --json` prints.
                struct Wrapper: Decodable { var trace: Trace }
                let decoder = JSONDecoder()
                decoder.nonConformingFloatDecodingStrategy = .convertFromString(
                    positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
                let trace = try decoder.decode(Wrapper.self, from: response.body).trace
                #expect(trace == expected.trace)
                #expect(trace.traceVersion == Trace.currentVersion)
                #expect(json["variables"] as? [String] == ["w", "x", "b"])
                let check = try #require(json["check"] as? [[String: Any]])
                #expect(check.count == 3)
                for row in check {
                    let name = try #require(row["name"] as? String)
                    let backward = try #require(row["backward"] as? Double)
                    #expect(abs(backward - expected.leaves[name]!.grad) < 1e-12)
                    #expect(row["passed"] as? Bool == true)
                }
                let backwardLines = try #require(json["backward"] as? [[String: Any]])
                #expect(backwardLines.contains { ($0["step"] as? Int) == 0 })
                let why = try #require(json["why"] as? [String: [[String: Any]]])
                let wId = try #require(expected.trace.nodes.first { $0.label == "w" }?.id)
                #expect(why[String(wId)]?.last?["passed"] as? Bool == true)
                let svg = try #require(json["svg"] as? [String: Any])
                #expect((svg["graph"] as? String)?.contains("<svg") == true)
                #expect((svg["backprop"] as? String)?.contains("dlexplain trace") == true)
                #expect(svg["frames"] == nil || svg["frames"] is NSNull)
            }
        }
    }

    @Test func framesAreOnePerBackwardStepWhenAskedFor() async throws {
        let request = #"{"expression": "x*x + 3*x", "values": {"x": 3}, "frames": true}"#
        try await withServer { port in
            do { let response = try await post(port, "/api/trace", request)
                let json = try response.object()
                let steps = try #require(json["steps"] as? Int)
                let frames = try #require((json["svg"] as? [String: Any])?["frames"] as? [String])
                #expect(steps > 0 && frames.count == steps)
                #expect(frames.allSatisfy { $0.contains("<svg") })
            }
        }
    }

    @Test func narratesInChineseWhenAsked() async throws {
        let request = #"{"expression": "x*y", "values": {"x": 2, "y": 5}, "lang": "zh"}"#
        try await withServer { port in
            do { let response = try await post(port, "/api/trace", request)
                let json = try response.object()
                let lines = try #require(json["backward"] as? [[String: Any]]).compactMap { $0["text"] as? String }
                #expect(lines.first?.contains("反向传播") == true)
            }
        }
    }

    @Test func ignoresValuesOfNamesTheExpressionDoesNotUse() async throws {
        let request = #"{"expression": "2*x", "values": {"x": 2, "old": 5}}"#
        try await withServer { port in
            do { let response = try await post(port, "/api/trace", request)
                #expect(response.status == 200)
                #expect(try response.object()["variables"] as? [String] == ["x"])
            }
        }
    }

    @Test func concurrentRequestsEachGetTheirOwnGradient() async throws {
        try await withServer { port in
            try await withThrowingTaskGroup(of: (Double, Double).self) { group in
                for k in 0..<24 {
                    let x = Double(k) / 4 - 3
                    group.addTask {
                        let request = #"{"expression": "tanh(w*x+b)", "values": {"w": 0.7, "x": \#(x), "b": 0.2}}"#
                        let json = try await post(port, "/api/trace", request).object()
                        let rows = try #require(json["check"] as? [[String: Any]])
                        let row = try #require(rows.first { $0["name"] as? String == "x" })
                        return (x, try #require(row["backward"] as? Double))
                    }
                }
                for try await (x, grad) in group {
                    let t = tanh(0.7 * x + 0.2)
                    #expect(abs(grad - 0.7 * (1 - t * t)) < 1e-12, "x = \(x)")
                }
            }
        }
    }
}

