import Foundation

/// NumPy's `.npy` format, version 1.0, for float32 arrays in C order — what `numpy.load` reads back with the
/// shape in place, so a learner gets a saliency map, a feature map or the test set's logits as numbers.
///
/// Layout: the magic `\x93NUMPY`, the version bytes 1 0, the header's length (UInt16, little-endian), the header
/// (a Python dict literal: `{'descr': '<f4', 'fortran_order': False, 'shape': (28, 28), }`, padded with spaces and
/// ended by a newline so the data starts at a multiple of 64 bytes), then the values as little-endian float32.
public enum NumPyFile {
    /// A file that is not a float32 C-order `.npy` file of version 1.0 (only `read` throws it).
    public struct FormatError: Error, CustomStringConvertible, Equatable {
        /// What was wrong, e.g. "the header's shape does not match the 12 values that follow".
        public var reason: String
        public var description: String { "not a float32 .npy file: \(reason)" }
    }

    /// The bytes of a `.npy` file holding `values` with `shape` (their product must be `values.count`).
    public static func data(_ values: [Float], shape: [Int]) -> Data {
        precondition(shape.allSatisfy { $0 >= 0 } && shape.reduce(1, *) == values.count,
                     "shape \(shape) does not hold \(values.count) values")
        let dims = shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? "," : "")
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(dims)), }"
        let unpadded = 10 + header.utf8.count + 1  // magic 6 + version 2 + length 2, the header, its newline
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
        let length = UInt16(header.utf8.count)
        bytes += [UInt8(length & 0xFF), UInt8(length >> 8)] + Array(header.utf8)
        bytes.reserveCapacity(bytes.count + 4 * values.count)
        for v in values {
            let bits = v.bitPattern.littleEndian
            withUnsafeBytes(of: bits) { bytes += $0 }
        }
        return Data(bytes)
    }

    /// Writes `values` with `shape` to `path` atomically (`AtomicFile`).
    public static func write(_ values: [Float], shape: [Int], to path: String) throws {
        try AtomicFile.write(data(values, shape: shape), to: path)
    }

    /// Reads back a float32, C-order, version 1.0 `.npy` file's values and shape (what `data` writes; used by
    /// tests and by anyone checking a file without NumPy).
    public static func read(_ data: Data) throws -> (values: [Float], shape: [Int]) {
        let bytes = [UInt8](data)
        guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1..<6]) == Array("NUMPY".utf8) else {
            throw FormatError(reason: "it does not start with the magic \\x93NUMPY")
        }
        guard bytes[6] == 1 else { throw FormatError(reason: "version \(bytes[6]).\(bytes[7]), expected 1.0") }
        let length = Int(bytes[8]) | Int(bytes[9]) << 8
        guard 10 + length <= bytes.count else { throw FormatError(reason: "the header runs past the end of the file") }
        let header = String(decoding: bytes[10..<(10 + length)], as: UTF8.self)
        guard header.contains("'descr': '<f4'"), header.contains("'fortran_order': False") else {
            throw FormatError(reason: "expected 'descr': '<f4' and 'fortran_order': False, found \(header)")
        }
        guard let open = header.range(of: "'shape': ("), let close = header[open.upperBound...].firstIndex(of: ")")
        else { throw FormatError(reason: "no shape in the header") }
        let shape = try header[open.upperBound..<close].split(separator: ",").map {
            let text = $0.trimmingCharacters(in: .whitespaces)
            guard let n = Int(text), n >= 0 else { throw FormatError(reason: "shape entry '\(text)' is not a size") }
            return n
        }
        let count = shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).partialValue }
        let body = bytes.count - 10 - length
        guard count >= 0, body == 4 * count else {
            throw FormatError(reason: "the header's shape \(shape) needs \(count) values, the file holds \(body) bytes")
        }
        let values = (0..<count).map { i -> Float in
            let o = 10 + length + 4 * i
            let bits = UInt32(bytes[o]) | UInt32(bytes[o + 1]) << 8 | UInt32(bytes[o + 2]) << 16
                | UInt32(bytes[o + 3]) << 24
            return Float(bitPattern: bits)
        }
        return (values, shape)
    }
}
