import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The one blocking TCP connect of the benchmark clients (HTTP and WebSocket): resolve, socket, connect.
enum TCPConnect {
    /// A connected socket to `host:port`; the error text names what failed.
    static func socket(host: String, port: Int) throws -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let info = list else {
            throw Failure(description: "cannot resolve \(host)")
        }
        defer { freeaddrinfo(list) }
        let fd = Glibc.socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
        guard fd >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
        guard connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
            Glibc.close(fd)
            throw Failure(description: "connect to \(host):\(port): \(String(cString: strerror(errno)))")
        }
        return fd
    }

    /// Why a connection could not be made.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }
}
