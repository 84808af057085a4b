import Foundation
import Hummingbird
import Render
import ScalarGrad
import Showcase

/// The body of `POST /api/trace`: `{"expression": "tanh(w*x+b)", "values": {"w": -3}, "lang": "en",
/// "frames": false}`.
public struct TraceRequest: Decodable, Sendable {
    /// The expression, in `dlexplain trace`'s syntax.
    public var expression: String
    /// A value per variable of the expression.
    public var values: [String: Double]
    /// `en` (default) or `zh`: the language of the narration.
    public var lang: String?
    /// Also render one backward-step frame per step (the flipbook), default false.
    public var frames: Bool?

    /// Largest body accepted, in bytes. A 200-token expression and its values fit in a few KiB.
    public static let maximumBodyBytes = 16 * 1024
    /// Longest expression accepted, in characters (the parser also stops at `Expression.maximumTokens`).
    public static let maximumExpressionLength = 1000
    /// Most values accepted.
    public static let maximumValues = 100

    /// Decodes and checks a body; throws `APIError` naming the field and what was expected.
    public static func decode(_ body: ByteBuffer) throws -> TraceRequest {
        let request: TraceRequest
        do {
            request = try JSONDecoder().decode(TraceRequest.self, from: Data(body.readableBytesView))
        } catch let DecodingError.keyNotFound(key, _) {
            throw APIError(.badRequest, "request body: missing \"\(key.stringValue)\"; expected "
                           + "{\"expression\": TEXT, \"values\": {NAME: NUMBER, …}, \"lang\": \"en\"|\"zh\"}")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw APIError(.badRequest, "request body: \"\(field)\" has the wrong type; expected "
                           + (field.hasPrefix("values") ? "a number" : field == "frames" ? "true or false" : "a string"))
        } catch {
            throw APIError(.badRequest, "request body is not valid JSON; expected {\"expression\": TEXT, "
                           + "\"values\": {NAME: NUMBER, …}}")
        }
        try request.validate()
        return request
    }

    /// Checks the limits and the language.
    func validate() throws {
        if expression.count > Self.maximumExpressionLength {
            throw APIError(.badRequest, "expression has \(expression.count) characters; expected at most "
                           + "\(Self.maximumExpressionLength)")
        }
        if expression.trimmingCharacters(in: .whitespaces).isEmpty {
            throw APIError(.badRequest, "expression is empty; expected e.g. tanh(w*x + b)", column: 1)
        }
        if values.count > Self.maximumValues {
            throw APIError(.badRequest, "values has \(values.count) entries; expected at most \(Self.maximumValues)")
        }
        if let bad = values.first(where: { !$0.value.isFinite }) {
            throw APIError(.badRequest, "values.\(bad.key) is not a finite number")
        }
        _ = try language()
    }

    /// The narration language.
    func language() throws -> Language {
        guard let lang else { return .en }
        guard let language = Language(rawValue: lang) else {
            throw APIError(.badRequest, "lang '\(lang)' is not a language; expected en or zh")
        }
        return language
    }

    /// Traces the expression and assembles its view. Values of names the expression does not use are ignored
    /// (the page keeps a slider's value while its variable is typed away and back); a missing one is an error.
    func view() throws -> TraceView {
        let used = try ExpressionTrace(expression, bindings: values)
        let traced = used.variables.count == values.count ? used
            : try ExpressionTrace(expression, bindings: values.filter { used.variables.contains($0.key) })
        return try traced.view(language: try language(), frames: frames ?? false)
    }
}
