import Foundation
import Explain
import Groundwork
import Render
import Showcase

/// The networks the "inside the CNN" page can open: the lessons' seed net, and every `train` checkpoint or ONNX
/// model found under the configured folders. A network is named by its id in this list, never by a path from the
/// request.
/// Each network is inspected by a few copies side by side (`Holder`), and views and maps are kept in bounded
/// caches that forget the least recently used first (they are deterministic: seeded noise, fixed steps).
actor CNNStore {
    /// One network the page can pick.
    struct Network: Codable, Sendable {
        /// `seed` or `checkpoint-N`.
        var id: String
        /// What the page shows.
        var name: String
        /// The file (shown, never taken back from a request).
        var path: String
    }

    let modelsDirectory: String, checkpointDirectories: [String], quick: Bool
    private var inspections: [String: Task<Holder, any Error>] = [:]
    // A view without its maps is about 100 KB (feature maps, filters); a map about 3 KB.
    private let views = Memo<CNNView>(capacity: 64), maps = Memo<Map>(capacity: 1024)
    // The view as sent, per language: encoding a view's ≈ 100 KB of data URLs is most of the work of a view
    // asked for again.
    private let encodedViews = Memo<Data>(capacity: 128)
    private let galleries = Memo<[CNNInspection.GalleryItem]>(capacity: 256)

    /// A gallery page of network `id`, kept once computed (the thumbnails and predictions do not change).
    func gallery(_ id: String, filter: CNNInspection.GalleryFilter, label: Int?, limit: Int) async throws
        -> [CNNInspection.GalleryItem] {
        let holder = try await holder(id)
        return try await galleries.value("\(id)/\(filter.rawValue)/\(label.map(String.init) ?? "-")/\(limit)") {
            try await holder.run { try $0.gallery(filter: filter, label: label, limit: limit) }
        }
    }

    /// One saliency map of a test image, as the page's `GET /api/cnn/saliency` returns it.
    struct Map: Codable, Sendable {
        /// The method's words and its map.
        var saliency: CNNView.Saliency
        /// Integrated Gradients' completeness (IG only).
        var completeness: CNNView.Completeness?
    }

    init(modelsDirectory: String, checkpointDirectories: [String], quick: Bool) {
        (self.modelsDirectory, self.checkpointDirectories, self.quick) = (modelsDirectory, checkpointDirectories, quick)
    }

    /// The seed net and the checkpoints found (at most 50, three folders deep).
    nonisolated func networks() -> [Network] {
        var found: [String] = []
        for root in checkpointDirectories {
            guard let walker = FileManager.default.enumerator(atPath: root) else { continue }
            while let relative = walker.nextObject() as? String, found.count < 50 {
                if walker.level > 3 { walker.skipDescendants(); continue }
                // A `train` checkpoint, or a learner's own model exported from PyTorch (TrainedModel opens both).
                guard relative.hasSuffix(".dlxckpt") || TrainedModel.isONNX(relative) else { continue }
                let path = PathText.join(root, relative)
                if path.hasPrefix(modelsDirectory) { continue }
                found.append(path)
            }
        }
        let seed = SeedNet.configuration(seed: 1, quick: quick, modelsDirectory: modelsDirectory)
        return [Network(id: "seed", name: quick ? "seed net (quick)" : "seed net", path: seed.resolvedCheckpointPath)]
            + found.sorted().enumerated().map {
                Network(id: "checkpoint-\($0.offset + 1)", name: ($0.element as NSString).lastPathComponent, path: $0.element)
            }
    }

    /// The inspection of network `id`, loading (or, for the seed net, training) it the first time.
    func holder(_ id: String) async throws -> Holder {
        if let task = inspections[id] { return try await task.value }
        guard let network = networks().first(where: { $0.id == id }) else {
            throw APIError(.notFound, "no network '\(id)'; expected an id listed by GET /api/cnn/networks")
        }
        let (models, quick) = (modelsDirectory, self.quick)
        let task = Task {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Holder, any Error>) in
                DispatchQueue.global().async {
                    continuation.resume(with: Result {
                        if network.id == "seed" {
                            let net = try SeedNet.obtain(seed: 1, quick: quick, modelsDirectory: models)
                            return Holder(CNNInspection(model: net.model, test: net.test, name: network.name),
                                          path: net.path, id)
                        }
                        return Holder(try CNNInspection(checkpoint: network.path), path: network.path, id)
                    })
                }
            }
        }
        inspections[id] = task
        do {
            return try await task.value
        } catch {
            inspections[id] = nil
            throw error
        }
    }

    /// The view of test image `index` of network `id` in `language`, without its saliency maps (the page asks
    /// for each with `map`): computed once in English and kept, then relabelled for the language asked for.
    func view(_ id: String, index: Int, language: Language) async throws -> CNNView {
        let holder = try await holder(id)
        let view = try await views.value("\(id)/\(index)") {
            try await holder.run { try $0.view(index: index, language: .en, maps: false) }
        }
        return language == .en ? view : try await holder.run { $0.relabeled(view, language: language) }
    }

    /// `view` as the JSON the API answers with, kept per language.
    func viewJSON(_ id: String, index: Int, language: Language) async throws -> Data {
        try await encodedViews.value("\(id)/\(index)/\(language.rawValue)") {
            try ExplorerServer.encoder.encode(try await self.view(id, index: index, language: language))
        }
    }

    /// Saliency map `method` of test image `index` of network `id` in `language`, computed once and kept.
    func map(_ id: String, index: Int, method: SaliencyMethod, language: Language) async throws -> Map {
        let holder = try await holder(id)
        var map = try await maps.value("\(id)/\(index)/\(method.rawValue)") {
            try await holder.run { inspection in
                let (image, _) = try inspection.image(index)
                let (saliency, completeness) = try inspection.saliency(method, image, language: .en)
                return Map(saliency: saliency, completeness: completeness)
            }
        }
        map.saliency = CNNInspection.relabeled(map.saliency, language: language)
        return map
    }
}
