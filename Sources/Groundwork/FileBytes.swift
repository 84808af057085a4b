import Foundation

/// Reads whole files with POSIX calls, so permission and "is a directory" failures carry the system's reason.
/// The IDX reader and the checkpoint reader both use it and wrap `Failure` in their own error, naming the file.
public enum FileBytes {
    /// Why a file could not be read (`strerror`'s text, or what the path is instead of a regular file).
    public struct Failure: Error, Equatable {
        /// The reason, e.g. "Permission denied" or "it is a directory".
        public var reason: String
    }

    /// The file's bytes. A file that shrinks while it is read yields what is there, so a truncation is reported
    /// by the parser that expected more.
    public static func read(_ path: String) throws -> Data {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw Failure(reason: (info.st_mode & S_IFMT) == S_IFDIR ? "it is a directory" : "it is not a regular file")
        }
        let size = Int(info.st_size)
        var data = Data(count: size)
        var filled = 0
        var failure: Int32 = 0
        data.withUnsafeMutableBytes { buffer in
            while filled < size {
                let n = Foundation.read(fd, buffer.baseAddress! + filled, size - filled)
                if n < 0 && errno == EINTR { continue }
                if n < 0 { failure = errno; return }
                if n == 0 { return }
                filled += n
            }
        }
        if failure != 0 { throw Failure(reason: String(cString: strerror(failure))) }
        if filled < size { data.count = filled }
        return data
    }

    /// The file's text, decoded as UTF-8 (invalid bytes become U+FFFD, so a damaged CSV is reported by its parser).
    public static func readText(_ path: String) throws -> String {
        String(decoding: try read(path), as: UTF8.self)
    }
}
