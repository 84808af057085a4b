import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `bench serve`: N clients, each on its own thread and its own keep-alive connection, post traces to a running
/// explorer for S seconds, back to back (a closed loop: a client sends its next request when the last one is
/// answered). Reports requests per second, latency percentiles, errors, and the server's peak RSS.
public struct ServeLoad {
    /// Where the server listens.
    public var host: String
    /// Its port.
    public var port: Int
    /// Concurrent clients.
    public var clients: Int
    /// How long to run.
    public var seconds: Double
    /// The expression each request traces; each client moves its variables along its own path.
    public var expression = "tanh(w1*x1 + w2*x2 + b)"

    /// Makes a load run.
    public init(host: String, port: Int, clients: Int, seconds: Double) {
        self.host = host
        self.port = port
        self.clients = clients
        self.seconds = seconds
    }

    /// What a run measured.
    public struct Report {
        /// Requests answered with 200.
        public var succeeded: Int
        /// Requests that failed (non-200 status, connection error).
        public var errors: Int
        /// The first error seen, if any.
        public var firstError: String?
        /// Wall time of the run.
        public var elapsed: Double
        /// Latencies of successful requests, sorted, in seconds.
        public var latencies: [Double]

        /// The latency at fraction `q` (0…1) of the sorted latencies.
        public func percentile(_ q: Double) -> Double {
            guard !latencies.isEmpty else { return .nan }
            let rank = Int((Double(latencies.count) * q).rounded(.up)) - 1  // nearest-rank percentile
            return latencies[max(0, min(latencies.count - 1, rank))]
        }

        /// Report lines: throughput, latency percentiles, errors.
        public func lines(clients: Int, seconds: Double, peakRSSKiB: Int?) -> [String] {
            var out = [
                "bench serve: \(clients) clients posting traces for \(String(format: "%.0f", seconds)) s",
                String(format: "  requests      %d answered, %.1f requests/s", succeeded, Double(succeeded) / elapsed),
                String(format: "  latency       p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms",
                       percentile(0.5) * 1000, percentile(0.9) * 1000, percentile(0.99) * 1000,
                       (latencies.last ?? .nan) * 1000),
                "  errors        \(errors)" + (firstError.map { " (first: \($0))" } ?? ""),
            ]
            if let peakRSSKiB {
                out.append(String(format: "  server RSS    peak %.1f MiB", Double(peakRSSKiB) / 1024))
            }
            return out
        }
    }

    /// Runs the load and waits for every client.
    public func run() -> Report {
        let lock = NSLock()
        var latencies: [Double] = [], errors = 0, firstError: String?
        let deadline = Date().addingTimeInterval(seconds)
        let group = DispatchGroup()
        let start = Date()
        for client in 0..<clients {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                var mine: [Double] = [], tally = ClientTally(host: host, port: port)
                var k = 0
                while Date() < deadline {
                    k += 1
                    let x = sin(Double(client) + Double(k) * 0.37) * 2
                    let body = "{\"expression\": \"\(expression)\", \"values\": {\"x1\": \(x), \"x2\": 0.5, "
                        + "\"w1\": -3, \"w2\": 1, \"b\": \(6.88 + Double(k % 7) * 0.1)}}"
                    let sent = Date()
                    if tally.succeeds(failure: { "HTTP \($0)" }, { try $0.post("/api/trace", body: body) }) {
                        mine.append(Date().timeIntervalSince(sent))
                    }
                }
                let (failed, first) = (tally.failed, tally.first)
                lock.lock()
                latencies += mine
                errors += failed
                if firstError == nil { firstError = first }
                lock.unlock()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
        return Report(succeeded: latencies.count, errors: errors, firstError: firstError,
                      elapsed: Date().timeIntervalSince(start), latencies: latencies.sorted())
    }

    /// Peak resident set size of process `pid` in KiB (`VmHWM` in `/proc/PID/status`), nil when unreadable.
    public static func peakRSSKiB(pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        }
        return nil
    }
}

/// One HTTP/1.1 keep-alive connection that posts JSON and reads the status and the body (by Content-Length).
/// One load client's connection and failures: reconnects after an error, counts failed requests, keeps the first
/// error's text (the plain and the classroom mix share it).
struct ClientTally {
    let host: String, port: Int
    var connection: HTTPConnection?
    var failed = 0
    var first: String?

    init(host: String, port: Int) { (self.host, self.port) = (host, port) }

    /// Sends one request with `request` (which returns the HTTP status); true for a 200. A non-200 is described by
    /// `failure(status)`, a thrown error by itself (and the connection is dropped).
    mutating func succeeds(failure: (Int) -> String, _ request: (HTTPConnection) throws -> Int) -> Bool {
        do {
            if connection == nil { connection = try HTTPConnection(host: host, port: port) }
            let status = try request(connection!)
            if status == 200 { return true }
            failed += 1
            if first == nil { first = failure(status) }
        } catch {
            failed += 1
            if first == nil { first = "\(error)" }
            connection = nil
        }
        return false
    }
}

final class HTTPConnection {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let socket: Int32
    private var buffer: [UInt8] = []
    private let host: String

    init(host: String, port: Int) throws {
        self.host = host
        let fd: Int32
        do { fd = try TCPConnect.socket(host: host, port: port) } catch { throw Failure(description: "\(error)") }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        socket = fd
    }

    deinit { close(socket) }

    /// Posts `body` to `path`; returns the status once the whole response has been read.
    func post(_ path: String, body: String) throws -> Int {
        let bytes = Array(body.utf8)
        let head = "POST \(path) HTTP/1.1\r\nHost: \(host)\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(bytes.count)\r\n\r\n"
        try write(Array(head.utf8) + bytes)
        return try readResponse()
    }

    /// GETs `path`; returns the status once the whole response has been read.
    func get(_ path: String) throws -> Int {
        try write(Array("GET \(path) HTTP/1.1\r\nHost: \(host)\r\n\r\n".utf8))
        return try readResponse()
    }

    private func readResponse() throws -> Int {
        let header = try readHeader()
        let lines = header.split(separator: "\r\n")
        guard let first = lines.first, first.split(separator: " ").count >= 2,
              let status = Int(first.split(separator: " ")[1]) else {
            throw Failure(description: "malformed response")
        }
        let lengthLine = lines.first { $0.lowercased().hasPrefix("content-length:") }
        guard let length = lengthLine.flatMap({ Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) })
        else { throw Failure(description: "response without Content-Length") }
        try readBody(length)
        return status
    }

    private func write(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw Failure(description: "send: \(String(cString: strerror(errno)))") }
            sent += n
        }
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw Failure(description: n == 0 ? "connection closed" : "recv failed") }
            buffer += chunk[..<n]
            return
        }
    }

    private func readHeader() throws -> String {
        let end: [UInt8] = [13, 10, 13, 10]
        while true {
            if buffer.count >= 4, let index = (0...(buffer.count - 4)).first(where: {
                buffer[$0] == end[0] && buffer[$0 + 1] == end[1] && buffer[$0 + 2] == end[2] && buffer[$0 + 3] == end[3]
            }) {
                let header = String(decoding: buffer[..<index], as: UTF8.self)
                buffer.removeFirst(index + 4)
                return header
            }
            try fill()
        }
    }

    private func readBody(_ length: Int) throws {
        while buffer.count < length { try fill() }
        buffer.removeFirst(length)
    }
}
