import Foundation
import Testing
@testable import Datasets

@Suite struct IDXTests {
    func parse(_ bytes: [UInt8], _ content: IDXContent = .any, name: String = "test.idx") throws -> IDXArray {
        try IDX.parse(bytes: Data(bytes), name: name, expecting: content)
    }

    /// The error `body` throws, as text (empty when nothing is thrown).
    func message(_ body: () throws -> Any) -> String {
        do { _ = try body(); return "" } catch { return "\(error)" }
    }

    @Test func parsesImagesAndLabels() throws {
        let images = try parse(IDXFixtures.images(count: 2), .images)
        #expect(images.elementType == .uint8 && images.shape == [2, 4, 3])
        #expect(images.body.count == 24 && images.body[12] == 7 && images.body[13] == 8)
        let labels = try parse(IDXFixtures.labels(count: 12), .labels)
        #expect(labels.shape == [12] && labels.body[11] == 1)
    }

    @Test func gzippedFileParsesLikeThePlainOne() throws {
        let dir = try IDXFixtures.directory()
        defer { IDXFixtures.remove(dir) }
        let bytes = IDXFixtures.images(count: 5)
        let plain = try IDXFixtures.write(bytes, to: dir, name: "plain")
        let packed = try IDXFixtures.write(bytes, to: dir, name: "packed", gzip: true)
        #expect(packed.hasSuffix(".gz"))
        #expect(try IDX.read(path: packed, expecting: .images) == IDX.read(path: plain, expecting: .images))
    }

    @Test func otherElementTypesParseWithTheirSizes() throws {
        let floats = try parse(IDXFixtures.header(type: 0x0D, shape: [2, 3]) + [UInt8](repeating: 1, count: 24))
        #expect(floats.elementType == .float32 && floats.shape == [2, 3] && floats.body.count == 24)
        let doubles = try parse(IDXFixtures.header(type: 0x0E, shape: [2]) + [UInt8](repeating: 0, count: 16))
        #expect(doubles.elementType.byteCount == 8 && doubles.elementCount == 2)
    }

    @Test func wrongMagicIsNamedWithTheExpectedOne() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        let text = message { try parse(png, .images, name: "train-images-idx3-ubyte") }
        #expect(text == "train-images-idx3-ubyte: wrong magic number 0x89504e47 "
            + "(expected 0x00000803 for images of unsigned bytes)")
        let floats = message { try parse(IDXFixtures.header(type: 0x0D, shape: [1]) + [0, 0, 0, 0], .labels) }
        #expect(floats.contains("0x00000d01") && floats.contains("expected 0x00000801 for labels") && floats.contains("32-bit floats"))
    }

    @Test func wrongNumberOfDimensionsIsNamed() {
        let text = message { try parse(IDXFixtures.labels(count: 3), .images, name: "t10k-images-idx3-ubyte") }
        #expect(text == "t10k-images-idx3-ubyte: magic number 0x00000801 says 1 dimension, "
            + "expected 3 for images (count × rows × cols)")
    }

    @Test func truncatedBodySaysWhatTheHeaderPromised() {
        let bytes = Array(IDXFixtures.images(count: 3, rows: 28, cols: 28).dropLast(100))
        #expect(throws: DataError.self) { try parse(bytes, .images) }
        let text = message { try parse(bytes, .images, name: "train-images-idx3-ubyte.gz") }
        #expect(text == "train-images-idx3-ubyte.gz truncated: header promises 3 images of 28×28 = 2352 bytes "
            + "after the 16-byte header (2368 in all), file has 2268 bytes")
    }

    @Test func truncatedHeaderAndTinyFilesAreNamed() {
        #expect(message { try parse([0, 0]) }.contains("only 2 bytes, expected at least 4"))
        #expect(message { try parse([0, 0, 8, 3, 0, 0, 0, 1]) }.contains("only 8 bytes, expected at least 16"))
    }

    @Test func extraBytesAtTheEndAreRejected() {
        let text = message { try parse(IDXFixtures.labels(count: 4) + [9, 9], .labels, name: "l.idx") }
        #expect(text.contains("l.idx") && text.contains("4 labels = 4 bytes") && text.contains("file has 14 bytes"))
    }

    @Test func hugeDimensionsNeitherTrapNorAllocate() {
        let header = IDXFixtures.header(shape: [0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF])
        let text = message { try parse(header + [1, 2, 3], .images) }
        #expect(text.contains("truncated") && text.contains("more bytes than any file can hold"))
        let doubles = IDXFixtures.header(type: 0x0E, shape: [0x7FFF_FFFF, 0x7FFF_FFFF, 0x7FFF_FFFF, 0x7FFF_FFFF])
        #expect(message { try parse(doubles) }.contains("more bytes than any file can hold"))
    }

    @Test func corruptGzipNamesTheFile() throws {
        let dir = try IDXFixtures.directory()
        defer { IDXFixtures.remove(dir) }
        let path = try IDXFixtures.write(IDXFixtures.images(count: 40), to: dir, name: "train-images-idx3-ubyte", gzip: true)
        var packed = try Data(contentsOf: URL(fileURLWithPath: path))
        for i in 12..<min(packed.count - 8, 40) { packed[i] ^= 0x5A }
        try packed.write(to: URL(fileURLWithPath: path))
        let text = message { try IDX.read(path: path, expecting: .images) }
        #expect(text.contains(path) && text.contains("gzip"))
    }

    @Test func halfDownloadedGzipIsReportedAsTruncated() throws {
        let dir = try IDXFixtures.directory()
        defer { IDXFixtures.remove(dir) }
        let path = try IDXFixtures.write(IDXFixtures.images(count: 400), to: dir, name: "x", gzip: true)
        let packed = try Data(contentsOf: URL(fileURLWithPath: path))
        try packed.prefix(packed.count / 2).write(to: URL(fileURLWithPath: path))
        #expect(throws: GzipError.truncated(name: path)) { try IDX.read(path: path) }
    }

    /// Tests run as root, where chmod 000 does not stop a read; a directory in the file's place is the unreadable
    /// case every user can hit (and a missing file is the other).
    @Test func unreadableFileSaysWhy() throws {
        let dir = try IDXFixtures.directory()
        defer { IDXFixtures.remove(dir) }
        let inPlace = (dir as NSString).appendingPathComponent("train-images-idx3-ubyte")
        try FileManager.default.createDirectory(atPath: inPlace, withIntermediateDirectories: false)
        #expect(throws: DataError.unreadable(path: inPlace, reason: "it is a directory")) { try IDX.read(path: inPlace) }
        #expect(message { try IDX.read(path: inPlace) } == "cannot read \(inPlace): it is a directory (expected a readable IDX file)")
        let missing = dir + "/nothing-here"
        #expect(message { try IDX.read(path: missing) }.contains("No such file or directory"))
        if getuid() != 0 {
            let locked = try IDXFixtures.write(IDXFixtures.labels(count: 2), to: dir, name: "locked")
            chmod(locked, 0)
            #expect(message { try IDX.read(path: locked) }.contains("Permission denied"))
        }
    }
}

/// Inputs the fuzzer (Tests/Fuzz/FuzzIDX.swift) found, kept so they stay fixed.
@Suite struct IDXFuzzRegressionTests {
    /// 4294967295 images of 0×16: a legal, empty body with a huge count. The harness allocated labels for that
    /// count (out of memory); the data set decoder must refuse the zero-sized images before allocating anything.
    @Test func hugeCountOfEmptyImagesIsRefusedWithoutAllocating() throws {
        let bytes: [UInt8] = [0, 0, 8, 3, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0x10]
        let images = try IDX.parse(bytes: Data(bytes), name: "fuzz", expecting: .images)
        #expect(images.shape == [4_294_967_295, 0, 16] && images.body.isEmpty)
        let labels = try IDX.parse(bytes: Data(IDXFixtures.labels(count: 0)), name: "l", expecting: .labels)
        #expect(throws: DataError.invalidShape(name: "fuzz", shape: [4_294_967_295, 0, 16], expected: "images at least 1×1")) {
            try ImageDataset.decode(images: images, named: "fuzz", labels: labels, named: "l",
                                    classNames: DatasetKind.mnist.classNames, normalization: .unitInterval)
        }
    }
}
