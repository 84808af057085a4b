import Foundation
import Groundwork

/// A checkpoint that could not be written, read or used; every case names the file and what was expected.
public enum CheckpointError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file could not be opened or read.
    case unreadable(path: String, reason: String)
    /// The file (or its temp file) could not be written, synced or renamed.
    case unwritable(path: String, reason: String)
    /// The first bytes are not `DLXCKPT\0`.
    case notACheckpoint(name: String, found: [UInt8])
    /// Fewer bytes than the header says the file has (`headerOnly`: not even a whole header).
    case truncated(name: String, expected: Int, actual: Int, headerOnly: Bool)
    /// Written by a newer format version than this build reads.
    case newerVersion(name: String, found: UInt32, supported: UInt32)
    /// The stored CRC-32 does not match the bytes.
    case checksumMismatch(name: String, stored: UInt32, computed: UInt32)
    /// Structurally invalid despite a plausible header (bad lengths, duplicate names, extra bytes).
    case corrupt(name: String, reason: String)
    /// Made for a different architecture than the caller asked for.
    case architectureMismatch(name: String, found: String, expected: String)
    /// A tensor the model needs is not in the checkpoint.
    case missingTensor(name: String, tensor: String, available: [String])
    /// A tensor has a different shape than the model's parameter of that name.
    case shapeMismatch(name: String, tensor: String, expected: [Int], found: [Int])

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "cannot read checkpoint \(path): \(reason) (expected a readable checkpoint file)"
        case let .unwritable(path, reason):
            return "cannot write checkpoint \(path): \(reason) (expected a writable directory)"
        case let .notACheckpoint(name, found):
            let bytes = found.prefix(8).map { String(format: "%02X", $0) }.joined(separator: " ")
            return "\(name) is not a dlexplain checkpoint (expected the magic bytes DLXCKPT\\0 at the start, "
                + "found \(bytes.isEmpty ? "an empty file" : bytes))"
        case let .truncated(name, expected, actual, headerOnly):
            let promise = headerOnly ? "at least \(expected) bytes for a checkpoint header"
                                     : "\(expected) bytes (as its header says)"
            return "\(name) is truncated: expected \(promise), the file has \(actual) (interrupted copy or save?)"
        case let .newerVersion(name, found, supported):
            return "\(name) was written by a newer dlexplain (version \(found)); this one reads up to \(supported)"
        case let .checksumMismatch(name, stored, computed):
            return "\(name) is damaged: checksum mismatch (stored \(hex32(stored)), computed \(hex32(computed))); "
                + "expected the bytes exactly as written"
        case let .corrupt(name, reason):
            return "\(name) is not a valid checkpoint: \(Printable.escape(reason))"
        case let .architectureMismatch(name, found, expected):
            return "\(name): checkpoint is for architecture '\(Printable.escape(found))', expected '\(expected)'"
        case let .missingTensor(name, tensor, available):
            let list = available.prefix(8).map { Printable.escape($0, limit: 40) }.joined(separator: ", ")
                + (available.count > 8 ? ", …" : "")
            return "\(name) has no tensor '\(tensor)' (it has: \(list.isEmpty ? "none" : list))"
        case let .shapeMismatch(name, tensor, expected, found):
            return "\(name): tensor '\(Printable.escape(tensor))' has shape \(found), expected \(expected)"
        }
    }
}

func hex32(_ value: UInt32) -> String { String(format: "0x%08X", value) }
