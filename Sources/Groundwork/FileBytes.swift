import Foundation

/// Reads user files with POSIX calls, so permission and "is a directory" failures carry the system's reason.
/// The IDX reader and the checkpoint reader both use it and wrap `Failure` in their own error, naming the file.
///
/// Every open is non-blocking and the type is checked with `fstat` before a byte is read: a FIFO, a terminal or
/// a device given as a data file or a checkpoint is refused at once instead of blocking `open` or `read` forever.
public enum FileBytes {
    /// Why a file could not be read (`strerror`'s text, or what the path is instead of a regular file).
    public struct Failure: Error, Equatable {
        /// The reason, e.g. "Permission denied" or "it is a directory".
        public var reason: String
    }

    /// The file's bytes. A file that shrinks while it is read yields what is there, so a truncation is reported
    /// by the parser that expected more. With `limit`, a file larger than `limit` bytes is refused before it is
    /// read (`tooLarge` says how large it is).
    public static func read(_ path: String, limit: Int? = nil) throws -> Data {
        let (fd, size) = try openRegular(path)
        defer { close(fd) }
        if let limit, size > limit {
            throw Failure(reason: "it holds \(size) bytes, more than the \(limit) expected")
        }
        return try readUpTo(fd, count: size)
    }

    /// Largest text file (a history or health CSV) read whole: 64 MiB is a million epochs of history.
    public static let textLimit = 64 << 20

    /// The UTF-8 text of the regular file at `path` (at most `textLimit` bytes); throws `Failure` saying why not
    /// (a FIFO or device is refused without blocking, `/dev/zero` is not read forever).
    public static func text(_ path: String) throws -> String {
        let data = try read(path, limit: textLimit)
        guard let text = String(data: data, encoding: .utf8) else { throw Failure(reason: "it is not UTF-8 text") }
        return text
    }

    /// At most the first `count` bytes of the regular file at `path` (fewer when it is shorter).
    public static func readPrefix(_ path: String, count: Int) throws -> Data {
        let (fd, size) = try openRegular(path)
        defer { close(fd) }
        return try readUpTo(fd, count: min(size, count))
    }

    /// What the file system object at `path` is, without following a final symbolic link and without opening
    /// it ("a named pipe (FIFO)", "a directory", …); nil when nothing is there.
    public static func kind(of path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return describe(mode: info.st_mode)
    }

    /// "a regular file", "a directory", "a named pipe (FIFO)", "a character device", … for a `st_mode`.
    public static func describe(mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFREG: return "a regular file"
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a named pipe (FIFO)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFLNK: return "a symbolic link"
        default: return "not a regular file"
        }
    }

    /// `strerror` for `code`, with a word of explanation where the system's text misleads a learner.
    public static func reason(errno code: Int32) -> String {
        let text = String(cString: strerror(code))
        return code == ELOOP ? text + " (a symbolic link loop: the link points back at itself)" : text
    }

    /// Opens `path` read-only without blocking and checks that it is a regular file; returns the descriptor and
    /// the size `fstat` gave.
    static func openRegular(_ path: String) throws -> (fd: Int32, size: Int) {
        guard !path.isEmpty else { throw Failure(reason: "the path is empty") }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(reason: reason(errno: errno)) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            throw Failure(reason: reason(errno: code))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            let what = describe(mode: info.st_mode)
            throw Failure(reason: what == "a directory" ? "it is a directory"
                : "it is \(what), not a regular file")
        }
        return (fd, Int(info.st_size))
    }

    static func readUpTo(_ fd: Int32, count size: Int) throws -> Data {
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
        if failure != 0 { throw Failure(reason: reason(errno: failure)) }
        if filled < size { data.count = filled }
        return data
    }
}
