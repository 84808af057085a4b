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
/// The lock is held on `<directory>/.dlexplain.lock`, which also records the holder's pid and command line for
/// the refusal message. The kernel drops the lock when the process ends, however it ends (even SIGKILL), so a
/// stale lock file never blocks a later run; the file itself stays (removing it would race with a new holder).
public enum OutputLock {
    /// The lock file's name inside a locked directory.
    public static let fileName = ".dlexplain.lock"

    /// Directories this process already holds (a lesson may lock the folder its command locked).
    nonisolated(unsafe) private static var held: [String: Int32] = [:]
    private static let guardLock = NSLock()

    /// Creates `directory` if needed and locks it for the rest of the process, recording `command`; throws
    /// `OutputLockError` naming the other run when one holds it.
    public static func acquire(_ directory: String, command: String) throws {
        let key = directory.isEmpty ? "." : directory
        guardLock.lock()
        defer { guardLock.unlock() }
        if held[key] != nil { return }
        do {
            try FileManager.default.createDirectory(atPath: key, withIntermediateDirectories: true)
        } catch {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: key, isDirectory: &isDirectory)
            let why = exists && !isDirectory.boolValue ? "it is a file, not a directory" : "cannot create it"
            throw OutputLockError(directory: key, holder: nil, reason: why)
        }
        let path = PathText.join(key, fileName)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o644)
        guard fd >= 0 else {
            throw OutputLockError(directory: key, holder: nil, reason: FileBytes.reason(errno: errno))
        }
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
        held[key] = fd
    }
}
