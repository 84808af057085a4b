import Foundation
import Hummingbird
import Lessons
import ScalarGrad
import Showcase
import Explain

/// An error the API answers with: a 4xx status and `{"error": "…", "column": N|null}`. Every failure a request
/// can cause ends up as one of these (see `JSONErrorMiddleware`), so a client always gets JSON and the server
/// never crashes on input.
public struct APIError: Error, Equatable, Sendable {
    /// The HTTP status (always 4xx).
    public var status: HTTPResponse.Status
    /// What was wrong and what was expected.
    public var message: String
    /// The 1-based column of the expression the error points at, when there is one.
    public var column: Int?
    /// For errors a learner can cause on the pages: a stable name (`upload-too-large`, `not-png`,
    /// `invalid-setting`) and the values its sentence needs. The pages say the sentence from their own table of
    /// words in the page's language (`i18n.js`, `err-<code>`); `message` stays the English one for other clients.
    public var code: String?, parameters: [String: String]

    /// Makes an error.
    public init(_ status: HTTPResponse.Status, _ message: String, column: Int? = nil, code: String? = nil,
                parameters: [String: String] = [:]) {
        self.status = status
        self.message = message
        self.column = column
        self.code = code
        self.parameters = parameters
    }

    /// The JSON body.
    var body: Data {
        struct Body: Encodable {
            var error: String
            var column: Int?
            var code: String?, parameters: [String: String]
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(error, forKey: .error)
                try container.encode(column, forKey: .column)  // null rather than absent: one shape for clients
                if let code {
                    try container.encode(code, forKey: .code)
                    try container.encode(parameters, forKey: .parameters)
                }
            }
            enum CodingKeys: String, CodingKey { case error, column, code, parameters }
        }
        let body = Body(error: message, column: column, code: code, parameters: parameters)
        return (try? JSONEncoder().encode(body)) ?? Data("{\"error\":\"\"}".utf8)
    }

    /// The response carrying this error.
    var response: Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// `error` as the API reports it: expression errors with their column (400), a request too large (413),
    /// Hummingbird's own errors with their status (404 unknown path, 405 wrong method), anything else 422.
    static func from(_ error: any Error) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as ExpressionError:
            if case let .unboundVariable(name) = error {
                return APIError(.badRequest,
                                "variable '\(name)' has no value; expected \"values\": {\"\(name)\": NUMBER}",
                                code: error.code, parameters: error.parameters)
            }
            return APIError(.badRequest, "expression: \(error.description)", column: error.column, code: error.code,
                            parameters: error.parameters)
        case let error as PlaygroundError:
            if case let .invalidSetting(field, expected) = error {
                let (low, high) = expected.bounds
                return APIError(.badRequest, error.description, code: "invalid-setting-\(expected.rule)",
                                parameters: ["field": field, "low": low, "high": high])
            }
            return APIError(.badRequest, error.description)
        case let error as ExplainError:
            return APIError(.badRequest, error.description)
        case let error as LessonCatalogError:
            return APIError(.notFound, error.description)
        case let error as HTTPError:
            let status = (400..<500).contains(error.status.code) ? error.status : .unprocessableContent
            let message = error.body ?? (error.status == .notFound ? "no such page or API path"
                                         : error.status == .contentTooLarge ? "request body too large"
                                         : error.status.reasonPhrase)
            return APIError(status, message)
        default:
            return APIError(.unprocessableContent, "\(error)")
        }
    }
}

/// Turns every error thrown below it (routes, body limits, unknown paths) into `APIError`'s JSON response.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return APIError.from(error).response
        }
    }
}
