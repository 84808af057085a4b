import Foundation
import Testing
@testable import Render

/// PNG files built byte by byte (stored, uncompressed deflate blocks), so the decoder meets kinds our own
/// encoder never writes: palettes, 16-bit samples, grey+alpha.
enum HandPNG {
    /// A PNG of `rows` (each row's raw bytes, without the filter byte) with the given IHDR colour type and bit
    /// depth, plus optional PLTE and tRNS chunks.
    static func make(width: Int, height: Int, bitDepth: UInt8, colorType: UInt8, rows: [[UInt8]],
                     palette: [UInt8]? = nil, transparency: [UInt8]? = nil) -> Data {
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += chunk("IHDR", be32(width) + be32(height) + [bitDepth, colorType, 0, 0, 0])
        if let palette { png += chunk("PLTE", palette) }
        if let transparency { png += chunk("tRNS", transparency) }
        let raw: [UInt8] = rows.flatMap { [UInt8(0)] + $0 }  // filter type 0 (None) on every row
        png += chunk("IDAT", zlibStored(raw))
        png += chunk("IEND", [])
        return Data(png)
    }

    static func be32(_ v: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (24 - 8 * $0)) } }

    static func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + body
        return be32(body.count) + typed + be32(Int(PNGChunks.crc32(typed)))
    }

    /// A zlib stream of one stored (uncompressed) deflate block and its Adler-32.
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        precondition(data.count < 65_536)
        let n = UInt16(data.count)
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data { a = (a + UInt32(byte)) % 65_521; b = (b + a) % 65_521 }
        return [0x78, 0x01, 0x01, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8(~n >> 8)] + data
            + be32(Int(b << 16 | a))
    }
}

@Suite struct PNGDecodeTests {
    @Test(arguments: [PNGImage.Format.gray, .grayAlpha, .rgb, .rgba])
    func ourOwnEncodingDecodesToTheSamePixels(format: PNGImage.Format) throws {
        var image = PNGImage(width: 7, height: 4, format: format)
        for i in image.pixels.indices { image.pixels[i] = UInt8((i * 37 + 11) % 256) }
        let back = try PNGImage.decode(try image.pngData(text: [("Title", "t")]), name: "mine.png", as: format)
        #expect(back == image)
    }

    @Test func paletteImageDecodesToItsColours() throws {
        // 2 × 2, 8-bit indices into red, green, blue, white; the white entry half transparent.
        let palette: [UInt8] = [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]
        let data = HandPNG.make(width: 2, height: 2, bitDepth: 8, colorType: 3, rows: [[0, 1], [2, 3]],
                                palette: palette, transparency: [255, 255, 255, 128])
        let image = try PNGImage.decode(data, name: "palette.png", as: .rgba)
        #expect(image.pixel(x: 0, y: 0) == [255, 0, 0, 255])
        #expect(image.pixel(x: 1, y: 0) == [0, 255, 0, 255])
        #expect(image.pixel(x: 0, y: 1) == [0, 0, 255, 255])
        #expect(image.pixel(x: 1, y: 1)[3] == 128)
    }

    @Test func sixteenBitGreyAndRGBBecomeEightBit() throws {
        // 16-bit grey: 0x0000, 0xFFFF, 0x8080 → 0, 255 and (close to) 128 in 8-bit sRGB.
        let grey = HandPNG.make(width: 3, height: 1, bitDepth: 16, colorType: 0,
                                rows: [[0x00, 0x00, 0xFF, 0xFF, 0x80, 0x80]])
        let g = try PNGImage.decode(grey, name: "grey16.png", as: .gray)
        #expect(g.pixels[0] == 0 && g.pixels[1] == 255)
        #expect(abs(Int(g.pixels[2]) - 128) <= 1)
        // 16-bit RGB: one pure red pixel, one pure white one.
        let rgb = HandPNG.make(width: 2, height: 1, bitDepth: 16, colorType: 2,
                               rows: [[0xFF, 0xFF, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]])
        let c = try PNGImage.decode(rgb, name: "rgb16.png", as: .rgb)
        #expect(c.pixels == [255, 0, 0, 255, 255, 255])
    }

    @Test func greyAlphaDecodesToRGBAWithItsAlpha() throws {
        let data = HandPNG.make(width: 2, height: 1, bitDepth: 8, colorType: 4, rows: [[200, 255, 50, 0]])
        let image = try PNGImage.decode(data, name: "ga.png", as: .rgba)
        #expect(image.pixel(x: 0, y: 0) == [200, 200, 200, 255])
        #expect(image.pixel(x: 1, y: 0)[3] == 0)
    }

    @Test func bytesThatAreNotAPNGAreNamedAsSuch() {
        #expect(throws: PNGError.notPNG(path: "photo.jpg")) {
            try PNGImage.decode(Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 0, 0, 0, 0]), name: "photo.jpg")
        }
        #expect(throws: PNGError.notPNG(path: "empty.png")) { try PNGImage.decode(Data(), name: "empty.png") }
    }

    @Test func aTruncatedPNGIsRefusedWithLibpngsWords() throws {
        var image = PNGImage(width: 40, height: 40, format: .rgb)
        for i in image.pixels.indices { image.pixels[i] = UInt8(truncatingIfNeeded: i &* 2654435761 >> 7) }
        let whole = try image.pngData()
        for cut in [12, 40, whole.count / 2, whole.count - 13] {
            #expect { try PNGImage.decode(whole.prefix(cut), name: "cut.png") } throws: { error in
                guard case let PNGError.libpng(path, message) = error else { return false }
                return path == "cut.png" && !message.isEmpty
            }
        }
    }

    @Test func anAbsurdDeclaredSizeIsRefusedBeforeAllocating() throws {
        // The header claims 60 000 × 60 000 (3.6 gigapixels) but holds one row: refused from the header alone.
        let data = HandPNG.make(width: 60_000, height: 60_000, bitDepth: 8, colorType: 0, rows: [[0]])
        #expect(throws: PNGError.tooLarge(path: "huge.png", width: 60_000, height: 60_000,
                                          limit: PNGImage.maxDecodedPixels)) {
            try PNGImage.decode(data, name: "huge.png")
        }
        // A smaller limit applies as stated.
        let small = HandPNG.make(width: 4, height: 4, bitDepth: 8, colorType: 0, rows: Array(repeating: [0, 0, 0, 0], count: 4))
        #expect(throws: PNGError.tooLarge(path: "s.png", width: 4, height: 4, limit: 15)) {
            try PNGImage.decode(small, name: "s.png", maxPixels: 15)
        }
        #expect(try PNGImage.decode(small, name: "s.png", maxPixels: 16).width == 4)
    }

    @Test func aFileThatCannotBeReadIsNamedWithTheReason() throws {
        #expect { try PNGImage.decode(file: "/nonexistent-dlx/x.png") } throws: { error in
            guard case let PNGError.unreadable(path, reason) = error else { return false }
            return path == "/nonexistent-dlx/x.png" && reason.contains("No such file")
        }
        #expect { try PNGImage.decode(file: NSTemporaryDirectory()) } throws: { error in
            "\(error)".contains("it is a directory")
        }
    }
}
