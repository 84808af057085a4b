import Foundation

// MARK: - The dlexplain checkpoint format, version 1
//
// A checkpoint is one file. Every integer is little-endian; every float is IEEE 754 little-endian (so the bytes
// are the in-memory bytes on x86-64 and arm64). A *string* is a UInt32 byte length followed by that many UTF-8
// bytes, no terminator.
//
//     offset  size  field
//     0       8     magic "DLXCKPT\0"  (44 4C 58 43 4B 50 54 00)
//     8       4     format version, UInt32 — currently 1; readers refuse versions newer than their own
//     12      4     flags, UInt32 — 0 (reserved)
//     16      8     total file length in bytes, UInt64, checksum included (detects truncation before decoding)
//     24      …     body (below)
//     end−4   4     CRC-32 (IEEE 802.3 polynomial, as zlib and PNG use) of every byte before it
//
// Body, in this order:
//     1. architecture name                      string        ("seed", "wide", "mlp")
//     2. architecture description               string        (JSON of the layer list, or any text)
//     3. epoch, step                            Int64, Int64  (completed epochs and optimizer steps, ≥ 0)
//     4. model tensors                          UInt32 count, then per tensor:
//            name string · rank UInt32 (≤ 16) · rank × Int64 dims (≥ 0) · product(dims) × Float32
//     5. optimizer state tensors                same layout as 4
//     6. scalars                                UInt32 count, then per entry: key string · Float64
//     7. RNG state                              UInt32 count · count × UInt64
//     8. metadata                               UInt32 count, then per entry: key string · value string
//
// Dictionaries (6, 8) are written sorted by key, so equal checkpoints are equal bytes. Tensor names are unique
// within 4 and within 5. The body must end exactly where the checksum begins.
//
// Reading checks, in order: magic → version → length → checksum → body. While decoding the body every length is
// checked against the bytes that remain *before* anything is allocated, so a hostile file cannot make the reader
// trap or allocate more than the file's own size.

extension Checkpoint {
    /// The 8 magic bytes every checkpoint starts with.
    public static let magic: [UInt8] = Array("DLXCKPT".utf8) + [0]
    /// Bytes before the body: magic, version, flags, length.
    static let headerSize = 24
    /// Largest tensor rank accepted (a guard against hostile ranks; real models use ≤ 4).
    static let maximumRank = 16

    /// The checkpoint encoded in format version 1.
    public func encoded() -> Data {
        var out = ByteWriter()
        out.bytes.append(contentsOf: Checkpoint.magic)
        out.u32(Checkpoint.formatVersion)
        out.u32(0)
        out.u64(0)  // length, patched below
        out.string(architecture)
        out.string(architectureDescription)
        out.u64(UInt64(bitPattern: Int64(epoch)))
        out.u64(UInt64(bitPattern: Int64(step)))
        out.tensors(tensors)
        out.tensors(optimizerState)
        out.u32(UInt32(scalars.count))
        for key in scalars.keys.sorted() {
            out.string(key)
            out.u64(scalars[key]!.bitPattern)
        }
        out.u32(UInt32(rngState.count))
        for word in rngState { out.u64(word) }
        out.u32(UInt32(metadata.count))
        for key in metadata.keys.sorted() {
            out.string(key)
            out.string(metadata[key]!)
        }
        let total = UInt64(out.bytes.count + 4)
        withUnsafeBytes(of: total.littleEndian) { out.bytes.replaceSubrange(16..<24, with: $0) }
        out.u32(CRC32.checksum(out.bytes))
        return Data(out.bytes)
    }

    /// Decodes checkpoint bytes; `name` is used in errors, `expectArchitecture` adds the architecture check.
    public static func decode(_ data: Data, name: String = "checkpoint",
                              expectArchitecture: String? = nil) throws -> Checkpoint {
        let checkpoint = try data.withUnsafeBytes { try decode(raw: $0, name: name, verifyChecksum: true) }
        if let expectArchitecture { try checkpoint.check(architecture: expectArchitecture, source: name) }
        return checkpoint
    }

    /// The decoder proper. `verifyChecksum: false` exists for the fuzz harness, which must reach the body
    /// decoder with random bytes that cannot carry a valid CRC.
    static func decode(raw: UnsafeRawBufferPointer, name: String, verifyChecksum: Bool) throws -> Checkpoint {
        let magic = Checkpoint.magic
        guard raw.count >= magic.count else {
            if raw.elementsEqual(magic.prefix(raw.count)), !raw.isEmpty {
                throw CheckpointError.truncated(name: name, expected: headerSize + 4, actual: raw.count, headerOnly: true)
            }
            throw CheckpointError.notACheckpoint(name: name, found: Array(raw))
        }
        guard raw.prefix(magic.count).elementsEqual(magic) else {
            throw CheckpointError.notACheckpoint(name: name, found: Array(raw.prefix(8)))
        }
        guard raw.count >= headerSize + 4 else {
            throw CheckpointError.truncated(name: name, expected: headerSize + 4, actual: raw.count, headerOnly: true)
        }
        var header = ByteReader(raw: raw, name: name, offset: magic.count)
        let version = try header.u32()
        guard version <= formatVersion else {
            throw CheckpointError.newerVersion(name: name, found: version, supported: formatVersion)
        }
        guard version >= 1 else { throw CheckpointError.corrupt(name: name, reason: "format version 0 does not exist") }
        _ = try header.u32()
        let declared = try header.u64()
        guard declared >= UInt64(headerSize + 4) else {
            throw CheckpointError.corrupt(name: name, reason: "header gives a length of \(declared) bytes, "
                + "less than the \(headerSize + 4) any checkpoint has")
        }
        guard declared <= UInt64(raw.count) else {
            throw CheckpointError.truncated(name: name, expected: Int(clamping: declared), actual: raw.count, headerOnly: false)
        }
        let total = Int(declared)
        guard total == raw.count else {
            throw CheckpointError.corrupt(name: name, reason: "\(raw.count - total) extra bytes after the checksum "
                + "(header gives \(total) bytes)")
        }
        var trailer = ByteReader(raw: raw, name: name, offset: total - 4)
        let stored = try trailer.u32()
        let computed = CRC32.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<(total - 4)]))
        if verifyChecksum, stored != computed {
            throw CheckpointError.checksumMismatch(name: name, stored: stored, computed: computed)
        }
        var body = ByteReader(raw: UnsafeRawBufferPointer(rebasing: raw[0..<(total - 4)]), name: name,
                              offset: headerSize)
        var checkpoint = Checkpoint(architecture: try body.string("architecture name"))
        checkpoint.architectureDescription = try body.string("architecture description")
        checkpoint.epoch = try body.counter("epoch")
        checkpoint.step = try body.counter("step")
        checkpoint.tensors = try body.tensors("model tensor")
        checkpoint.optimizerState = try body.tensors("optimizer tensor")
        for _ in 0..<(try body.u32()) {
            let key = try body.string("scalar name")
            guard checkpoint.scalars.updateValue(Double(bitPattern: try body.u64()), forKey: key) == nil else {
                throw CheckpointError.corrupt(name: name, reason: "scalar '\(key)' appears twice")
            }
        }
        let words = Int(try body.u32())
        try body.require(words, times: 8, for: "RNG state")
        checkpoint.rngState = try (0..<words).map { _ in try body.u64() }
        for _ in 0..<(try body.u32()) {
            let key = try body.string("metadata key")
            guard checkpoint.metadata.updateValue(try body.string("metadata value"), forKey: key) == nil else {
                throw CheckpointError.corrupt(name: name, reason: "metadata key '\(key)' appears twice")
            }
        }
        guard body.offset == total - 4 else {
            throw CheckpointError.corrupt(name: name, reason: "the body ends at byte \(body.offset) but the checksum "
                + "is at byte \(total - 4)")
        }
        return checkpoint
    }
}
