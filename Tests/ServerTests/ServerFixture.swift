import Foundation
import Hummingbird
import Server
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// An answer as it came over the wire.
struct RawResponse: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data
    var text: String { String(decoding: body, as: UTF8.self) }
    func object() throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: body) as? [String: Any])
    }
}

/// Runs a server over the bundled assets (lessons quick, into a fresh temporary folder) on a free port of
/// 127.0.0.1 for the duration of `body`.
func withServer<T: Sendable>(assets: String? = nil, sessions: Int = 10, idleTimeout: Double = 120,
                             _ body: (Int) async throws -> T) async throws -> T {
    let output = FileManager.default.temporaryDirectory
        .appendingPathComponent("dlexplain-server-tests-\(UUID().uuidString)").path
    let configuration = ServerConfiguration(port: 0, assetDirectory: assets ?? StaticAssets.bundledDirectory!,
                                            outputDirectory: output, quickLessons: true,
                                            maximumTrainingSessions: sessions, idleTimeout: idleTimeout,
                                            checkpointDirectories: [output])
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let app = try ExplorerServer.application(configuration) { continuation.yield($0) }
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await app.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        do {
            let value = try await body(port)
            group.cancelAll()
            return value
        } catch {
            group.cancelAll()
            throw error
        }
    }
}

/// Sends one request over a new connection, byte for byte as given (the path is not normalised, so `..` and
/// `%2e%2e` reach the server as typed), and reads the answer to the end. Blocking I/O runs on a thread of its own
/// (`blocking`), never on the dispatch workers the server itself needs.
func send(_ port: Int, _ method: String, _ path: String, body: Data? = nil) async throws -> RawResponse {
    try await blocking { try sendBlocking(port, method, path, body: body) }
}

/// GET `path`.
func get(_ port: Int, _ path: String) async throws -> RawResponse { try await send(port, "GET", path) }

/// POST a JSON text to `path`.
func post(_ port: Int, _ path: String = "/api/trace", _ json: String) async throws -> RawResponse {
    try await send(port, "POST", path, body: Data(json.utf8))
}

struct WireError: Error { var message: String }

private func sendBlocking(_ port: Int, _ method: String, _ path: String, body: Data?) throws -> RawResponse {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw WireError(message: "socket") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { throw WireError(message: "connect") }
    // A server that answers early (413) and stops reading must not leave the client blocked in send().
    var limit = timeval(tv_sec: 5, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    var request = Data("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n".utf8)
    if let body { request += Data("Content-Type: application/json\r\nContent-Length: \(body.count)\r\n".utf8) }
    request += Data("\r\n".utf8) + (body ?? Data())
    var offset = 0
    while offset < request.count {
        // The server may answer (413) before reading everything and then stop reading: once its answer is
        // readable, stop sending (rather than wait out the send timeout, twice, for a 50 MiB body).
        var ready = pollfd(fd: fd, events: Int16(POLLIN | POLLOUT), revents: 0)
        guard poll(&ready, 1, 5_000) > 0, ready.revents & Int16(POLLIN) == 0 else { break }
        let n = request[offset...].withUnsafeBytes {
            send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
        }
        if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { continue }  // full: poll again
        if n <= 0 { break }  // the server may answer (413) and close before reading everything
        offset += n
    }
    var received = Data()
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n <= 0 { break }
        received += chunk[..<n]
    }
    guard let split = received.range(of: Data("\r\n\r\n".utf8)) else {
        throw WireError(message: "no response head in \(received.count) bytes")
    }
    let head = String(decoding: received[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
    let status = Int(head[0].split(separator: " ")[1]) ?? 0
    var headers: [String: String] = [:]
    for line in head.dropFirst() {
        let parts = line.split(separator: ":", maxSplits: 1)
        if parts.count == 2 { headers[parts[0].lowercased()] = parts[1].trimmingCharacters(in: .whitespaces) }
    }
    var payload = Data(received[split.upperBound...])
    if headers["transfer-encoding"] == "chunked" { payload = dechunk(payload) }
    return RawResponse(status: status, headers: headers, body: payload)
}

private func dechunk(_ data: Data) -> Data {
    var out = Data(), rest = data[...]
    while let line = rest.range(of: Data("\r\n".utf8)),
          let size = Int(String(decoding: rest[..<line.lowerBound], as: UTF8.self), radix: 16), size > 0 {
        let start = line.upperBound
        out += rest[start..<min(rest.endIndex, start + size)]
        rest = rest[min(rest.endIndex, start + size + 2)...]
    }
    return out
}

/// Checks that `response` is an API error: a 4xx status and `{"error": "…", "column": …}`; returns the message.
@discardableResult
func expectAPIError(_ response: RawResponse, _ status: Int, column: Int? = nil, mentioning words: [String] = [],
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    #expect(response.status == status, sourceLocation: sourceLocation)
    #expect((400..<500).contains(response.status), sourceLocation: sourceLocation)
    #expect(response.headers["content-type"]?.hasPrefix("application/json") == true, sourceLocation: sourceLocation)
    let json = try response.object()
    let message = try #require(json["error"] as? String, sourceLocation: sourceLocation)
    #expect(json.keys.contains("column"), sourceLocation: sourceLocation)
    #expect(json["column"] as? Int == column, "column of \(message)", sourceLocation: sourceLocation)
    for word in words { #expect(message.contains(word), "\(message) should mention \(word)", sourceLocation: sourceLocation) }
    return message
}
