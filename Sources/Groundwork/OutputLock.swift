import Foundation

/// An output directory another dlexplain run is writing to.
public struct OutputLockError: Error, CustomStringConvertible, Equatable {
    /// The directory.
    public var directory: String
    /// Who holds it ("pid 123: dlexplain train --out x"), when the lock file says.
    public var holder: String?
    /// Why the lock could not be taken when it is not another run (the system's reason).
    public var reason: String?

    public var description: String {
        if let reason {
            return "cannot lock the output directory \(directory): \(reason) (expected a writable directory; try --out DIR)"
        }
        return "\(directory) is in use by another dlexplain run" + (holder.map { " (\($0))" } ?? "")
            + "; expected an output directory of its own: wait for that run to finish or pass another --out DIR"
    }
}

/// An advisory lock (`flock`) on an output directory for the life of the process, so two runs never mix their
/// files in one folder (trace.json from one, graph.svg from another).
///
/// The lock is held on `$TMPDIR/dlexplain-out-<device>-<inode>.lock` (one per folder, whatever its spelling), which
/// also records the holder's pid and command line for the refusal message. The kernel drops the lock when the process ends, however it ends (even SIGKILL), so a
/// stale lock file never blocks a later run; the file itself stays (removing it would race with a new holder).
public enum OutputLock {
    /// Where lock files live: `$TMPDIR` or /tmp.
    static var lockDirectory: String {
        let tmp = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        return tmp.isEmpty ? "/tmp" : tmp
    }

    /// Directories this process already holds (a lesson may lock the folder its command locked).
    nonisolated(unsafe) private static var held: [String: Int32] = [:]
    private static let guardLock = NSLock()

    /// Creates `directory` if needed and locks it for the rest of the process, recording `command`; throws
    /// `OutputLockError` naming the other run when one holds it. A folder that cannot be created is left to the
    /// command's writer to report.
    public static func acquire(_ directory: String, command: String) throws {
        let key = directory.isEmpty ? "." : directory
        guardLock.lock()
        defer { guardLock.unlock() }
        // A folder that cannot be created cannot receive another run's files either: the command's own writer
        // then reports it with the file it meant to write (its message names the path and the reason).
        guard (try? FileManager.default.createDirectory(atPath: key, withIntermediateDirectories: true)) != nil else {
            return
        }
        // Held once per directory, whatever the spelling ("out", "./out/"): a second flock of the same folder from
        // this process would conflict with the first.
        var info = stat()
        guard stat(key, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return }
        let identity = "\(info.st_dev)-\(info.st_ino)"
        if held[identity] != nil { return }
        // The lock file lives in the temporary directory, named by the folder's identity, so the output folder
        // holds only the run's own files (reruns stay byte-identical, listings unchanged).
        let path = PathText.join(lockDirectory, "dlexplain-out-\(identity).lock")
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o644)
        // No lock file (a read-only /tmp, another user's file): the run goes on unguarded rather than not at all.
        guard fd >= 0 else { return }
        var result: Int32
        repeat { result = flock(fd, LOCK_EX | LOCK_NB) } while result != 0 && errno == EINTR
        guard result == 0 else {
            let code = errno
            let holder = try? FileBytes.readPrefix(path, count: 400)
            close(fd)
            guard code == EWOULDBLOCK else {
                throw OutputLockError(directory: key, holder: nil, reason: FileBytes.reason(errno: code))
            }
            let text = holder.flatMap { String(data: $0, encoding: .utf8) }?
                .trimmingCharacters(in: .whitespacesAndNewlines)
            throw OutputLockError(directory: key, holder: text.flatMap { $0.isEmpty ? nil : Printable.escape($0) },
                                  reason: nil)
        }
        let record = Data("pid \(getpid()): \(command)\n".utf8)
        _ = ftruncate(fd, 0)
        _ = record.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        held[identity] = fd
    }
}
