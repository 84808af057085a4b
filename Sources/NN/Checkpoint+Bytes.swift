import Foundation

/// Appends little-endian fields for `Checkpoint.encoded()`.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }

    mutating func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }

    mutating func string(_ value: String) {
        let utf8 = Array(value.utf8)
        u32(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    mutating func tensors(_ list: [NamedArray]) {
        precondition(Set(list.map(\.name)).count == list.count, "checkpoint tensor names must be unique")
        u32(UInt32(list.count))
        for tensor in list {
            string(tensor.name)
            u32(UInt32(tensor.shape.count))
            for size in tensor.shape { u64(UInt64(size)) }
            #if _endian(little)
            tensor.values.withUnsafeBytes { bytes.append(contentsOf: $0) }
            #else
            for value in tensor.values { u32(value.bitPattern) }
            #endif
        }
    }
}

/// Reads little-endian fields for `Checkpoint.decode`, checking every length against the bytes that remain.
struct ByteReader {
    let raw: UnsafeRawBufferPointer
    let name: String
    var offset: Int

    var remaining: Int { raw.count - offset }

    /// Throws unless `count × size` bytes remain (overflow-safe, so hostile counts cannot trap).
    func require(_ count: Int, times size: Int, for what: String) throws {
        let (needed, overflow) = count.multipliedReportingOverflow(by: size)
        guard !overflow, count >= 0, needed <= remaining else {
            throw CheckpointError.corrupt(name: name, reason: "\(what) needs \(overflow ? "more than \(Int.max)" : "\(needed)") "
                + "bytes at byte \(offset), only \(remaining) remain")
        }
    }

    mutating func u32() throws -> UInt32 {
        try require(4, times: 1, for: "a 32-bit field")
        defer { offset += 4 }
        return UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    mutating func u64() throws -> UInt64 {
        try require(8, times: 1, for: "a 64-bit field")
        defer { offset += 8 }
        return UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// A non-negative Int64 counter (epoch, step).
    mutating func counter(_ what: String) throws -> Int {
        let value = Int64(bitPattern: try u64())
        guard value >= 0 else { throw CheckpointError.corrupt(name: name, reason: "\(what) is \(value), expected ≥ 0") }
        return Int(value)
    }

    mutating func string(_ what: String) throws -> String {
        let length = Int(try u32())
        try require(length, times: 1, for: what)
        defer { offset += length }
        guard let text = String(validating: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + length)]),
                                as: UTF8.self) else {
            throw CheckpointError.corrupt(name: name, reason: "\(what) at byte \(offset) is not valid UTF-8")
        }
        return text
    }

    /// A UInt32 count of tensors, each: name, rank, dims, Float32 values.
    mutating func tensors(_ what: String) throws -> [NamedArray] {
        let count = Int(try u32())
        var list: [NamedArray] = []
        var seen = Set<String>()
        for _ in 0..<count {
            let tensorName = try string("\(what) name")
            guard seen.insert(tensorName).inserted else {
                throw CheckpointError.corrupt(name: name, reason: "\(what) '\(tensorName)' appears twice")
            }
            let rank = Int(try u32())
            guard rank <= Checkpoint.maximumRank else {
                throw CheckpointError.corrupt(name: name, reason: "\(what) '\(tensorName)' has rank \(rank), "
                    + "expected at most \(Checkpoint.maximumRank)")
            }
            var shape: [Int] = []
            var elements = 1
            for _ in 0..<rank {
                let size = Int64(bitPattern: try u64())
                let (product, overflow) = elements.multipliedReportingOverflow(by: Int(size))
                guard size >= 0 else {
                    throw CheckpointError.corrupt(name: name, reason: "\(what) '\(tensorName)' has a negative "
                        + "dimension \(size)")
                }
                guard !overflow else {
                    throw CheckpointError.corrupt(name: name, reason: "\(what) '\(tensorName)' has dimensions "
                        + "\(shape + [Int(size)]) whose product overflows")
                }
                shape.append(Int(size))
                elements = product
            }
            try require(elements, times: 4, for: "\(what) '\(tensorName)' of shape \(shape)")
            let values = [Float](unsafeUninitializedCapacity: elements) { buffer, initialized in
                let source = UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + elements * 4)])
                #if _endian(little)
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source)
                #else
                for i in 0..<elements {
                    buffer[i] = Float(bitPattern: UInt32(littleEndian: source.loadUnaligned(fromByteOffset: 4 * i,
                                                                                            as: UInt32.self)))
                }
                #endif
                initialized = elements
            }
            offset += elements * 4
            list.append(NamedArray(name: tensorName, shape: shape, values: values))
        }
        return list
    }
}

/// CRC-32 with the IEEE 802.3 polynomial (reflected 0xEDB88320), the checksum zlib and PNG use.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { index in
        var c = UInt32(index)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0) }
    }

    static func checksum(_ raw: UnsafeRawBufferPointer) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        table.withUnsafeBufferPointer { table in
            for byte in raw { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        }
        return crc ^ 0xFFFF_FFFF
    }
}
