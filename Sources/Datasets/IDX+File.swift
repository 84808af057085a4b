import Groundwork
import Foundation

extension IDX {
    /// Reads and parses the IDX file at `path` (plain or gzipped); errors name the path.
    ///
    /// The header is read and checked first: a plain file is then read only when its size is what the header
    /// promises (a file with gigabytes of extra bytes is refused from its size, not read), a gzipped one is
    /// inflated as a stream that stops at the promise (`parse(bytes:)`).
    public static func read(path: String, expecting content: IDXContent = .any) throws -> IDXArray {
        let head = try readFile(path, prefix: 4 + 4 * 255)
        guard !Gzip.isGzipped(head) else {
            // Deflate expands at most ~1032×: a compressed file above this cannot be an honest IDX file.
            return try parse(bytes: readFile(path, limit: maximumBodyBytes / 8 + 4096), name: path, expecting: content)
        }
        let header = try head.withUnsafeBytes { try parseHeader(raw: $0, name: path, expecting: content) }
        let size = fileSize(path)
        guard let body = header.bodyBytes else {
            throw DataError.truncated(name: path, promise: header.promise, fileBytes: size)
        }
        if size > header.headerBytes + body {
            throw DataError.trailingBytes(name: path, promise: header.promise, fileBytes: size)
        }
        return try parse(bytes: readFile(path, limit: header.headerBytes + body), name: path,
                         expecting: content)
    }

    /// The file's bytes (at most `limit`, else refused; or only the first `prefix`); a failure names the path
    /// and the system's reason.
    static func readFile(_ path: String, limit: Int? = nil, prefix: Int? = nil) throws -> Data {
        do {
            if let prefix { return try FileBytes.readPrefix(path, count: prefix) }
            return try FileBytes.read(path, limit: limit)
        } catch let failure as FileBytes.Failure {
            throw DataError.unreadable(path: path, reason: failure.reason)
        }
    }

    static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }
}
