import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import Render
import Showcase

/// A message from the playground page over its WebSocket (JSON text):
/// `{"type": "start", "settings": {…}, "lang": "en"}`, `play`, `pause`, `step`, `reset`, `frame` (the current
/// frame again, e.g. in another language), `ack` (a frame was drawn), `ping`, `lang`, `{"type": "neuron", "layer": 1, "unit": 0}`,
/// `{"type": "check", "layer": 1, "unit": 0, "input": 1}`.
struct PlaygroundMessage: Decodable {
    var type: String
    var settings: PlaygroundSettings?
    var lang: String?
    var layer: Int?, unit: Int?, input: Int?

    /// Decodes a message or throws a sentence naming what is wrong.
    static func decode(_ text: String) throws -> PlaygroundMessage {
        do {
            return try JSONDecoder().decode(PlaygroundMessage.self, from: Data(text.utf8))
        } catch let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty {
            throw APIError(.badRequest, "message is not JSON; expected {\"type\": \"start\"|\"play\"|…}")
        } catch let DecodingError.keyNotFound(key, _) {
            throw APIError(.badRequest, "message has no \"\(key.stringValue)\"; expected {\"type\": …}")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw APIError(.badRequest, "message field \"\(field)\" has the wrong type")
        } catch let DecodingError.dataCorrupted(context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw APIError(.badRequest, "message field \"\(field)\" has a value not in its list ("
                           + "datasets: moons, circles, spirals, xor, blobs; activations: tanh, relu, sigmoid, "
                           + "leakyRelu; optimizers: sgd, momentum, adagrad, rmsprop, adam)")
        } catch {
            throw APIError(.badRequest, "message could not be read: \(error)")
        }
    }
}

/// Bounds the number of training sessions of one server.
actor SessionLimiter {
    let maximum: Int
    private(set) var active = 0
    init(maximum: Int) { self.maximum = maximum }
    /// Takes a slot; false when all are in use.
    func acquire() -> Bool {
        guard active < maximum else { return false }
        active += 1
        return true
    }
    func release() { active = Swift.max(0, active - 1) }
}

/// One tab's playground: its session lives on a serial queue of its own (training is CPU work, kept off Swift's
/// cooperative pool), and what the connection has asked for.
final class PlaygroundConnection: @unchecked Sendable {
    private let queue = DispatchQueue(label: "dlexplain.serve.playground")
    // Touched only on `queue`.
    private var session: PlaygroundSession?
    private var drawSeconds = 0.0, chartsDrawn = Date.distantPast
    /// Charts go with a training frame at most this often (the boundary goes with every frame).
    static let chartInterval = 0.3
    /// What the page asked for and when it was last heard from.
    struct State {
        var playing = false, unacknowledged = 0, language = Language.en
        var lastHeard = Date(), lastFrame = Date.distantPast
    }
    // Touched only under `lock`.
    private let lock = NSLock()
    private var current = State()

    /// Runs `body` with the session on the session's queue.
    func withSession<T: Sendable>(_ body: @escaping @Sendable (PlaygroundSession?) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body(self.session) }) }
        }
    }

    /// Builds a fresh session (start and reset).
    func start(_ settings: PlaygroundSettings) async throws -> PlaygroundFrame {
        let language = state { $0.language }
        return try await withSessionReplacing(settings, language)
    }

    private func withSessionReplacing(_ settings: PlaygroundSettings, _ language: Language) async throws
        -> PlaygroundFrame {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result {
                    let session = try PlaygroundSession(settings)
                    self.session = session
                    return try session.frame(language, points: true)
                })
            }
        }
    }

    /// On a training thread (`TrainingScheduler`): steps for the burst's slot less what the last frame took to
    /// draw (at least one step), then the frame without the points layer, with the charts every `chartInterval`.
    func burst() async throws -> PlaygroundFrame? {
        let language = state { $0.language }
        return try await TrainingScheduler.shared.run(for: self) { slot in
            // `sync` from a thread that is not the queue's runs the block on this (niced) thread.
            try self.queue.sync { () -> PlaygroundFrame? in
                guard let session = self.session else { return nil }
                let start = Date()
                repeat { session.trainStep() }
                while Date().timeIntervalSince(start) < slot - self.drawSeconds && !session.diverged
                let drawing = Date()
                let charts = drawing.timeIntervalSince(self.chartsDrawn) >= Self.chartInterval
                if charts { self.chartsDrawn = drawing }
                let frame = try session.frame(language, points: false, charts: charts)
                self.drawSeconds = 0.7 * self.drawSeconds + 0.3 * Date().timeIntervalSince(drawing)
                return frame
            }
        }
    }

    /// Reads or changes the state under the lock.
    func state<T>(_ body: (inout State) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&current)
    }
}

/// The playground's WebSocket: one training session per connection, bounded per server.
enum PlaygroundSocket {
    /// Largest message accepted from a page (settings and commands are a few hundred bytes).
    static let maximumMessageBytes = 16 * 1024

    static func handle(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, logger: Logger,
                       limiter: SessionLimiter, idleTimeout: Double) async throws {
        let writer = SocketWriter(outbound)
        guard await limiter.acquire() else {
            logger.info("playground refused: all \(limiter.maximum) training sessions in use")
            try await writer.send(["type": "full", "limit": limiter.maximum,
                                   "error": "all \(limiter.maximum) training sessions of this server are in use; "
                                       + "expected a free one: close another playground tab or try again later"])
            try await outbound.close(.normalClosure, reason: "full")
            return
        }
        let connection = PlaygroundConnection()
        logger.info("playground session opened")
        defer { Task { await limiter.release() } }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await trainLoop(connection, writer, logger: logger, idleTimeout: idleTimeout) }
            group.addTask {
                do {
                    for try await message in inbound.messages(maxSize: maximumMessageBytes) {
                        connection.state { $0.lastHeard = Date() }
                        guard case let .text(text) = message else {
                            try await writer.error("binary message; expected JSON text")
                            continue
                        }
                        do {
                            try await respond(to: try PlaygroundMessage.decode(text), connection, writer)
                        } catch {
                            logger.info("playground message refused: \(APIError.from(error).message)")
                            try await writer.error(APIError.from(error))
                        }
                    }
                } catch {
                    logger.info("playground connection ended: \(error)")
                }
                logger.info("playground session closed")
            }
            // Whichever ends first (the page left, or the idle timeout) ends the other.
            _ = try await group.next()
            group.cancelAll()
        }
    }

    /// Answers one message.
    static func respond(to message: PlaygroundMessage, _ connection: PlaygroundConnection,
                        _ writer: SocketWriter) async throws {
        if let lang = message.lang {
            guard let language = Language(rawValue: lang) else {
                throw APIError(.badRequest, "lang '\(lang)' is not a language; expected en or zh")
            }
            connection.state { $0.language = language }
        }
        switch message.type {
        case "start", "reset":
            let frame = try await connection.start(message.settings ?? PlaygroundSettings())
            connection.state { $0.playing = false; $0.unacknowledged = 0 }
            try await writer.frame(frame, playing: false)
        case "play": connection.state { $0.playing = true; $0.unacknowledged = 0 }
        case "step", "frame", "pause":
            // A pause is answered with a frame too: frames while playing carry the charts only every
            // `chartInterval`, so the curves would otherwise stop short of the step shown.
            if message.type != "frame" { connection.state { $0.playing = false } }
            let (train, points) = (message.type == "step", message.type == "frame")
            guard let frame = try await connection.withSession({ session -> PlaygroundFrame? in
                if train { session?.trainStep() }
                return try session?.frame(connection.state { $0.language }, points: points)
            }) else { throw APIError(.badRequest, "no network yet; expected {\"type\": \"start\"} first") }
            try await writer.frame(frame, playing: connection.state { $0.playing })
        case "ack": connection.state { $0.unacknowledged = Swift.max(0, $0.unacknowledged - 1) }
        case "ping", "lang": try await writer.send(["type": "pong"])
        case "neuron", "check":
            guard let layer = message.layer, let unit = message.unit else {
                throw APIError(.badRequest, "\(message.type) needs \"layer\" and \"unit\" (numbers)")
            }
            let language = connection.state { $0.language }
            let reply = try await connection.withSession { session -> Data in
                guard let session else {
                    throw APIError(.badRequest, "no network yet; expected {\"type\": \"start\"} first")
                }
                if message.type == "neuron" {
                    struct Reply: Encodable { var type = "neuron"; var neuron: PlaygroundSession.NeuronDetail
                                              var image: String; var positive: Bool }
                    let hidden = layer <= session.settings.hidden.count
                    return try ExplorerServer.encoder.encode(Reply(
                        neuron: try session.neuron(layer: layer, unit: unit),
                        image: try PlaygroundSession.dataURL(try session.neuronImage(layer: layer, unit: unit)),
                        positive: hidden && [.relu, .sigmoid].contains(session.settings.activation)))
                }
                struct Reply: Encodable { var type = "check"; var check: PlaygroundSession.GradientCheck }
                _ = language
                return try ExplorerServer.encoder.encode(Reply(
                    check: try session.checkGradient(layer: layer, unit: unit, input: message.input ?? 0)))
            }
            try await writer.send(String(decoding: reply, as: UTF8.self))
        default:
            throw APIError(.badRequest, "message type '\(message.type)' is unknown; expected start, play, pause, "
                           + "step, reset, frame, neuron, check, ack, ping or lang")
        }
    }

    /// Frames sent and not yet acknowledged before training waits for the page. Two, so that the next burst is
    /// computed while the last frame travels and is drawn: waiting for each ack put its round trip (the cooperative
    /// threads are busy with requests under a class's load) into every frame's period.
    static let framesInFlight = 2

    /// While playing: a burst of steps on a training thread (its length set by `TrainingScheduler` so every
    /// playing session gets its frames), a frame, and the next burst once fewer than `framesInFlight` frames are
    /// unacknowledged (so a slow page is never flooded). Ends the session when the page has said nothing for `idleTimeout`.
    static func trainLoop(_ connection: PlaygroundConnection, _ writer: SocketWriter, logger: Logger,
                          idleTimeout: Double) async throws {
        while !Task.isCancelled {
            let (play, silent) = connection.state { s -> (Bool, Double) in
                // An unanswered frame for 2 s is taken as lost: play on.
                if s.unacknowledged > 0 && Date().timeIntervalSince(s.lastFrame) > 2 { s.unacknowledged = 0 }
                return (s.playing && s.unacknowledged < Self.framesInFlight, Date().timeIntervalSince(s.lastHeard))
            }
            if silent > idleTimeout {
                logger.info("playground session stopped: no message for \(Int(silent)) s")
                try? await writer.send(["type": "stopped", "idleSeconds": Int(idleTimeout),
                                        "error": "training stopped: the page sent nothing for \(Int(idleTimeout)) s"])
                return
            }
            guard play, let frame = try await connection.burst() else {
                try await Task.sleep(nanoseconds: 10_000_000)
                continue
            }
            let stillPlaying = connection.state { s -> Bool in
                if frame.diverged { s.playing = false }
                s.unacknowledged += 1
                s.lastFrame = Date()
                return s.playing
            }
            try await writer.frame(frame, playing: stillPlaying)
        }
    }
}

/// Serialises writes to one socket (the training loop and the message handler both write).
actor SocketWriter {
    let outbound: WebSocketOutboundWriter
    init(_ outbound: WebSocketOutboundWriter) { self.outbound = outbound }

    func send(_ text: String) async throws { try await outbound.write(.text(text)) }
    func send(_ object: [String: any Sendable]) async throws {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        try await send(String(decoding: data, as: UTF8.self))
    }
    func error(_ message: String) async throws { try await send(["type": "error", "error": message]) }
    /// An error with its code and parameters when it has them (the page words it in its language).
    func error(_ error: APIError) async throws {
        guard let code = error.code else { return try await self.error(error.message) }
        try await send(["type": "error", "error": error.message, "code": code, "parameters": error.parameters])
    }
    func frame(_ frame: PlaygroundFrame, playing: Bool) async throws {
        struct Envelope: Encodable { var type = "frame"; var playing: Bool; var frame: PlaygroundFrame }
        try await send(String(decoding: try ExplorerServer.encoder.encode(Envelope(playing: playing, frame: frame)),
                              as: UTF8.self))
    }
}
