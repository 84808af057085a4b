import Foundation
import Hummingbird
import Server
import Testing

/// Every way a request can be wrong gets a 4xx JSON error naming the problem, never a crash.
@Suite("API errors")
struct ErrorResponseTests {
    func expectTraceError(_ request: String, _ status: Int, column: Int? = nil,
                          mentioning words: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await withServer { port in
            do { let response = try await post(port, "/api/trace", request)
                try expectAPIError(response, status, column: column, mentioning: words, sourceLocation: sourceLocation)
            }
        }
    }

    @Test func syntaxErrorsGiveTheirColumn() async throws {
        try await expectTraceError(#"{"expression": "tanh(w*x +)", "values": {"w": 1, "x": 2}}"#, 400,
                                   column: 11, mentioning: ["column 11", "expected"])
        try await expectTraceError(#"{"expression": "sin(x)", "values": {"x": 1}}"#, 400, column: 1,
                                   mentioning: ["'sin' is not a function"])
        try await expectTraceError(#"{"expression": "(x", "values": {"x": 1}}"#, 400, column: 3,
                                   mentioning: ["')'"])
    }

    @Test func evaluationErrorsNameTheNode() async throws {
        try await expectTraceError(#"{"expression": "log(x)", "values": {"x": -1}}"#, 400,
                                   mentioning: ["log", "positive"])
        try await expectTraceError(#"{"expression": "1/x", "values": {"x": 0}}"#, 400,
                                   mentioning: ["divides by zero"])
        try await expectTraceError(#"{"expression": "x*y", "values": {"x": 1}}"#, 400,
                                   mentioning: ["'y' has no value", "values"])
    }

    @Test func malformedBodiesAreRefused() async throws {
        try await expectTraceError("not json", 400, mentioning: ["not valid JSON"])
        try await expectTraceError(#"{"values": {}}"#, 400, mentioning: ["missing \"expression\""])
        try await expectTraceError(#"{"expression": 3, "values": {}}"#, 400,
                                   mentioning: ["\"expression\" has the wrong type"])
        try await expectTraceError(#"{"expression": "x", "values": {"x": "two"}}"#, 400,
                                   mentioning: ["values.x", "a number"])
        try await expectTraceError(#"{"expression": "x", "values": {"x": 1}, "lang": "fr"}"#, 400,
                                   mentioning: ["lang 'fr'", "en or zh"])
        try await expectTraceError(#"{"expression": "  ", "values": {}}"#, 400, column: 1,
                                   mentioning: ["empty"])
    }

    @Test func expressionsAndValuesAreBounded() async throws {
        let long = String(repeating: "x+", count: 600) + "x"
        try await expectTraceError(#"{"expression": "\#(long)", "values": {"x": 1}}"#, 400,
                                   mentioning: ["at most 1000"])
        let many = String(repeating: "x+", count: 150) + "x"
        try await expectTraceError(#"{"expression": "\#(many)", "values": {"x": 1}}"#, 400,
                                   mentioning: ["tokens", "at most 200"])
        let deep = String(repeating: "(", count: 70) + "x" + String(repeating: ")", count: 70)
        try await expectTraceError(#"{"expression": "\#(deep)", "values": {"x": 1}}"#, 400, column: 65,
                                   mentioning: ["nest at most 64"])
        let values = (0..<101).map { "\"v\($0)\": 1" }.joined(separator: ", ")
        try await expectTraceError(#"{"expression": "x", "values": {\#(values)}}"#, 400,
                                   mentioning: ["at most 100"])
    }

    @Test func oversizedBodiesGet413() async throws {
        let padding = String(repeating: " ", count: TraceRequest.maximumBodyBytes)
        try await expectTraceError(#"{"expression": "x", "values": {"x": 1}}"# + padding, 413,
                                   mentioning: ["larger than 16384 bytes"])
        // Over a real connection too, where the body arrives in pieces.
        try await withServer { port in
            let huge = Data(repeating: UInt8(ascii: "a"), count: 1 << 20)
            do { let response = try await send(port, "POST", "/api/trace", body: huge)
                try expectAPIError(response, 413, mentioning: ["larger than"])
            }
        }
    }

    @Test func unknownPathsAndMethodsAreJSONErrors() async throws {
        try await withServer { port in
            do { let response = try await get(port, "/api/nothing")
                try expectAPIError(response, 404, mentioning: ["no such page"])
            }
            do { let response = try await get(port, "/api/trace")
                #expect((400..<500).contains(response.status))
                try expectAPIError(response, response.status)
            }
            do { let response = try await get(port, "/api/lessons/nueron")
                try expectAPIError(response, 404, mentioning: ["no lesson named 'nueron'", "neuron"])
            }
            do { let response = try await get(port, "/api/lessons/neuron?lang=xx")
                try expectAPIError(response, 400, mentioning: ["lang 'xx'"])
            }
        }
    }
}
