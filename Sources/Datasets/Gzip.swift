import CZlib
import Foundation

/// A gzip stream that could not be inflated.
public enum GzipError: Error, CustomStringConvertible, Equatable {
    /// zlib rejected the stream; carries the file name and zlib's message.
    case corrupt(name: String, message: String)
    /// The stream ended before gzip's end marker (a half-downloaded file).
    case truncated(name: String)
    /// The stream inflates to more than the caller accepts (`produced` bytes out when it stopped).
    case exceedsLimit(name: String, limit: Int, produced: Int)

    public var description: String {
        switch self {
        case let .corrupt(name, message):
            return "\(name) is not a valid gzip file (\(message)); expected an intact .gz, try downloading it again"
        case let .truncated(name):
            return "\(name) ends before the gzip stream does (truncated download?); expected a complete .gz file"
        case let .exceedsLimit(name, limit, produced):
            return "\(name) inflates to more than the \(limit) bytes expected (stopped after \(produced)); "
                + "expected a .gz of exactly what its contents declare"
        }
    }
}

/// Decompression through zlib.
public enum Gzip {
    /// True when `bytes` start with the gzip magic number 1f 8b.
    public static func isGzipped(_ bytes: Data) -> Bool {
        bytes.count >= 2 && bytes[bytes.startIndex] == 0x1f && bytes[bytes.startIndex + 1] == 0x8b
    }

    /// Deflate's largest expansion: about 1032 output bytes per input byte (258-byte matches coded in 2 bits).
    /// Bounds how much output a stream can produce, so a reservation never exceeds what the input can fill.
    public static let maximumExpansion = 1032

    /// Inflates a whole gzip stream (concatenated members included) as a stream of 1 MiB chunks. `name` is used
    /// in errors.
    ///
    /// `limit` sees the output produced so far after every chunk until it returns a number: the most bytes the
    /// caller will accept (an IDX header read from the first bytes says how many it promises). It may throw to
    /// refuse what it has seen. Once the limit is known the output is reserved once (never more than the input
    /// could inflate to) and inflation stops with `GzipError.exceedsLimit` as soon as more than that has come
    /// out — a 4 MB file that inflates to 4 GiB costs no more memory than its header legitimately declares.
    public static func gunzip(_ compressed: Data, name: String = "data",
                              limit: (Data) throws -> Int? = { _ in nil }) throws -> Data {
        var stream = z_stream()
        // 15 + 16: a 32 KiB window and gzip (not zlib) framing.
        guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw GzipError.corrupt(name: name, message: "zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var output = Data()
        var maximum: Int?
        let possible = compressed.count.multipliedReportingOverflow(by: maximumExpansion)
        let ceiling = possible.overflow ? Int.max : possible.partialValue + 1024
        // 1 MiB chunks, smaller when the input cannot fill one (a 100-byte stream needs no 1 MiB buffer).
        let chunk = min(1 << 20, ceiling)
        var buffer = [UInt8](repeating: 0, count: chunk)
        var status: Int32 = Z_OK
        try compressed.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            guard let base = input.bindMemory(to: Bytef.self).baseAddress else { return }
            stream.next_in = UnsafeMutablePointer(mutating: base)
            stream.avail_in = uInt(input.count)
            repeat {
                let produced: Int = buffer.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(chunk)
                    status = inflate(&stream, Z_NO_FLUSH)
                    return chunk - Int(stream.avail_out)
                }
                output.append(contentsOf: buffer[0..<produced])
                if maximum == nil, produced > 0, let accepted = try limit(output) {
                    maximum = accepted
                    output.reserveCapacity(min(accepted, ceiling) + chunk)
                }
                if let maximum, output.count > maximum {
                    throw GzipError.exceedsLimit(name: name, limit: maximum, produced: output.count)
                }
                if status == Z_STREAM_END && stream.avail_in > 0 {
                    // Another gzip member follows (gzip allows concatenation).
                    guard inflateReset(&stream) == Z_OK else { break }
                    status = Z_OK
                }
            } while status == Z_OK
            if status == Z_BUF_ERROR || (status == Z_OK && stream.avail_in == 0) {
                throw GzipError.truncated(name: name)
            }
            if status != Z_STREAM_END {
                let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                throw GzipError.corrupt(name: name, message: message)
            }
        }
        return output
    }
}
