/// Protocol Buffers' wire format, the part ONNX files need: varints, fixed 32/64-bit values, length-delimited
/// fields (strings, bytes, sub-messages, packed repeated numbers). Written here instead of depending on
/// swift-protobuf (docs/ARCHITECTURE.md §9): its release build alone took 92 s on 2 cores.
///
/// The reader never trusts a length: every length is checked against the bytes left before a slice is taken,
/// and nothing is allocated from a declared size (callers check counts against their own limits).
public struct ProtoReader {
    /// How a field's value is encoded (the low three bits of its key).
    public enum WireType: Int, Sendable {
        case varint = 0, fixed64 = 1, lengthDelimited = 2, startGroup = 3, endGroup = 4, fixed32 = 5
    }

    /// The message's bytes (a slice of the file's array: no copies).
    public let bytes: ArraySlice<UInt8>
    /// The next byte to read.
    public private(set) var position: Int
    /// Where the message ends.
    public let end: Int
    /// What is being read, for errors ("TensorProto 'fc1.weight'").
    public let context: String

    /// A reader over `bytes`.
    public init(_ bytes: ArraySlice<UInt8>, context: String) {
        self.bytes = bytes
        position = bytes.startIndex
        end = bytes.endIndex
        self.context = context
    }

    /// True when every byte has been read.
    public var isAtEnd: Bool { position >= end }

    /// The next field's number and wire type, or nil at the end of the message.
    public mutating func nextField() throws -> (number: Int, type: WireType)? {
        guard !isAtEnd else { return nil }
        let key = try varint()
        guard let type = WireType(rawValue: Int(key & 7)), key >> 3 > 0, key >> 3 < 1 << 29 else {
            throw ONNXError.malformed(context: context, reason: "field key \(key) at byte \(position) is not valid")
        }
        return (Int(key >> 3), type)
    }

    /// A base-128 varint (at most 10 bytes).
    public mutating func varint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end else { throw truncated("a varint") }
            let byte = bytes[position]
            position += 1
            if shift == 63 && byte > 1 { throw ONNXError.malformed(context: context, reason: "a varint overflows 64 bits") }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw ONNXError.malformed(context: context, reason: "a varint is longer than 10 bytes") }
        }
    }

    /// A varint read as a signed 64-bit integer (two's complement, as protobuf's int64).
    public mutating func int64() throws -> Int64 { Int64(bitPattern: try varint()) }

    /// Four little-endian bytes.
    public mutating func fixed32() throws -> UInt32 {
        guard end - position >= 4 else { throw truncated("a 4-byte value") }
        var v: UInt32 = 0
        for i in 0..<4 { v |= UInt32(bytes[position + i]) << (8 * UInt32(i)) }
        position += 4
        return v
    }

    /// Eight little-endian bytes.
    public mutating func fixed64() throws -> UInt64 {
        guard end - position >= 8 else { throw truncated("an 8-byte value") }
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(bytes[position + i]) << (8 * UInt64(i)) }
        position += 8
        return v
    }

    /// A length-delimited value's bytes, its length checked against the bytes left.
    public mutating func lengthDelimited() throws -> ArraySlice<UInt8> {
        let length = try varint()
        guard length <= UInt64(end - position) else {
            throw ONNXError.truncated(context: context,
                                      reason: "a field declares \(length) bytes, only \(end - position) are left")
        }
        let slice = bytes[position..<(position + Int(length))]
        position += Int(length)
        return slice
    }

    /// A UTF-8 string field.
    public mutating func string() throws -> String { String(decoding: try lengthDelimited(), as: UTF8.self) }

    /// Skips a field of `type` (groups are refused: ONNX has none).
    public mutating func skip(_ type: WireType) throws {
        switch type {
        case .varint: _ = try varint()
        case .fixed64: _ = try fixed64()
        case .fixed32: _ = try fixed32()
        case .lengthDelimited: _ = try lengthDelimited()
        case .startGroup, .endGroup:
            throw ONNXError.malformed(context: context, reason: "protobuf groups are not used by ONNX")
        }
    }

    /// Appends a repeated int64 field's values (packed or one per key), refusing more than `limit` in total.
    public mutating func appendInt64s(_ type: WireType, to list: inout [Int64], limit: Int, what: String) throws {
        if type == .lengthDelimited {
            var inner = ProtoReader(try lengthDelimited(), context: context)
            while !inner.isAtEnd {
                guard list.count < limit else { throw tooMany(what, limit) }
                list.append(try inner.int64())
            }
        } else {
            guard list.count < limit else { throw tooMany(what, limit) }
            list.append(try int64())
        }
    }

    /// Appends a repeated float field's values (packed or one per key), refusing more than `limit` in total.
    public mutating func appendFloats(_ type: WireType, to list: inout [Float], limit: Int, what: String) throws {
        if type == .lengthDelimited {
            let packed = try lengthDelimited()
            guard packed.count % 4 == 0 else {
                throw ONNXError.malformed(context: context, reason: "packed floats of \(packed.count) bytes")
            }
            guard list.count + packed.count / 4 <= limit else { throw tooMany(what, limit) }
            var inner = ProtoReader(packed, context: context)
            while !inner.isAtEnd { list.append(Float(bitPattern: try inner.fixed32())) }
        } else {
            guard list.count < limit else { throw tooMany(what, limit) }
            list.append(Float(bitPattern: try fixed32()))
        }
    }

    func truncated(_ what: String) -> ONNXError {
        .truncated(context: context, reason: "the bytes end inside \(what)")
    }

    func tooMany(_ what: String, _ limit: Int) -> ONNXError {
        .limitExceeded(context: context, what: what, limit: limit)
    }
}

/// Protocol Buffers' wire format, writing: fields appended in the order given.
public struct ProtoWriter {
    /// The bytes so far.
    public private(set) var bytes: [UInt8] = []

    /// An empty message.
    public init() {}

    mutating func key(_ field: Int, _ type: ProtoReader.WireType) { rawVarint(UInt64(field << 3 | type.rawValue)) }

    mutating func rawVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// A varint field (int64, int32, enum; negative values as ten bytes, as protobuf does).
    public mutating func int(_ field: Int, _ value: Int64) {
        key(field, .varint)
        rawVarint(UInt64(bitPattern: value))
    }

    /// A float field (fixed32).
    public mutating func float(_ field: Int, _ value: Float) {
        key(field, .fixed32)
        let bits = value.bitPattern
        for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: bits >> (8 * UInt32(i)))) }
    }

    /// A bytes field.
    public mutating func bytes(_ field: Int, _ value: [UInt8]) {
        key(field, .lengthDelimited)
        rawVarint(UInt64(value.count))
        bytes += value
    }

    /// A string field (UTF-8).
    public mutating func string(_ field: Int, _ value: String) { bytes(field, Array(value.utf8)) }

    /// A sub-message field.
    public mutating func message(_ field: Int, _ build: (inout ProtoWriter) -> Void) {
        var inner = ProtoWriter()
        build(&inner)
        bytes(field, inner.bytes)
    }

    /// Appends bytes as they are (the body of a packed field being built).
    mutating func rawBytes(_ raw: [UInt8]) { bytes += raw }

    /// A packed repeated int64 field.
    public mutating func packedInts(_ field: Int, _ values: [Int64]) {
        var inner = ProtoWriter()
        for v in values { inner.rawVarint(UInt64(bitPattern: v)) }
        bytes(field, inner.bytes)
    }
}
