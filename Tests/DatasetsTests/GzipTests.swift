import Foundation
import Testing
@testable import Datasets

@Suite struct GzipTests {
    /// Gzips bytes with the system's `gzip`, so the reader is tested against a real producer.
    func gzipped(_ bytes: [UInt8]) throws -> Data {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dlx-gz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("x")
        try Data(bytes).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-9", file.path]
        try process.run()
        process.waitUntilExit()
        return try Data(contentsOf: dir.appendingPathComponent("x.gz"))
    }

    @Test func gunzipRestoresTheOriginal() throws {
        let original = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 7) }
        let packed = try gzipped(original)
        #expect(Gzip.isGzipped(packed))
        #expect(try Gzip.gunzip(packed) == Data(original))
    }

    @Test func corruptGzipIsNamed() throws {
        var packed = try gzipped(Array(repeating: 7, count: 5000))
        for i in 12..<min(packed.count - 8, 40) { packed[i] ^= 0x5a }
        #expect {
            try Gzip.gunzip(packed, name: "train-images.gz")
        } throws: { error in
            "\(error)".contains("train-images.gz")
        }
    }

    @Test func truncatedGzipIsReportedAsTruncated() throws {
        let packed = try gzipped((0..<50_000).map { UInt8(truncatingIfNeeded: $0 * 7) })
        let cut = packed.prefix(packed.count / 2)
        #expect(throws: GzipError.truncated(name: "half.gz")) { try Gzip.gunzip(Data(cut), name: "half.gz") }
    }
}
