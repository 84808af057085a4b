import Foundation
import Explain
import Hummingbird
import Render
import Showcase

/// The routes of the "inside the CNN" page (the README's API section lists them).
enum CNNRoutes {
    static func add(to router: Router<BasicRequestContext>, store: CNNStore) {
        router.get("/api/cnn/networks") { _, _ -> Response in
            try ExplorerServer.json(store.networks())
        }
        router.get("/api/cnn/gallery") { request, _ -> Response in
            let query = request.uri.queryParameters
            let filterText = query.get("filter") ?? "all"
            guard let filter = CNNInspection.GalleryFilter(rawValue: filterText) else {
                throw APIError(.badRequest, "filter '\(filterText)' is not a gallery filter; expected all, "
                               + "misclassified or leastConfident")
            }
            let label = try integer(request, "label", in: 0...9, optional: true)
            let limit = try integer(request, "limit", in: 1...200, optional: true) ?? 40
            let language = try ExplorerServer.language(request)
            let id = try network(request)
            let holder = try await store.holder(id)
            struct Gallery: Encodable { var classNames: [String]; var items: [CNNInspection.GalleryItem] }
            let items = try await store.gallery(id, filter: filter, label: label, limit: limit)
            let names = (0..<holder.inspection.test.classNames.count).map { holder.inspection.className($0, language) }
            return try ExplorerServer.json(Gallery(classNames: names, items: items))
        }
        router.get("/api/cnn/view") { request, _ -> Response in
            let index = try required(request, "index")
            return ExplorerServer.json(encoded: try await store.viewJSON(try network(request), index: index,
                                                                         language: try ExplorerServer.language(request)))
        }
        router.get("/api/cnn/saliency") { request, _ -> Response in
            let index = try required(request, "index")
            let methodText = request.uri.queryParameters.get("method") ?? ""
            guard let method = SaliencyMethod(rawValue: methodText) else {
                throw APIError(.badRequest, "method '\(methodText)' is not a saliency method; expected "
                               + SaliencyMethod.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return try ExplorerServer.json(try await store.map(try network(request), index: index, method: method,
                                                               language: try ExplorerServer.language(request)))
        }
        router.post("/api/cnn/upload") { request, context -> Response in
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: maximumUploadBytes)
            } catch {
                context.logger.info("upload refused: larger than \(maximumUploadBytes) bytes")
                let mib = maximumUploadBytes / (1 << 20)
                throw APIError(.contentTooLarge, "the upload is larger than \(mib) MiB; expected a PNG picture of at "
                               + "most that size", code: "upload-too-large", parameters: ["mib": "\(mib)"])
            }
            let backgroundText = request.uri.queryParameters.get("background") ?? "white"
            guard let background = ImageBackground(rawValue: backgroundText) else {
                throw APIError(.badRequest, "background '\(backgroundText)' is not a background; expected white or black")
            }
            let language = try ExplorerServer.language(request)
            let data = Data(body.readableBytesView)
            let holder = try await store.holder(try network(request))
            do {
                return try ExplorerServer.json(try await holder.run {
                    try $0.view(uploaded: data, name: "the upload", background: background, language: language)
                })
            } catch let error as PNGError {
                context.logger.info("upload refused: \(error)")
                throw APIError(.badRequest, "\(error); expected a PNG picture", code: "not-png",
                               parameters: ["detail": "\(error)"])
            }
        }
        router.get("/api/cnn/sanity") { request, _ -> Response in
            let index = try required(request, "index")
            let language = try ExplorerServer.language(request)
            let holder = try await store.holder(try network(request))
            let (image, _) = try await holder.run { try $0.image(index) }
            return sanityStream(holder, image: image, language: language)
        }
    }

    /// The sanity check (over `TrainedModel.sanityDraws` re-initialisations, as `explain` and the saliency lesson
    /// run it) as newline-separated JSON: `{"done": k, "total": 6}` after each method, then
    /// `{"result": {…}}` (or `{"error": "…"}`).
    static func sanityStream(_ holder: CNNStore.Holder, image: [Float], language: Language) -> Response {
        let (stream, continuation) = AsyncStream<ByteBuffer>.makeStream()
        @Sendable func line(_ data: Data) { continuation.yield(ByteBuffer(bytes: data + Data("\n".utf8))) }
        Task {
            do {
                let result = try await holder.runSanity { inspection in
                    try inspection.sanity(image, language: language) { done, total in
                        line(Data("{\"done\":\(done),\"total\":\(total)}".utf8))
                    }
                }
                struct Final: Encodable { var result: CNNSanity }
                line(try ExplorerServer.encoder.encode(Final(result: result)))
            } catch {
                line(APIError.from(error).body)
            }
            continuation.finish()
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/x-ndjson; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody(asyncSequence: stream))
    }

    /// `?network=` (default the seed net).
    static func network(_ request: Request) throws -> String {
        request.uri.queryParameters.get("network") ?? "seed"
    }

    /// Largest upload accepted: 8 MiB (a phone photo saved as PNG fits; the decoder also bounds the pixels).
    static let maximumUploadBytes = 8 << 20

    /// A whole number ≥ 0 that must be given.
    static func required(_ request: Request, _ name: String) throws -> Int {
        try integer(request, name, in: 0...Int.max, optional: false) ?? 0
    }

    /// An integer query parameter in `range`; nil when absent and optional.
    static func integer(_ request: Request, _ name: String, in range: ClosedRange<Int>, optional: Bool) throws -> Int? {
        guard let text = request.uri.queryParameters.get(name) else {
            if optional { return nil }
            throw APIError(.badRequest, "missing ?\(name)=; expected a whole number")
        }
        guard let value = Int(text), range.contains(value) else {
            throw APIError(.badRequest, "\(name) '\(text)' is not a whole number from \(range.lowerBound)"
                           + (range.upperBound == Int.max ? " up" : " to \(range.upperBound)"))
        }
        return value
    }
}
