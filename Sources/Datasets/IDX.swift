import Foundation

/// The element type named by the third byte of an IDX magic number (`00 00 type dims`).
public enum IDXElementType: UInt8, Sendable, CaseIterable {
    /// Unsigned bytes — what MNIST and Fashion-MNIST images and labels use.
    case uint8 = 0x08
    /// Signed bytes.
    case int8 = 0x09
    /// Big-endian 16-bit integers.
    case int16 = 0x0B
    /// Big-endian 32-bit integers.
    case int32 = 0x0C
    /// Big-endian IEEE 754 single precision.
    case float32 = 0x0D
    /// Big-endian IEEE 754 double precision.
    case float64 = 0x0E

    /// Bytes per element.
    public var byteCount: Int {
        switch self {
        case .uint8, .int8: return 1
        case .int16: return 2
        case .int32, .float32: return 4
        case .float64: return 8
        }
    }

    /// A plural noun for messages ("unsigned bytes").
    public var noun: String {
        switch self {
        case .uint8: return "unsigned bytes"
        case .int8: return "signed bytes"
        case .int16: return "16-bit integers"
        case .int32: return "32-bit integers"
        case .float32: return "32-bit floats"
        case .float64: return "64-bit floats"
        }
    }
}

/// What a caller expects an IDX file to hold; drives validation and the wording of errors.
public enum IDXContent: Sendable, Equatable {
    /// Unsigned-byte images, `count × rows × cols` (magic `0x00000803`).
    case images
    /// Unsigned-byte labels, `count` (magic `0x00000801`).
    case labels
    /// Any element type and number of dimensions.
    case any

    /// The dimension count the content needs, or nil for `.any`.
    public var rank: Int? {
        switch self {
        case .images: return 3
        case .labels: return 1
        case .any: return nil
        }
    }

    /// The magic number the content needs, or nil for `.any`.
    public var magic: UInt32? { rank.map { 0x0800 | UInt32($0) } }

    var noun: String {
        switch self {
        case .images: return "images (count × rows × cols)"
        case .labels: return "labels (count)"
        case .any: return "an IDX array"
        }
    }
}

/// One decoded IDX file: element type, shape, and the raw big-endian element bytes.
public struct IDXArray: Sendable, Equatable {
    /// The element type from the magic number.
    public let elementType: IDXElementType
    /// The dimensions from the header, outermost first (`[60000, 28, 28]` for MNIST training images).
    public let shape: [Int]
    /// The body: `shape.product × elementType.byteCount` bytes, big-endian, row-major.
    public let body: [UInt8]

    /// Number of elements (the product of `shape`; 1 for a rank-0 array).
    public var elementCount: Int { shape.reduce(1, *) }
}

/// Reader for the IDX format of MNIST (http://yann.lecun.com/exdb/mnist/): a 4-byte magic `00 00 type dims`,
/// `dims` big-endian UInt32 sizes, then the elements. Gzipped input is detected by its magic and inflated first.
public enum IDX {
    /// The largest body an IDX header may declare: 1 GiB, 22× Fashion-MNIST's training images (and 4 GiB once
    /// decoded to floats). A header promising more is refused before anything is read or inflated, so no file
    /// — honest or hostile — costs more memory than this.
    public static let maximumBodyBytes = 1 << 30

    /// Parses IDX bytes (plain or gzipped). `name` is used in every error; `content` adds the checks images or
    /// labels need. Sizes are checked with overflow-safe arithmetic against the bytes actually present before
    /// anything is allocated, so hostile headers cannot cause huge allocations or traps. Gzipped bytes are inflated
    /// as a stream whose header is checked from the first bytes out; inflation stops as soon as more than the
    /// header promises has come out (`inflatesBeyond`), so a gzip bomb costs no more than an honest file.
    public static func parse(bytes: Data, name: String, expecting content: IDXContent = .any) throws -> IDXArray {
        guard Gzip.isGzipped(bytes) else {
            return try bytes.withUnsafeBytes { raw in try parse(raw: raw, name: name, expecting: content) }
        }
        var promise = ""
        let plain: Data
        do {
            plain = try Gzip.gunzip(bytes, name: name) { prefix in
                try prefix.withUnsafeBytes { raw -> Int? in
                    guard raw.count >= 4, raw.count >= 4 + 4 * Int(raw[3]) else { return nil }
                    let header = try parseHeader(raw: raw, name: name, expecting: content)
                    promise = header.promise
                    guard let body = header.bodyBytes else {
                        throw DataError.truncated(name: name, promise: header.promise, fileBytes: raw.count)
                    }
                    return header.headerBytes + body
                }
            }
        } catch let GzipError.exceedsLimit(_, _, produced) {
            throw DataError.inflatesBeyond(name: name, promise: promise, produced: produced)
        }
        return try plain.withUnsafeBytes { raw in try parse(raw: raw, name: name, expecting: content) }
    }

    /// Parses plain (not gzipped) IDX bytes held in memory.
    public static func parse(raw: UnsafeRawBufferPointer, name: String, expecting content: IDXContent = .any) throws -> IDXArray {
        let header = try parseHeader(raw: raw, name: name, expecting: content)
        let headerBytes = header.headerBytes
        guard let bodyBytes = header.bodyBytes, bodyBytes <= raw.count - headerBytes else {
            throw DataError.truncated(name: name, promise: header.promise, fileBytes: raw.count)
        }
        guard bodyBytes == raw.count - headerBytes else {
            throw DataError.trailingBytes(name: name, promise: header.promise, fileBytes: raw.count)
        }
        let body = Array(UnsafeRawBufferPointer(rebasing: raw[headerBytes..<(headerBytes + bodyBytes)]))
        return IDXArray(elementType: header.type, shape: header.shape, body: body)
    }

    /// What the header at the start of `raw` declares (element type, shape, header and body sizes — nil when the
    /// body size overflows), checked against `content`; `raw` needs to hold only the header.
    static func parseHeader(raw: UnsafeRawBufferPointer, name: String, expecting content: IDXContent)
        throws -> (type: IDXElementType, shape: [Int], headerBytes: Int, bodyBytes: Int?, promise: String)
    {
        guard raw.count >= 4 else { throw DataError.tooShort(name: name, bytes: raw.count, needed: 4) }
        let magic = bigEndianUInt32(raw, at: 0)
        let typeCode = raw[2], rank = Int(raw[3])
        let expectedMagic = content.magic.map { "\(hex($0)) for \(content == .images ? "images" : "labels") of unsigned bytes" }
        guard raw[0] == 0, raw[1] == 0, let type = IDXElementType(rawValue: typeCode) else {
            throw DataError.wrongMagic(name: name, found: magic,
                                       expected: expectedMagic ?? "00 00 type dims with type 08, 09, 0B, 0C, 0D or 0E")
        }
        if let expectedMagic, type != .uint8 {
            throw DataError.wrongMagic(name: name, found: magic, expected: expectedMagic + ", not \(type.noun)")
        }
        if let expectedRank = content.rank, rank != expectedRank {
            throw DataError.wrongDimensions(name: name, magic: magic, found: rank, expected: expectedRank,
                                            content: content.noun)
        }
        let headerBytes = 4 + 4 * rank
        guard raw.count >= headerBytes else {
            throw DataError.tooShort(name: name, bytes: raw.count, needed: headerBytes)
        }
        let shape = (0..<rank).map { Int(bigEndianUInt32(raw, at: 4 + 4 * $0)) }
        // Overflow-safe: a hostile header may promise 2^32 × 2^32 × … elements.
        var bodyBytes: Int? = type.byteCount
        for size in shape {
            guard let current = bodyBytes else { break }
            let (product, overflow) = current.multipliedReportingOverflow(by: size)
            bodyBytes = overflow ? nil : product
        }
        let promise = describePromise(shape: shape, type: type, content: content, bodyBytes: bodyBytes,
                                      headerBytes: headerBytes)
        if let bodyBytes, bodyBytes > maximumBodyBytes {
            throw DataError.tooLarge(name: name, promise: promise, limit: maximumBodyBytes)
        }
        return (type, shape, headerBytes, bodyBytes, promise)
    }

    /// "60000 images of 28×28 = 47040000 bytes after the 16-byte header (47040016 in all)".
    static func describePromise(shape: [Int], type: IDXElementType, content: IDXContent, bodyBytes: Int?,
                                headerBytes: Int) -> String {
        let dims = shape.map(String.init).joined(separator: "×")
        let what: String
        switch content {
        case .images where shape.count == 3:
            what = "\(shape[0]) images of \(shape[1])×\(shape[2])"
        case .labels where shape.count == 1:
            what = "\(shape[0]) labels"
        default:
            what = "\(dims.isEmpty ? "1" : dims) \(type.noun)"
        }
        guard let bodyBytes else { return "\(what), more bytes than any file can hold" }
        let total = bodyBytes.addingReportingOverflow(headerBytes)
        let inAll = total.overflow ? "" : " (\(total.partialValue) in all)"
        return "\(what) = \(bodyBytes) bytes after the \(headerBytes)-byte header\(inAll)"
    }

    @inline(__always)
    static func bigEndianUInt32(_ raw: UnsafeRawBufferPointer, at offset: Int) -> UInt32 {
        UInt32(raw[offset]) << 24 | UInt32(raw[offset + 1]) << 16 | UInt32(raw[offset + 2]) << 8 | UInt32(raw[offset + 3])
    }
}
