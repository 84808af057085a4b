import Benchmarks
@testable import Server
import Foundation
import Testing

/// The training playground's WebSocket, spoken to as the page speaks to it.
@Suite struct PlaygroundSocketTests {
    /// A read waits up to 5 minutes: in the full suite on 2 cores, synchronous tests (lessons training nets) can
    /// hold both of Swift's cooperative threads, which the server's handlers also run on, for minutes; the 30 s
    /// default timed out on a fresh clone's first run.
    static func open(_ port: Int) async throws -> WebSocketClient {
        try await blocking { try WebSocketClient(host: "127.0.0.1", port: port, path: "/api/playground", timeout: 300) }
    }

    @Test func startPlayAndPauseStreamFramesWhoseLossFalls() async throws {
        try await withServer { port in
            let socket = try await Self.open(port)
            defer { socket.close() }
            let first = try await blocking { () -> [String: Any] in
                try socket.send(#"{"type": "start", "settings": {"dataset": "spirals", "points": 200}, "lang": "en"}"#)
                return try #require(try socket.receive(type: "frame"))
            }
            let start = try #require(first["frame"] as? [String: Any])
            #expect(start["step"] as? Int == 0)
            let last = try await blocking { () -> [String: Any] in
                try socket.send(#"{"type": "play"}"#)
                var last: [String: Any] = [:]
                for _ in 0..<6 {
                    last = try #require(try socket.receive(type: "frame")?["frame"] as? [String: Any])
                    try socket.send(#"{"type": "ack"}"#)
                }
                try socket.send(#"{"type": "pause"}"#)
                return last
            }
            let steps = try #require(last["step"] as? Int)
            #expect(steps > 6)
            #expect(try #require(last["trainLoss"] as? Double) < (start["trainLoss"] as? Double ?? 0))
            #expect(last["boundary"] as? String != start["boundary"] as? String)
        }
    }

    @Test func aNeuronAndItsGradientCheckComeBack() async throws {
        try await withServer { port in
            let socket = try await Self.open(port)
            defer { socket.close() }
            try await blocking {
                try socket.send(#"{"type": "start", "settings": {"hidden": [4]}}"#)
                _ = try socket.receive(type: "frame")
                try socket.send(#"{"type": "step"}"#)
                _ = try socket.receive(type: "frame")
                try socket.send(#"{"type": "neuron", "layer": 1, "unit": 2}"#)
                let neuron = try #require(try socket.receive(type: "neuron"))
                #expect((neuron["neuron"] as? [String: Any])?["weights"] as? [Double] != nil)
                #expect((neuron["image"] as? String)?.hasPrefix("data:image/png") == true)
                try socket.send(#"{"type": "check", "layer": 1, "unit": 2, "input": 1}"#)
                let check = try #require(try socket.receive(type: "check")?["check"] as? [String: Any])
                #expect(check["passed"] as? Bool == true)
            }
        }
    }

    @Test func malformedMessagesAreAnsweredWithAJSONErrorAndTheSessionGoesOn() async throws {
        try await withServer { port in
            let socket = try await Self.open(port)
            defer { socket.close() }
            try await blocking {
                for (bad, words) in [("not json", "not JSON"), (#"{"kind": 1}"#, "\"type\""),
                                     (#"{"type": "fly"}"#, "unknown"),
                                     (#"{"type": "start", "settings": {"hidden": [64]}}"#, "hidden"),
                                     (#"{"type": "start", "settings": {"dataset": "stars"}}"#, "dataset"),
                                     (#"{"type": "neuron", "layer": 1, "unit": 2}"#, "no network"),
                                     (#"{"type": "ping", "lang": "fr"}"#, "lang")] {
                    try socket.send(bad)
                    let error = try #require(try socket.receive(type: "error"))
                    #expect((error["error"] as? String)?.contains(words) == true, "\(bad): \(error)")
                    if bad.contains("[64]") {
                        // The page words this one itself, in its language, from the code and parameters.
                        #expect(error["code"] as? String == "invalid-setting-widths")
                        #expect(error["parameters"] as? [String: String]
                                == ["field": "hidden", "low": "1", "high": "32"])
                    }
                }
                try socket.sendBinary([1, 2, 3])
                #expect(try socket.receive(type: "error") != nil)
                try socket.send(#"{"type": "start"}"#)
                #expect(try socket.receive(type: "frame") != nil)
            }
        }
    }

    @Test func sessionsBeyondTheBoundAreRefusedAndAFreedSlotIsReused() async throws {
        try await withServer(sessions: 2) { port in
            let a = try await Self.open(port), b = try await Self.open(port)
            let c = try await Self.open(port)
            let refusal = try #require(try await blocking { try c.receive(type: "full") })
            #expect(refusal["limit"] as? Int == 2)
            #expect((refusal["error"] as? String)?.contains("2 training sessions") == true)
            #expect(try await blocking { try c.receive() } == nil)  // then closed
            a.close()
            try await Task.sleep(nanoseconds: 300_000_000)
            let d = try await Self.open(port)
            try await blocking {
                try d.send(#"{"type": "start"}"#)
                #expect(try d.receive(type: "frame") != nil)
            }
            b.close(); d.close()
        }
    }

    @Test func aClientThatDisconnectsMidStreamDisturbsNoOne() async throws {
        try await withServer(sessions: 1) { port in
            let a = try await Self.open(port)
            try await blocking {
                try a.send(#"{"type": "start"}"#)
                _ = try a.receive(type: "frame")
                try a.send(#"{"type": "play"}"#)
                _ = try a.receive(type: "frame")
            }
            a.close()  // gone without a pause, frames still due
            try await Task.sleep(nanoseconds: 500_000_000)
            let trace = try await post(port, "/api/trace", #"{"expression": "x*y", "values": {"x": 2, "y": 3}}"#)
            #expect(trace.status == 200)
            let b = try await Self.open(port)  // the only slot was freed
            defer { b.close() }
            try await blocking {
                try b.send(#"{"type": "start"}"#)
                #expect(try b.receive(type: "frame") != nil)
            }
        }
    }

    @Test func aSessionNobodyWatchesIsStoppedAfterTheIdleTimeout() async throws {
        try await withServer(idleTimeout: 1) { port in
            let socket = try await Self.open(port)
            defer { socket.close() }
            try await blocking {
                try socket.send(#"{"type": "start"}"#)
                let stopped = try #require(try socket.receive(type: "stopped"))
                #expect((stopped["error"] as? String)?.contains("1 s") == true)
            }
        }
    }
}

/// Runs blocking socket work on a thread of its own. Not on a global dispatch queue: the server's session queues
/// run there too, and with the whole suite in parallel, test threads blocked in `recv` took every worker the
/// server needed to answer them (three socket tests timed out on a fresh clone's first run).
func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try work() }) }
        thread.stackSize = 1 << 20
        thread.start()
    }
}

extension PlaygroundSocketTests {
    @Test func everyPlayingSessionGetsItsShareOfTheTrainingThreads() {
        // One session on two threads: a burst of 1/8 s (8 frames a second); ten on two: 1/40 s each.
        #expect(TrainingScheduler.slot(playing: 1, workers: 2) == 0.125)
        #expect(TrainingScheduler.slot(playing: 10, workers: 2) == 0.025)
        #expect(TrainingScheduler.slot(playing: 0, workers: 1) == 0.125)
    }
}
