import Foundation
import Groundwork
import Render
import Showcase

/// The networks the "inside the CNN" page can open: the lessons' seed net, and every `train` checkpoint found
/// under the configured folders. A network is named by its id in this list, never by a path from the request.
/// Each network's inspection runs on its own serial queue (the sanity check rewrites weights while it runs),
/// and views are kept in a small cache (they are deterministic: seeded noise, fixed steps).
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
    private var views: [String: CNNView] = [:], viewOrder: [String] = []
    private var computing: [String: Task<CNNView, any Error>] = [:]
    private var galleries: [String: [CNNInspection.GalleryItem]] = [:]

    /// A gallery page of network `id`, kept once computed (the thumbnails and predictions do not change).
    func gallery(_ id: String, filter: CNNInspection.GalleryFilter, label: Int?, limit: Int) async throws
        -> [CNNInspection.GalleryItem] {
        let key = "\(id)/\(filter.rawValue)/\(label.map(String.init) ?? "-")/\(limit)"
        if let items = galleries[key] { return items }
        let items = try await holder(id).run { try $0.gallery(filter: filter, label: label, limit: limit) }
        if galleries.count < 256 { galleries[key] = items }
        return items
    }
    private static let maximumViews = 64

    /// A network's inspection and the queue it runs on, and a second copy of the network for sanity checks
    /// (which rewrite weights for seconds) on a queue of its own, so views of the same network never wait for one.
    final class Holder: @unchecked Sendable {
        let inspection: CNNInspection, path: String
        let queue: DispatchQueue, sanityQueue: DispatchQueue
        private var sanityCopy: CNNInspection?  // touched only on `sanityQueue`
        init(_ inspection: CNNInspection, path: String, _ id: String) {
            (self.inspection, self.path) = (inspection, path)
            queue = DispatchQueue(label: "dlexplain.serve.cnn.\(id)")
            sanityQueue = DispatchQueue(label: "dlexplain.serve.cnn.\(id).sanity")
        }
        /// Runs `body` on the network's queue.
        func run<T: Sendable>(_ body: @escaping @Sendable (CNNInspection) throws -> T) async throws -> T {
            try await withCheckedThrowingContinuation { continuation in
                queue.async { continuation.resume(with: Result { try body(self.inspection) }) }
            }
        }
        /// Runs `body` on the sanity queue with the network's second copy (read from its checkpoint the first time).
        func runSanity<T: Sendable>(_ body: @escaping @Sendable (CNNInspection) throws -> T) async throws -> T {
            try await withCheckedThrowingContinuation { continuation in
                sanityQueue.async {
                    continuation.resume(with: Result {
                        if self.sanityCopy == nil {
                            self.sanityCopy = CNNInspection(model: try TrainedModel.network(model: self.path).model,
                                                            test: self.inspection.test, name: self.inspection.name)
                        }
                        return try body(self.sanityCopy!)
                    })
                }
            }
        }
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
                guard relative.hasSuffix(".dlxckpt") else { continue }
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

    /// The view of test image `index` of network `id` in `language`: computed once (in English) and kept, then
    /// relabelled for the language asked for (the maps are the same in both).
    func view(_ id: String, index: Int, language: Language) async throws -> CNNView {
        let key = "\(id)/\(index)"
        let holder = try await holder(id)
        let view: CNNView
        if let cached = views[key] {
            view = cached
        } else if let pending = computing[key] {
            view = try await pending.value
        } else {
            let task = Task { try await holder.run { try $0.view(index: index, language: .en) } }
            computing[key] = task
            defer { computing[key] = nil }
            view = try await task.value
            views[key] = view
            viewOrder.append(key)
            if viewOrder.count > Self.maximumViews { views[viewOrder.removeFirst()] = nil }
        }
        return language == .en ? view : try await holder.run { $0.relabeled(view, language: language) }
    }
}
