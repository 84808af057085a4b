import Groundwork
import Foundation
import Testing
@testable import Render

func temporaryDirectory() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("dlx-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@Suite struct PNGImageTests {
    @Test(arguments: [PNGImage.Format.gray, .rgb, .rgba])
    func writeThenReadGivesThePixelsBack(format: PNGImage.Format) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var image = PNGImage(width: 5, height: 3, format: format)
        for y in 0..<3 { for x in 0..<5 {
            image.setPixel(x: x, y: y, (0..<format.channels).map { UInt8((x * 40 + y * 70 + $0 * 9) % 256) })
        } }
        let path = dir + "/t.png"
        try image.write(to: path, text: [("Title", "test"), ("Comment", "dlexplain test")])
        let back = try PNGImage.read(from: path, as: format)
        #expect(back == image)
        let chunks = PNGChunks.text(in: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(chunks.map(\.key) == ["Title", "Comment"])
        #expect(chunks.last?.value == "dlexplain test")
    }

    @Test func readingANonPNGGivesLibpngsMessage() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "not a png".write(toFile: dir + "/bad.png", atomically: true, encoding: .utf8)
        #expect { try PNGImage.read(from: dir + "/bad.png") } throws: { error in
            "\(error)".contains("bad.png") && "\(error)".contains("libpng")
        }
    }

    @Test func chineseTextTravelsAsUTF8InITXt() throws {
        let png = try PNGImage(width: 2, height: 2, format: .gray).pngData(text: [("Title", "反向传播：计算图"), ("Comment", "dlexplain")])
        let chunks = PNGChunks.text(in: [UInt8](png))
        #expect(chunks.map(\.key) == ["Title", "Comment"])
        #expect(chunks.first?.value == "反向传播：计算图")
        #expect(String(decoding: png, as: UTF8.self).contains("iTXt"))
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try png.write(to: URL(fileURLWithPath: dir + "/zh.png"))
        #expect(try PNGImage.read(from: dir + "/zh.png", as: .gray).width == 2)  // libpng accepts the chunk
    }

    @Test func crcMatchesThePNGSpecification() {
        // CRC of the IEND chunk type is the well-known AE 42 60 82.
        #expect(PNGChunks.crc32(Array("IEND".utf8)) == 0xAE42_6082)
    }

    @Test func unwritableDirectoryIsNamed() throws {
        let image = PNGImage(width: 1, height: 1, format: .gray)
        #expect { try image.write(to: "/proc/dlexplain-no/x.png") } throws: { error in
            "\(error)".contains("/proc/dlexplain-no")
        }
    }

    /// libpng refusing a file comes back with libpng's own words and the path; nothing is written on failure.
    @Test func libpngFailureKeepsItsMessageAndWritesNothing() throws {
        let dir = NSTemporaryDirectory() + "dlx-png-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A PNG whose header is intact but whose image data is cut off half way.
        var image = PNGImage(width: 64, height: 64, format: .rgb)
        for i in image.pixels.indices { image.pixels[i] = UInt8(truncatingIfNeeded: i &* 2654435761 >> 7) }
        try image.write(to: dir + "/whole.png")
        let whole = try Data(contentsOf: URL(fileURLWithPath: dir + "/whole.png"))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: dir + "/half.png"))
        #expect { try PNGImage.read(from: dir + "/half.png", as: .rgb) } throws: { error in
            guard case let PNGError.libpng(path, message) = error else { return false }
            return path.hasSuffix("half.png") && !message.isEmpty && "\(error)".hasPrefix("libpng failed on ")
        }
        // Writing into a path whose parent is a file fails before any byte is written.
        _ = FileManager.default.createFile(atPath: dir + "/blocker", contents: Data())
        #expect(throws: OutputError.self) { try image.write(to: dir + "/blocker/x.png") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["blocker", "half.png", "whole.png"])
    }
}
