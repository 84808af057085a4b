import Groundwork
import Foundation

extension Checkpoint {
    /// Writes the checkpoint atomically: a reader (or a crash) sees the old file or the new one, never half of one.
    ///
    /// `AtomicFile` does the writing (temp file, fsync, rename, directory fsync, stale-temp sweep); its failure
    /// comes back as `CheckpointError.unwritable`, naming the path.
    public func write(to path: String) throws {
        try Checkpoint.writeAtomically(encoded(), to: path)
    }

    /// Reads and decodes the checkpoint at `path`; with `expectArchitecture`, also checks it was made for that
    /// architecture. Errors name the path.
    public static func read(from path: String, expectArchitecture: String? = nil) throws -> Checkpoint {
        try decode(readFile(path), name: path, expectArchitecture: expectArchitecture)
    }

    static func writeAtomically(_ data: Data, to path: String) throws {
        do { try AtomicFile.write(data, to: path) } catch let OutputError.unwritable(_, reason) {
            throw CheckpointError.unwritable(path: path, reason: reason)
        }
    }

    static func readFile(_ path: String) throws -> Data {
        do { return try FileBytes.read(path) } catch let failure as FileBytes.Failure {
            throw CheckpointError.unreadable(path: path, reason: failure.reason)
        }
    }
}
