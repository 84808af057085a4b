import Foundation

/// An output file that could not be written.
public enum OutputError: Error, CustomStringConvertible, Equatable {
    /// The directory or file is not writable; `reason` says why.
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unwritable(path, reason):
            return "cannot write \(path): \(reason) (expected a writable output directory; try --out DIR)"
        }
    }
}

/// The one way dlexplain writes a file, so a reader (or a crash, or a power cut) sees the old file or the new one,
/// never half of one:
///
/// 1. temp files of killed writers of the same target are swept (their process is gone);
/// 2. the bytes go to a unique temp file in the same directory (`O_EXCL`, so `rename` never crosses file systems
///    and two writers never share a temp file), retrying `write` on `EINTR`;
/// 3. the temp file is fsynced and closed, each checked;
/// 4. it is renamed over the target;
/// 5. the directory is fsynced so the rename itself is durable (best effort: some file systems refuse).
///
/// On any failure the temp file is removed and the previous file is untouched.
public enum AtomicFile {
    /// Writes `data` to `path`, creating parent directories.
    public static func write(_ data: Data, to path: String) throws {
        let (directory, name) = PathText.split(path)
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw OutputError.unwritable(path: path, reason: "cannot create directory \(directory)")
            }
        }
        let folder = directory.isEmpty ? "." : directory
        let prefix = "." + name + ".tmp-"
        sweepStaleTemps(in: folder, prefix: prefix)
        let temp = folder + "/" + prefix + "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw OutputError.unwritable(path: path, reason: String(cString: strerror(errno))) }
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
            throw OutputError.unwritable(path: path, reason: failure)
        }
        let directoryFD = open(folder, O_RDONLY)
        if directoryFD >= 0 {
            _ = fsync(directoryFD)
            close(directoryFD)
        }
    }

    /// Writes UTF-8 text atomically.
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
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
}
