import Foundation

/// Why a trace could not be read.
public enum TraceError: Error, Equatable, CustomStringConvertible {
    /// The JSON was written by a newer dlexplain.
    case unsupportedVersion(found: Int, supported: Int)
    /// The bytes are not a trace.
    case malformed(String)

    public var description: String {
        switch self {
        case let .unsupportedVersion(found, supported):
            return "trace JSON has traceVersion \(found); this dlexplain reads versions up to \(supported)"
        case let .malformed(why):
            return "trace JSON is malformed: \(why) (expected an object with traceVersion, nodes, edges)"
        }
    }
}

extension Trace {
    /// Stable, human-readable JSON: sorted keys and pretty printed, so two identical runs give identical bytes.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self)
    }

    /// Reads a trace, refusing versions newer than `Trace.currentVersion`.
    public static func decode(_ data: Data) throws -> Trace {
        struct Header: Decodable { var traceVersion: Int }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let header: Header
        do { header = try decoder.decode(Header.self, from: data) } catch {
            throw TraceError.malformed("no traceVersion")
        }
        guard header.traceVersion <= Trace.currentVersion else {
            throw TraceError.unsupportedVersion(found: header.traceVersion, supported: Trace.currentVersion)
        }
        do { return try decoder.decode(Trace.self, from: data) } catch {
            throw TraceError.malformed(String(describing: error))
        }
    }
}
