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
/// The lock is held on `$TMPDIR/dlexplain-out-<hash of the folder's canonical path>.lock` (one per folder, whatever
/// its spelling, whether it exists yet or not), which also records the holder's pid and command line for the
/// refusal message. Taking the lock creates nothing in the output folder's place, so a run refused later (a bad
/// index, say) leaves no empty folder behind. The kernel drops the lock when the process ends, however it ends (even SIGKILL), so a
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

    /// Locks `directory` (which need not exist yet) for the rest of the process, recording `command`; throws
    /// `OutputLockError` naming the other run when one holds it.
    public static func acquire(_ directory: String, command: String) throws {
        let key = directory.isEmpty ? "." : directory
        guardLock.lock()
        defer { guardLock.unlock() }
        // Held once per directory, whatever the spelling ("out", "./out/", through a symbolic link): a second
        // flock of the same folder from this process would conflict with the first.
        let identity = fnv1a(canonicalPath(key))
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

    /// `directory` as an absolute path with every existing part resolved by `realpath` (symbolic links, `.`,
    /// `..`) and the part that does not exist yet normalised by hand, so a folder has one name before and after
    /// it is created.
    static func canonicalPath(_ directory: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        var existing = directory.hasPrefix("/") ? directory : PathText.join(cwd, directory)
        var missing: [String] = []
        var resolved: String?
        while resolved == nil {
            if let real = realpath(existing, nil) {
                resolved = String(cString: real)
                free(real)
            } else {
                let (parent, name) = PathText.split(existing)
                if parent.isEmpty || parent == existing { resolved = "/"; missing.insert(name, at: 0); break }
                missing.insert(name, at: 0)
                existing = parent
            }
        }
        var parts = (resolved ?? "/").split(separator: "/").map(String.init)
        for part in missing where !part.isEmpty && part != "." {
            if part == ".." { if !parts.isEmpty { parts.removeLast() } } else { parts.append(part) }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// FNV-1a, 64 bits, in hex: a short file name for a path.
    static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return String(hash, radix: 16)
    }
}
