/// Reads and inserts PNG `tEXt`/`iTXt` chunks. libpng's simplified API writes no text, so metadata (title,
/// the command that made the picture) is spliced in after the IHDR chunk, with its CRC computed here.
public enum PNGChunks {
    /// Returns `png` with one `tEXt` chunk per entry inserted after IHDR.
    public static func insertText(_ entries: [(key: String, value: String)], into png: [UInt8]) -> [UInt8] {
        guard !entries.isEmpty, png.count > 33 else { return png }
        var chunks: [UInt8] = []
        for (key, value) in entries {
            // Keys are 1–79 Latin-1 bytes. Text that Latin-1 can hold goes in tEXt; anything else (Chinese
            // titles) in iTXt, which carries UTF-8: keyword, 0, compression flag 0, method 0, empty language
            // tag, 0, empty translated keyword, 0, text.
            let keyBytes = Array(latin1(key).prefix(79))
            let body = value.unicodeScalars.allSatisfy({ $0.value < 256 })
                ? Array("tEXt".utf8) + keyBytes + [0] + latin1(value)
                : Array("iTXt".utf8) + keyBytes + [0, 0, 0, 0, 0] + Array(value.utf8)
            chunks += bigEndian(UInt32(body.count - 4)) + body + bigEndian(crc32(body))
        }
        let afterIHDR = 8 + 4 + 4 + 13 + 4
        return Array(png[..<afterIHDR]) + chunks + Array(png[afterIHDR...])
    }

    /// Width and height from a PNG's IHDR chunk, without decoding; nil when the bytes do not start like a PNG.
    public static func size(of png: [UInt8]) -> (width: Int, height: Int)? {
        guard png.count >= 24, png[0] == 0x89, png[1] == 0x50, png[2] == 0x4E, png[3] == 0x47,
              png[12..<16].elementsEqual("IHDR".utf8) else { return nil }
        let word = { (i: Int) in Int(png[i]) << 24 | Int(png[i + 1]) << 16 | Int(png[i + 2]) << 8 | Int(png[i + 3]) }
        return (word(16), word(20))
    }

    /// The `tEXt` entries of a PNG byte stream, in file order.
    public static func text(in png: [UInt8]) -> [(key: String, value: String)] {
        var result: [(String, String)] = []
        var offset = 8
        while offset + 12 <= png.count {
            let length = Int(png[offset]) << 24 | Int(png[offset + 1]) << 16 | Int(png[offset + 2]) << 8
                | Int(png[offset + 3])
            let type = String(decoding: png[(offset + 4)..<(offset + 8)], as: UTF8.self)
            let start = offset + 8
            guard start + length <= png.count else { break }
            if type == "tEXt", let zero = png[start..<(start + length)].firstIndex(of: 0) {
                let key = String(decoding: png[start..<zero], as: UTF8.self)
                let value = String(png[(zero + 1)..<(start + length)].map { Character(Unicode.Scalar($0)) })
                result.append((key, value))
            } else if type == "iTXt", let zero = png[start..<(start + length)].firstIndex(of: 0),
                      zero + 3 <= start + length, png[zero + 1] == 0 {
                // Skip compression flag and method, then the language tag and translated keyword (0-terminated).
                var cursor = zero + 3
                for _ in 0..<2 {
                    guard let end = png[cursor..<(start + length)].firstIndex(of: 0) else { cursor = start + length; break }
                    cursor = end + 1
                }
                let key = String(decoding: png[start..<zero], as: UTF8.self)
                result.append((key, String(decoding: png[min(cursor, start + length)..<(start + length)], as: UTF8.self)))
            }
            offset = start + length + 4
        }
        return result
    }

    private static func latin1(_ s: String) -> [UInt8] {
        s.unicodeScalars.map { $0.value < 256 ? UInt8($0.value) : UInt8(ascii: "?") }
    }

    private static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 0xff), UInt8((v >> 8) & 0xff), UInt8(v & 0xff)]
    }

    private static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// CRC-32 as PNG defines it (ISO 3309), over chunk type + data.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xff)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
