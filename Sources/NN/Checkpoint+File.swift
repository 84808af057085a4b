import Data
import Foundation

extension Checkpoint {
    /// Writes the checkpoint atomically: a reader (or a crash) sees the old file or the new one, never half of one.
    ///
    /// The bytes go to a temp file in the same directory (so `rename` cannot cross file systems), are fsynced,
    /// then renamed over `path`; the directory is fsynced so the rename itself survives a power cut. On failure
    /// the temp file is removed and the previous checkpoint is untouched.
    public func write(to path: String) throws {
        try Checkpoint.writeAtomically(encoded(), to: path)
    }

    /// Reads and decodes the checkpoint at `path`; with `expectArchitecture`, also checks it was made for that
    /// architecture. Errors name the path.
    public static func read(from path: String, expectArchitecture: String? = nil) throws -> Checkpoint {
        try decode(readFile(path), name: path, expectArchitecture: expectArchitecture)
    }

    static func writeAtomically(_ data: Foundation.Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw CheckpointError.unwritable(path: path, reason: "cannot create directory \(directory)")
        }
        let prefix = "." + url.lastPathComponent + ".tmp-"
        sweepStaleTemps(in: directory, prefix: prefix)
        let temp = directory + "/" + prefix + "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw CheckpointError.unwritable(path: path, reason: String(cString: strerror(errno))) }
        var failure: String?
        data.withUnsafeBytes { raw in
            var written = 0
            while written < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { failure = String(cString: strerror(errno)); return }
                written += n
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = "fsync: " + String(cString: strerror(errno)) }
        if close(fd) != 0, failure == nil { failure = "close: " + String(cString: strerror(errno)) }
        if failure == nil, rename(temp, path) != 0 { failure = "rename: " + String(cString: strerror(errno)) }
        if let failure {
            unlink(temp)
            throw CheckpointError.unwritable(path: path, reason: failure)
        }
        // Best effort: some file systems refuse to fsync a directory, and the data itself is already safe.
        let dirFD = open(directory, O_RDONLY)
        if dirFD >= 0 {
            _ = fsync(dirFD)
            close(dirFD)
        }
    }

    /// Removes temp files `<prefix><pid>-<n>` left by writers that were killed mid-write (their process is gone),
    /// so a crash costs no disk space; a live writer's temp file is left alone.
    static func sweepStaleTemps(in directory: String, prefix: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count).prefix { $0 != "-" }) else { continue }
            if pid != getpid(), kill(pid, 0) != 0, errno == ESRCH { unlink(directory + "/" + name) }
        }
    }

    static func readFile(_ path: String) throws -> Foundation.Data {
        do { return try FileBytes.read(path) } catch let failure as FileBytes.Failure {
            throw CheckpointError.unreadable(path: path, reason: failure.reason)
        }
    }
}
