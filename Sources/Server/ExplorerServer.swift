import Foundation
import Groundwork
import Hummingbird
import HummingbirdWebSocket
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
    /// Run lessons with their smaller `--quick` settings (tests); the CNN page then uses the quick seed net.
    public var quickLessons: Bool
    /// Most training playgrounds running at once; one more is refused with a message.
    public var maximumTrainingSessions: Int
    /// A playground whose page sends nothing for this many seconds is stopped.
    public var idleTimeout: Double
    /// Folders searched for `train` checkpoints (`*.dlxckpt`) and ONNX models (`*.onnx`) for the CNN page.
    public var checkpointDirectories: [String]

    /// Makes a configuration.
    public init(host: String = "127.0.0.1", port: Int = 8000, language: Language = .en,
                assetDirectory: String, outputDirectory: String = "Output/serve", quickLessons: Bool = false,
                maximumTrainingSessions: Int = 10, idleTimeout: Double = 120,
                checkpointDirectories: [String] = ["Output/train"]) {
        self.host = host
        self.port = port
        self.language = language
        self.assetDirectory = assetDirectory
        self.outputDirectory = outputDirectory
        self.quickLessons = quickLessons
        self.maximumTrainingSessions = maximumTrainingSessions
        self.idleTimeout = idleTimeout
        self.checkpointDirectories = checkpointDirectories
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
            struct Config: Encodable { var language: String; var maximumTrainingSessions: Int; var idleTimeout: Double }
            return try json(Config(language: configuration.language.rawValue,
                                   maximumTrainingSessions: configuration.maximumTrainingSessions,
                                   idleTimeout: configuration.idleTimeout))
        }
        CNNRoutes.add(to: router, store: CNNStore(
            modelsDirectory: PathText.join(configuration.outputDirectory, "models"),
            checkpointDirectories: configuration.checkpointDirectories, quick: configuration.quickLessons))
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

    /// The WebSocket routes: the training playground's stream.
    static func webSocketRouter(_ configuration: ServerConfiguration) -> Router<BasicWebSocketRequestContext> {
        let router = Router(context: BasicWebSocketRequestContext.self)
        let limiter = SessionLimiter(maximum: configuration.maximumTrainingSessions)
        router.ws("/api/playground") { inbound, outbound, context in
            try await PlaygroundSocket.handle(inbound: inbound, outbound: outbound, logger: context.logger,
                                              limiter: limiter, idleTimeout: configuration.idleTimeout)
        }
        return router
    }

    /// The application: HTTP routes plus the WebSocket upgrade for the playground. `onServerRunning` gets the
    /// port it listens on.
    public static func application(_ configuration: ServerConfiguration,
                                   onServerRunning: @escaping @Sendable (Int) async -> Void) throws
        -> some ApplicationProtocol {
        Application(
            router: try router(configuration),
            server: .http1WebSocketUpgrade(webSocketRouter: webSocketRouter(configuration),
                                           configuration: .init(maxFrameSize: PlaygroundSocket.maximumMessageBytes)),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                                 serverName: "dlexplain"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) })
    }

    /// Runs the server until it is stopped; `started` gets the URL once it listens.
    public static func run(_ configuration: ServerConfiguration,
                           started: @escaping @Sendable (String) -> Void) async throws {
        let app = try application(configuration) { port in
            let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
            started("http://\(host):\(port)/")
        }
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

    /// The API's JSON encoder: sorted keys, non-finite numbers as the strings the trace JSON uses.
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    /// `value` as a JSON response.
    static func json(_ value: some Encodable) throws -> Response {
        json(encoded: try encoder.encode(value))
    }

    /// JSON already encoded as a response.
    static func json(encoded data: Data) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private static let workers = DispatchQueue(label: "dlexplain.serve.trace", attributes: .concurrent)

    /// Runs CPU work (a trace, its layouts) on a dispatch thread rather than Swift's small cooperative pool.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            workers.async { continuation.resume(with: Result { try work() }) }
        }
    }
}
