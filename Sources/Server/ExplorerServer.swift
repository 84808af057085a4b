import Foundation
import Hummingbird
import Lessons
import Render
import Showcase

/// How an explorer server is set up.
public struct ServerConfiguration: Sendable {
    /// Address to bind: 127.0.0.1 unless the user asks otherwise.
    public var host: String
    /// Port (0 picks a free one).
    public var port: Int
    /// The language the pages open in.
    public var language: Language
    /// The page's own files.
    public var assetDirectory: String
    /// Where lessons write their figures (`<output>/<lang>/<lesson>/`).
    public var outputDirectory: String
    /// Run lessons with their smaller `--quick` settings (tests).
    public var quickLessons: Bool

    /// Makes a configuration.
    public init(host: String = "127.0.0.1", port: Int = 8000, language: Language = .en,
                assetDirectory: String, outputDirectory: String = "Output/serve", quickLessons: Bool = false) {
        self.host = host
        self.port = port
        self.language = language
        self.assetDirectory = assetDirectory
        self.outputDirectory = outputDirectory
        self.quickLessons = quickLessons
    }
}

/// The explorer's HTTP server: the page's files and the JSON API over Showcase and the lessons. Thin on
/// purpose: every number and figure comes from one Showcase or Lessons call.
public enum ExplorerServer {
    /// The router with every route (the API is documented in the README, "The explorer's API").
    public static func router(_ configuration: ServerConfiguration) throws -> Router<BasicRequestContext> {
        let assets = try StaticAssets(directory: configuration.assetDirectory)
        let lessons = LessonStore(outputDirectory: configuration.outputDirectory, quick: configuration.quickLessons)
        let router = Router()
        router.add(middleware: JSONErrorMiddleware())

        router.post("/api/trace") { request, _ -> Response in
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: TraceRequest.maximumBodyBytes)
            } catch {
                throw APIError(.contentTooLarge, "request body is larger than \(TraceRequest.maximumBodyBytes) "
                               + "bytes; expected a short expression and its values")
            }
            let trace = try TraceRequest.decode(body)
            return try json(try await offPool { try trace.view() })
        }
        router.get("/api/config") { _, _ -> Response in
            try json(["language": configuration.language.rawValue])
        }
        router.get("/api/lessons") { _, _ -> Response in
            struct Entry: Encodable { var name: String; var summary: [String: String] }
            return try json(LessonCatalog.all.map { lesson in
                Entry(name: lesson.name, summary: Dictionary(uniqueKeysWithValues: Language.allCases.map {
                    ($0.rawValue, lesson.summary[$0] ?? lesson.summary[.en] ?? "")
                }))
            })
        }
        router.get("/api/lessons/{name}") { request, context -> Response in
            let name = try context.parameters.require("name")
            return try json(try await lessons.page(name, language: try language(request)))
        }
        router.get("/api/lessons/{name}/figures/{file}") { request, context -> Response in
            let name = try context.parameters.require("name"), file = try context.parameters.require("file")
            let language = try language(request)
            // Only a figure the built page lists is served: the name is looked up, never joined blindly.
            guard let page = await lessons.builtPage(name, language: language),
                  page.sections.contains(where: { $0.figures.contains { $0.file == file } }) else {
                throw APIError(.notFound, "no figure '\(file)' in lesson '\(name)' (\(language.rawValue)); "
                               + "expected a file listed by GET /api/lessons/\(name)?lang=\(language.rawValue)")
            }
            let path = (lessons.directory(page.name, language) as NSString).appendingPathComponent(file)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw APIError(.notFound, "figure '\(file)' of lesson '\(name)' is missing from the output folder")
            }
            var headers = HTTPFields()
            headers[.contentType] = StaticAssets.contentType(file)
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        // `**` matches one or more path components; "/" (the playground) is its own route.
        for pattern in ["/", "**"] as [RouterPath] {
            router.get(pattern) { request, _ -> Response in
                guard let response = assets.response(for: request.uri.path) else {
                    throw APIError(.notFound, "no page or file at \(request.uri.path)")
                }
                return response
            }
        }
        return router
    }

    /// Runs the server until it is stopped; `started` gets the URL once it listens.
    public static func run(_ configuration: ServerConfiguration,
                           started: @escaping @Sendable (String) -> Void) async throws {
        let app = Application(
            router: try router(configuration),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                                 serverName: "dlexplain"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
                started("http://\(host):\(port)/")
            })
        try await app.runService()
    }

    /// `?lang=` of a request (default en).
    static func language(_ request: Request) throws -> Language {
        guard let text = request.uri.queryParameters.get("lang") else { return .en }
        guard let language = Language(rawValue: text) else {
            throw APIError(.badRequest, "lang '\(text)' is not a language; expected en or zh")
        }
        return language
    }

    /// `value` as a JSON response: sorted keys, non-finite numbers as the strings the trace JSON uses.
    static func json(_ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers,
                        body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    private static let workers = DispatchQueue(label: "dlexplain.serve.trace", attributes: .concurrent)

    /// Runs CPU work (a trace, its layouts) on a dispatch thread rather than Swift's small cooperative pool.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            workers.async { continuation.resume(with: Result { try work() }) }
        }
    }
}
