import Foundation

/// `bench serve --mix classroom`: a class on one teacher's server. `trainingSessions` clients each open a
/// training playground (spirals, Adam) and stream it, acknowledging every frame as the page does; two more try
/// to open one beyond the server's bound and must be refused cleanly; the other clients, back to back, trace
/// expressions, open lesson pages and the lesson list, load the explorer's pages, and ask the CNN page for
/// gallery pages and image views with their six saliency maps (among the first gallery page's 40 images, as a
/// class working from one grid would). Reports the latency of the non-training requests, errors, refusals, frames per second per training
/// session and the server's peak RSS.
public struct ClassroomLoad {
    /// Where the server listens.
    public var host: String, port: Int
    /// All clients, of which `trainingSessions` train (the rest make requests).
    public var clients: Int, trainingSessions: Int
    /// How long to run.
    public var seconds: Double

    /// A load run.
    public init(host: String, port: Int, clients: Int, trainingSessions: Int, seconds: Double) {
        (self.host, self.port, self.clients, self.trainingSessions, self.seconds) =
            (host, port, clients, trainingSessions, seconds)
    }

    /// What a run measured.
    public struct Report {
        /// Latencies of the non-training requests by kind (sorted, seconds) and all together.
        public var byKind: [String: [Double]], all: [Double]
        /// Failed requests (non-200, connection errors) and the first one seen.
        public var errors: Int, firstError: String?
        /// Frames received by each training session, and sessions that could not start or broke off.
        public var frames: [Int], trainingErrors: Int
        /// Attempts beyond the bound: refused with the "full" message, or not refused (an error).
        public var refused: Int, notRefused: Int
        /// Wall time.
        public var elapsed: Double

        static func percentile(_ sorted: [Double], _ q: Double) -> Double {
            guard !sorted.isEmpty else { return .nan }
            return sorted[max(0, min(sorted.count - 1, Int((Double(sorted.count) * q).rounded(.up)) - 1))]
        }

        /// Report lines.
        public func lines(clients: Int, seconds: Double, peakRSSKiB: Int?) -> [String] {
            func ms(_ v: [Double], _ q: Double) -> String { String(format: "%.1f", Self.percentile(v, q) * 1000) }
            var out = ["bench serve --mix classroom: \(clients) clients for \(String(format: "%.0f", seconds)) s "
                       + "(\(frames.count) training, \(clients - frames.count) requesting)",
                       String(format: "  requests      %d answered, %.1f requests/s", all.count, Double(all.count) / elapsed),
                       "  latency       p50 \(ms(all, 0.5)) ms, p90 \(ms(all, 0.9)) ms, p99 \(ms(all, 0.99)) ms, "
                       + "max \(ms(all, 1)) ms (non-training requests)"]
            for kind in byKind.keys.sorted() {
                let v = byKind[kind]!
                out.append("    " + kind.padding(toLength: 12, withPad: " ", startingAt: 0)
                           + "\(v.count) requests, p50 \(ms(v, 0.5)) ms, p99 \(ms(v, 0.99)) ms")
            }
            out.append("  errors        \(errors)" + (firstError.map { " (first: \($0))" } ?? ""))
            let rates = frames.map { Double($0) / elapsed }
            out.append(String(format: "  training      %d sessions, frames/s per session min %.1f, mean %.1f; %d failed",
                              frames.count, rates.min() ?? 0, rates.reduce(0, +) / Double(max(rates.count, 1)),
                              trainingErrors))
            out.append("  beyond bound  \(refused) refused cleanly, \(notRefused) not refused")
            if let peakRSSKiB { out.append(String(format: "  server RSS    peak %.1f MiB", Double(peakRSSKiB) / 1024)) }
            return out
        }
    }

    /// Runs the load: warm-up (the seed net and two lessons, untimed), then the timed run.
    public func run() -> Report {
        warmUp()
        let lock = NSLock()
        var byKind: [String: [Double]] = [:], errors = 0, firstError: String?
        var frames: [Int] = [], trainingErrors = 0, refused = 0, notRefused = 0
        let deadline = Date().addingTimeInterval(seconds)
        let group = DispatchGroup()
        let start = Date()
        let ready = DispatchSemaphore(value: 0)
        func thread(_ body: @escaping () -> Void) {
            group.enter()
            let t = Thread { body(); group.leave() }
            t.stackSize = 1 << 20
            t.start()
        }
        for client in 0..<trainingSessions {
            thread {
                var count = 0, failed = false
                do {
                    let socket = try WebSocketClient(host: host, port: port, path: "/api/playground", timeout: 30)
                    try socket.send(#"{"type": "start", "settings": {"dataset": "spirals", "seed": \#(client + 1)}}"#)
                    guard try socket.receive(type: "frame") != nil else { throw WebSocketClient.Failure(description: "no frame") }
                    ready.signal()
                    try socket.send(#"{"type": "play"}"#)
                    while Date() < deadline {
                        guard try socket.receive(type: "frame") != nil else {
                            throw WebSocketClient.Failure(description: "closed")
                        }
                        count += 1
                        try socket.send(#"{"type": "ack"}"#)
                    }
                    socket.close()
                } catch {
                    failed = true
                    ready.signal()
                }
                lock.lock(); frames.append(count); if failed { trainingErrors += 1 }; lock.unlock()
            }
        }
        for _ in 0..<trainingSessions { ready.wait() }
        for _ in 0..<2 {
            thread {
                let ok = (try? WebSocketClient(host: host, port: port, path: "/api/playground", timeout: 10)
                    .receive(type: "full")) != nil
                lock.lock(); if ok { refused += 1 } else { notRefused += 1 }; lock.unlock()
            }
        }
        for client in 0..<max(0, clients - trainingSessions) {
            thread {
                var mine: [String: [Double]] = [:], tally = ClientTally(host: host, port: port)
                var k = client
                while Date() < deadline {
                    k += 1
                    for (kind, method, path, body) in Self.requests(k, client: client) where Date() < deadline {
                        let sent = Date()
                        let answered = tally.succeeds(failure: { "HTTP \($0) for \(path)" }) {
                            method == "POST" ? try $0.post(path, body: body) : try $0.get(path)
                        }
                        if answered { mine[kind, default: []].append(Date().timeIntervalSince(sent)) }
                    }
                }
                let (failed, first) = (tally.failed, tally.first)
                lock.lock()
                for (kind, v) in mine { byKind[kind, default: []] += v }
                errors += failed
                if firstError == nil { firstError = first }
                lock.unlock()
            }
        }
        group.wait()
        let sorted = byKind.mapValues { $0.sorted() }
        return Report(byKind: sorted, all: sorted.values.flatMap { $0 }.sorted(), errors: errors,
                      firstError: firstError, frames: frames, trainingErrors: trainingErrors, refused: refused,
                      notRefused: notRefused, elapsed: Date().timeIntervalSince(start))
    }

    /// The k-th turn of a requesting client: half traces, the rest lessons, pages and the CNN page. A CNN view is
    /// followed by its six saliency maps, asked for one by one as the page asks for them (it sends the six at once).
    static func requests(_ k: Int, client: Int) -> [(kind: String, method: String, path: String, body: String)] {
        let lang = client % 3 == 0 ? "zh" : "en"
        switch k % 10 {
        case 0, 2, 4, 6, 8:
            let x = sin(Double(client) + Double(k) * 0.37) * 2
            return [("trace", "POST", "/api/trace", "{\"expression\": \"tanh(w1*x1 + w2*x2 + b)\", \"values\": "
                     + "{\"x1\": \(x), \"x2\": 0.5, \"w1\": -3, \"w2\": 1, \"b\": 6.88}, \"lang\": \"\(lang)\"}")]
        case 1: return [("lesson", "GET", "/api/lessons/\(k % 20 < 10 ? "neuron" : "activations")?lang=\(lang)", "")]
        case 3: return [("page", "GET", ["/", "/lessons.html", "/training.html", "/cnn.html", "/api/lessons"][k % 5], "")]
        case 5: return [("cnn-gallery", "GET", "/api/cnn/gallery?filter=\(["all", "misclassified", "leastConfident"][k % 3])"
                         + "&lang=\(lang)", "")]
        default:
            let index = (k * 7 + client) % 40
            return [("cnn-view", "GET", "/api/cnn/view?index=\(index)&lang=\(lang)", "")]
                + ["saliency", "gradxinput", "smoothgrad", "ig", "gradcam", "occlusion"].map {
                    ("cnn-map", "GET", "/api/cnn/saliency?index=\(index)&method=\($0)&lang=\(lang)", "")
                }
        }
    }

    /// Untimed: loads the seed net (training it the first time) and builds the two lessons the run reads.
    func warmUp() {
        guard let connection = try? HTTPConnection(host: host, port: port) else { return }
        for path in ["/api/cnn/gallery", "/api/lessons/neuron?lang=en", "/api/lessons/neuron?lang=zh",
                     "/api/lessons/activations?lang=en", "/api/lessons/activations?lang=zh"] {
            _ = try? connection.get(path)
        }
    }
}
