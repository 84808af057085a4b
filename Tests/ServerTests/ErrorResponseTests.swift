import Foundation
import Hummingbird
import HummingbirdTesting
import Server
import Testing

/// Every way a request can be wrong gets a 4xx JSON error naming the problem, never a crash.
@Suite("API errors")
struct ErrorResponseTests {
    func expectTraceError(_ request: String, _ status: HTTPResponse.Status, column: Int? = nil,
                          mentioning words: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/api/trace", method: .post, body: body(request)) { response in
                try expectAPIError(response, status, column: column, mentioning: words, sourceLocation: sourceLocation)
            }
        }
    }

    @Test func syntaxErrorsGiveTheirColumn() async throws {
        try await expectTraceError(#"{"expression": "tanh(w*x +)", "values": {"w": 1, "x": 2}}"#, .badRequest,
                                   column: 11, mentioning: ["column 11", "expected"])
        try await expectTraceError(#"{"expression": "sin(x)", "values": {"x": 1}}"#, .badRequest, column: 1,
                                   mentioning: ["'sin' is not a function"])
        try await expectTraceError(#"{"expression": "(x", "values": {"x": 1}}"#, .badRequest, column: 3,
                                   mentioning: ["')'"])
    }

    @Test func evaluationErrorsNameTheNode() async throws {
        try await expectTraceError(#"{"expression": "log(x)", "values": {"x": -1}}"#, .badRequest,
                                   mentioning: ["log", "positive"])
        try await expectTraceError(#"{"expression": "1/x", "values": {"x": 0}}"#, .badRequest,
                                   mentioning: ["divides by zero"])
        try await expectTraceError(#"{"expression": "x*y", "values": {"x": 1}}"#, .badRequest,
                                   mentioning: ["'y' has no value", "values"])
    }

    @Test func malformedBodiesAreRefused() async throws {
        try await expectTraceError("not json", .badRequest, mentioning: ["not valid JSON"])
        try await expectTraceError(#"{"values": {}}"#, .badRequest, mentioning: ["missing \"expression\""])
        try await expectTraceError(#"{"expression": 3, "values": {}}"#, .badRequest,
                                   mentioning: ["\"expression\" has the wrong type"])
        try await expectTraceError(#"{"expression": "x", "values": {"x": "two"}}"#, .badRequest,
                                   mentioning: ["values.x", "a number"])
        try await expectTraceError(#"{"expression": "x", "values": {"x": 1}, "lang": "fr"}"#, .badRequest,
                                   mentioning: ["lang 'fr'", "en or zh"])
        try await expectTraceError(#"{"expression": "  ", "values": {}}"#, .badRequest, column: 1,
                                   mentioning: ["empty"])
    }

    @Test func expressionsAndValuesAreBounded() async throws {
        let long = String(repeating: "x+", count: 600) + "x"
        try await expectTraceError(#"{"expression": "\#(long)", "values": {"x": 1}}"#, .badRequest,
                                   mentioning: ["at most 1000"])
        let many = String(repeating: "x+", count: 150) + "x"
        try await expectTraceError(#"{"expression": "\#(many)", "values": {"x": 1}}"#, .badRequest,
                                   mentioning: ["tokens", "at most 200"])
        let deep = String(repeating: "(", count: 70) + "x" + String(repeating: ")", count: 70)
        try await expectTraceError(#"{"expression": "\#(deep)", "values": {"x": 1}}"#, .badRequest, column: 65,
                                   mentioning: ["nest at most 64"])
        let values = (0..<101).map { "\"v\($0)\": 1" }.joined(separator: ", ")
        try await expectTraceError(#"{"expression": "x", "values": {\#(values)}}"#, .badRequest,
                                   mentioning: ["at most 100"])
    }

    @Test func oversizedBodiesGet413() async throws {
        let padding = String(repeating: " ", count: TraceRequest.maximumBodyBytes)
        try await expectTraceError(#"{"expression": "x", "values": {"x": 1}}"# + padding, .contentTooLarge,
                                   mentioning: ["larger than 16384 bytes"])
        // Over a real connection too, where the body arrives in pieces.
        try await makeApp().test(.live) { client in
            let huge = ByteBuffer(repeating: UInt8(ascii: "a"), count: 1 << 20)
            try await client.execute(uri: "/api/trace", method: .post, body: huge) { response in
                try expectAPIError(response, .contentTooLarge, mentioning: ["larger than"])
            }
        }
    }

    @Test func unknownPathsAndMethodsAreJSONErrors() async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/api/nothing", method: .get) { response in
                try expectAPIError(response, .notFound, mentioning: ["no page or file"])
            }
            try await client.execute(uri: "/api/trace", method: .get) { response in
                #expect((400..<500).contains(response.status.code))
                try expectAPIError(response, response.status)
            }
            try await client.execute(uri: "/api/lessons/nueron", method: .get) { response in
                try expectAPIError(response, .notFound, mentioning: ["no lesson named 'nueron'", "neuron"])
            }
            try await client.execute(uri: "/api/lessons/neuron?lang=xx", method: .get) { response in
                try expectAPIError(response, .badRequest, mentioning: ["lang 'xx'"])
            }
        }
    }
}
