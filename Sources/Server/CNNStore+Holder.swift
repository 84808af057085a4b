import Dispatch
import Foundation
import Showcase

extension CNNStore {
    /// One network's inspections: up to `copies` copies of the network read from its checkpoint, each used by one
    /// request at a time (an inspection switches the network to evaluation and its parameters' gradients off while
    /// it runs, so two requests must not share one), and a further copy for sanity checks (which rewrite weights
    /// for seconds) on a queue of its own. Requests run on dispatch threads, never on Swift's cooperative pool.
    ///
    /// It replaced one serial queue per network: under the classroom load, views queued behind each other's six
    /// maps (p99 of the CNN views 12.5 s with 10 playgrounds training; README, the explorer's speed).
    final class Holder: @unchecked Sendable {
        /// The first copy: its name, test set and class names are what every copy shows.
        let inspection: CNNInspection
        /// The checkpoint the copies are read from.
        let path: String
        /// Copies used at once (one per core: more would only queue for the CPU).
        let copies: Int
        private let lock = NSLock()
        // Touched only under `lock`.
        private var idle: [CNNInspection], made = 1
        private var waiting: [CheckedContinuation<CNNInspection, any Error>] = []
        private let sanityQueue: DispatchQueue
        private var sanityCopy: CNNInspection?  // touched only on `sanityQueue`

        init(_ inspection: CNNInspection, path: String, _ id: String,
             copies: Int = ProcessInfo.processInfo.activeProcessorCount) {
            (self.inspection, self.path, self.copies) = (inspection, path, Swift.max(1, copies))
            idle = [inspection]
            sanityQueue = DispatchQueue(label: "dlexplain.serve.cnn.\(id).sanity")
        }

        /// Another copy of the network, read from its checkpoint, over the same test set.
        func copy() throws -> CNNInspection {
            CNNInspection(model: try TrainedModel.network(model: path).model, test: inspection.test,
                          name: inspection.name)
        }

        /// Runs `body` on a dispatch thread with a copy no other request is using (waits for one when all are).
        func run<T: Sendable>(_ body: @escaping @Sendable (CNNInspection) throws -> T) async throws -> T {
            let copy = try await checkOut()
            defer { checkIn(copy) }
            return try await ExplorerServer.offPool { try body(copy) }
        }

        private enum Turn { case ready(CNNInspection), make, wait }

        private func checkOut() async throws -> CNNInspection {
            let turn = lock.withLock { () -> Turn in
                if let copy = idle.popLast() { return .ready(copy) }
                guard made < copies else { return .wait }
                made += 1
                return .make
            }
            switch turn {
            case .ready(let copy):
                return copy
            case .make:
                do {
                    return try await ExplorerServer.offPool { try self.copy() }
                } catch {
                    lock.withLock { made -= 1 }
                    throw error
                }
            case .wait:
                return try await withCheckedThrowingContinuation { continuation in
                    lock.withLock {
                        // A copy may have come back since `turn` was decided.
                        if let copy = idle.popLast() { continuation.resume(returning: copy) } else { waiting.append(continuation) }
                    }
                }
            }
        }

        private func checkIn(_ copy: CNNInspection) {
            let next = lock.withLock { () -> CheckedContinuation<CNNInspection, any Error>? in
                if waiting.isEmpty { idle.append(copy); return nil }
                return waiting.removeFirst()
            }
            next?.resume(returning: copy)
        }

        /// Runs `body` on the sanity queue with the network's sanity copy (read from its checkpoint the first time).
        func runSanity<T: Sendable>(_ body: @escaping @Sendable (CNNInspection) throws -> T) async throws -> T {
            try await withCheckedThrowingContinuation { continuation in
                sanityQueue.async {
                    continuation.resume(with: Result {
                        if self.sanityCopy == nil { self.sanityCopy = try self.copy() }
                        return try body(self.sanityCopy!)
                    })
                }
            }
        }
    }

    /// Values computed once per key and kept (`RecentlyUsed`); a key asked for while its value is being computed
    /// waits for that computation rather than starting another.
    actor Memo<Value: Sendable> {
        private var recent: RecentlyUsed<Value>
        private var pending: [String: Task<Value, any Error>] = [:]
        init(capacity: Int) { recent = RecentlyUsed(capacity: capacity) }

        /// The value kept under `key`, or the one being computed for it, or `compute()`'s (then kept).
        func value(_ key: String, _ compute: @escaping @Sendable () async throws -> Value) async throws -> Value {
            if let value = recent.get(key) { return value }
            if let task = pending[key] { return try await task.value }
            let task = Task { try await compute() }
            pending[key] = task
            defer { pending[key] = nil }
            let value = try await task.value
            recent.set(key, value)
            return value
        }
    }

    /// A bounded cache that forgets the least recently used entry first.
    struct RecentlyUsed<Value> {
        let capacity: Int
        private var values: [String: Value] = [:], order: [String] = []
        init(capacity: Int) { self.capacity = capacity }

        /// The value for `key`, which becomes the most recently used.
        mutating func get(_ key: String) -> Value? {
            guard let value = values[key] else { return nil }
            if let i = order.lastIndex(of: key) { order.remove(at: i) }
            order.append(key)
            return value
        }

        /// Stores `value`, dropping the least recently used entry beyond `capacity`.
        mutating func set(_ key: String, _ value: Value) {
            if values.updateValue(value, forKey: key) != nil, let i = order.lastIndex(of: key) { order.remove(at: i) }
            order.append(key)
            if order.count > capacity { values[order.removeFirst()] = nil }
        }
    }
}
