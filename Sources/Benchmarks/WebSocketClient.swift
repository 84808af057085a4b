import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A small blocking WebSocket client (RFC 6455, text messages only) for load runs and server tests: opens the
/// upgrade, sends masked text frames, reads text frames (answering pings, joining fragments), closes.
public final class WebSocketClient: @unchecked Sendable {  // used from one thread at a time
    /// A failure naming what went wrong.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    private let socket: Int32
    private var buffer: [UInt8] = []
    private var generator = SystemRandomNumberGenerator()
    /// True once the server sent a close frame or the connection ended.
    public private(set) var closed = false

    /// Connects to `ws://host:port/path` and completes the upgrade; `timeout` bounds every later read.
    public init(host: String, port: Int, path: String, timeout: Double = 30) throws {
        let fd: Int32
        do { fd = try TCPConnect.socket(host: host, port: port) } catch { throw Failure(description: "\(error)") }
        var limit = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        socket = fd
        let key = Data((0..<16).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        try write(Array(("GET \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: \(key)\r\nSec-WebSocket-Version: 13\r\n\r\n").utf8))
        let head = try readHead()
        guard head.hasPrefix("HTTP/1.1 101") else {
            throw Failure(description: "no upgrade: \(head.split(separator: "\r\n").first ?? "")")
        }
    }

    deinit { Glibc.close(socket) }

    /// Sends one text message.
    public func send(_ text: String) throws { try sendFrame(opcode: 0x1, Array(text.utf8)) }

    /// Sends raw bytes as one binary message.
    public func sendBinary(_ bytes: [UInt8]) throws { try sendFrame(opcode: 0x2, bytes) }

    /// The next text message; nil when the server closed the connection.
    public func receive() throws -> String? {
        var message: [UInt8] = []
        while true {
            guard let (fin, opcode, payload) = try readFrame() else { return nil }
            switch opcode {
            case 0x8:
                closed = true
                try? sendFrame(opcode: 0x8, Array(payload.prefix(2)))
                return nil
            case 0x9: try sendFrame(opcode: 0xA, payload)
            case 0xA: continue
            default:
                message += payload
                if fin { return String(decoding: message, as: UTF8.self) }
            }
        }
    }

    /// Receives until a message whose JSON `type` is `type` (others skipped); nil if the connection closes first.
    public func receive(type: String) throws -> [String: Any]? {
        while let text = try receive() {
            if let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
               object["type"] as? String == type { return object }
        }
        return nil
    }

    /// Sends a close frame and stops.
    public func close() {
        try? sendFrame(opcode: 0x8, [0x03, 0xE8])
        closed = true
        shutdown(socket, Int32(SHUT_RDWR))
    }

    private func sendFrame(opcode: UInt8, _ payload: [UInt8]) throws {
        var frame: [UInt8] = [0x80 | opcode]
        let n = payload.count
        if n < 126 { frame.append(0x80 | UInt8(n)) }
        else if n < 65536 { frame += [0x80 | 126, UInt8(n >> 8), UInt8(n & 0xFF)] }
        else { frame.append(0x80 | 127); frame += (0..<8).reversed().map { UInt8((n >> ($0 * 8)) & 0xFF) } }
        let mask = (0..<4).map { _ in UInt8.random(in: 0...255, using: &generator) }
        frame += mask
        frame += payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
        try write(frame)
    }

    private func readFrame() throws -> (fin: Bool, opcode: UInt8, payload: [UInt8])? {
        guard try need(2) else { return nil }
        let fin = buffer[0] & 0x80 != 0, opcode = buffer[0] & 0x0F
        var length = Int(buffer[1] & 0x7F), offset = 2
        if length == 126 {
            guard try need(4) else { return nil }
            length = Int(buffer[2]) << 8 | Int(buffer[3]); offset = 4
        } else if length == 127 {
            guard try need(10) else { return nil }
            length = (2..<10).reduce(0) { $0 << 8 | Int(buffer[$1]) }; offset = 10
        }
        guard try need(offset + length) else { return nil }
        let payload = Array(buffer[offset..<(offset + length)])
        buffer.removeFirst(offset + length)
        return (fin, opcode, payload)
    }

    /// Reads until `count` bytes are buffered; false when the connection ended first.
    private func need(_ count: Int) throws -> Bool {
        while buffer.count < count {
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { throw Failure(description: "timed out waiting") }
            guard n > 0 else { closed = true; return false }
            buffer += chunk[..<n]
        }
        return true
    }

    private func readHead() throws -> String {
        while true {
            if let end = String(decoding: buffer, as: UTF8.self).range(of: "\r\n\r\n") {
                let text = String(decoding: buffer, as: UTF8.self)
                let head = String(text[..<end.lowerBound])
                buffer.removeFirst(text[..<end.upperBound].utf8.count)
                return head
            }
            guard try need(buffer.count + 1) else { throw Failure(description: "connection closed during upgrade") }
        }
    }

    private func write(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw Failure(description: "send: \(String(cString: strerror(errno)))") }
            sent += n
        }
    }
}
