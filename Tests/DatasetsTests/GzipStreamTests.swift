import Foundation
import Testing
@testable import Datasets

/// Issue 12: gzip is inflated as a stream, the IDX header is checked from the first bytes out, and inflation
/// stops once more than the header promises has come out.
@Suite struct GzipStreamTests {
    let gzip = GzipTests()

    @Test func inflationStopsSoonAfterTheLimitTheFirstBytesSet() throws {
        let packed = try gzip.gzipped([UInt8](repeating: 0, count: 40 << 20))
        var calls = 0
        #expect(throws: GzipError.self) {
            _ = try Gzip.gunzip(packed, name: "bomb") { prefix in calls += 1; return prefix.count >= 16 ? 1000 : nil }
        }
        #expect(calls == 1)
        do {
            _ = try Gzip.gunzip(packed, name: "bomb") { _ in 1000 }
        } catch let GzipError.exceedsLimit(name, limit, produced) {
            #expect(name == "bomb" && limit == 1000)
            // One 1 MiB chunk out, not 40 MiB.
            #expect(produced <= 1 << 20)
        }
    }

    @Test func aLimitThatIsMetExactlyInflatesEverything() throws {
        let original = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 * 31) }
        let packed = try gzip.gzipped(original)
        #expect(try Gzip.gunzip(packed, name: "x") { _ in original.count } == Data(original))
    }

    @Test func aGzippedIDXWithMoreThanItsHeaderPromisesIsRefusedNamingThePromise() throws {
        let bytes = IDXFixtures.header(shape: [2, 28, 28]) + [UInt8](repeating: 1, count: 2 * 784 + (3 << 20))
        let packed = try gzip.gzipped(bytes)
        #expect(throws: DataError.self) { try IDX.parse(bytes: packed, name: "bomb.gz", expecting: .images) }
        do { _ = try IDX.parse(bytes: packed, name: "bomb.gz", expecting: .images) } catch {
            #expect("\(error)".contains("bomb.gz: header promises 2 images of 28×28 = 1568 bytes"))
            #expect("\(error)".contains("inflates to more"))
        }
    }

    @Test func aWrongMagicIsRefusedFromTheFirstChunk() throws {
        let packed = try gzip.gzipped([0x47, 0x49, 0x46, 0x38] + [UInt8](repeating: 0, count: 30 << 20))
        #expect(throws: DataError.wrongMagic(name: "x.gz", found: 0x4749_4638,
                                             expected: "0x00000803 for images of unsigned bytes")) {
            try IDX.parse(bytes: packed, name: "x.gz", expecting: .images)
        }
    }

    @Test func anHonestGzippedIDXStillParses() throws {
        let bytes = IDXFixtures.images(count: 5)
        let packed = try gzip.gzipped(bytes)
        let parsed = try IDX.parse(bytes: packed, name: "ok.gz", expecting: .images)
        #expect(parsed.shape == [5, 4, 3])
    }
}

/// A header that declares more than `IDX.maximumBodyBytes`, or a plain file far longer than its header says, is
/// refused from the header and the file's size, before the body is read.
@Suite struct IDXSizeLimitTests {
    @Test func aHeaderPromisingMoreThanTheLimitIsRefusedFromTheHeader() throws {
        let bytes = IDXFixtures.header(shape: [2_000_000, 28, 28]) + [1, 2, 3]
        do { _ = try IDX.parse(bytes: Data(bytes), name: "huge", expecting: .images); Issue.record("parsed") } catch {
            #expect("\(error)".contains("huge: header promises 2000000 images of 28×28"))
            #expect("\(error)".contains("more than the 1073741824 bytes"))
        }
    }

    @Test func aPlainFileLongerThanItsHeaderIsRefusedFromItsSize() throws {
        let dir = try IDXFixtures.directory("long")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/x"
        try Data(IDXFixtures.header(shape: [1, 2, 2]) + [UInt8](repeating: 0, count: 4 + 100_000)).write(to: URL(fileURLWithPath: path))
        #expect(throws: DataError.trailingBytes(name: path, promise: "1 images of 2×2 = 4 bytes after the 16-byte header (20 in all)",
                                                fileBytes: 100_020)) {
            try IDX.read(path: path, expecting: .images)
        }
    }
}
