import Groundwork
import Foundation

extension IDX {
    /// Reads and parses the IDX file at `path` (plain or gzipped); errors name the path.
    public static func read(path: String, expecting content: IDXContent = .any) throws -> IDXArray {
        try parse(bytes: readFile(path), name: path, expecting: content)
    }

    /// The file's bytes; a failure names the path and the system's reason.
    static func readFile(_ path: String) throws -> Data {
        do { return try FileBytes.read(path) } catch let failure as FileBytes.Failure {
            throw DataError.unreadable(path: path, reason: failure.reason)
        }
    }
}
