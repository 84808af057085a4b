import Foundation
import Testing

/// docs/ARCHITECTURE.md §7, data: every broken data directory or IDX file is named with what was expected, and
/// `dlexplain train --data DIR` exits non-zero without a crash.
@Suite struct BadInputDataTests {
    /// An IDX file: magic (0, 0, type, rank), big-endian dimensions, body.
    static func idx(type: UInt8 = 0x08, dims: [Int], body: [UInt8]? = nil) -> Data {
        var bytes: [UInt8] = [0, 0, type, UInt8(dims.count)]
        for d in dims { bytes += withUnsafeBytes(of: UInt32(d).bigEndian, Array.init) }
        bytes += body ?? [UInt8](repeating: 7, count: dims.reduce(1, *))
        return Data(bytes)
    }

    /// A directory with the four standard files (6 training, 4 test images of 28×28), after `change` edits them.
    static func dataDirectory(_ change: (inout [String: Data]) -> Void = { _ in }) throws -> String {
        var files = [
            "train-images-idx3-ubyte": idx(dims: [6, 28, 28]), "train-labels-idx1-ubyte": idx(dims: [6], body: [0, 1, 2, 3, 4, 5]),
            "t10k-images-idx3-ubyte": idx(dims: [4, 28, 28]), "t10k-labels-idx1-ubyte": idx(dims: [4], body: [0, 1, 2, 3]),
        ]
        change(&files)
        let dir = try CLI.directory()
        try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
        for (name, data) in files { try data.write(to: URL(fileURLWithPath: dir + "/data/" + name)) }
        return dir
    }

    /// Runs a one-epoch MLP training on `dir/data`, which must fail cleanly; returns standard error.
    static func trainingFails(in dir: String) throws -> String {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        return try CLI.failure(["train", "--arch", "mlp", "--data", "data", "--out", "out"], in: dir)
    }

    @Test func missingDirectoryIsNamedWithTheFilesExpected() throws {
        let error = try CLI.failure(["train", "--arch", "mlp", "--data", "/no/such/mnist"])
        #expect(error.contains("/no/such/mnist"))
        #expect(error.contains("expected a directory") && error.contains("train-images-idx3-ubyte"))
    }

    @Test func unreadableFileSaysWhy() throws {
        // A directory in the file's place: unreadable even for root (chmod 000 is not).
        let dir = try Self.dataDirectory { $0["train-labels-idx1-ubyte"] = nil }
        try FileManager.default.createDirectory(atPath: dir + "/data/train-labels-idx1-ubyte",
                                                withIntermediateDirectories: false)
        let error = try Self.trainingFails(in: dir)
        #expect(error.contains("data/train-labels-idx1-ubyte") && error.contains("it is a directory"))
        #expect(error.contains("expected a readable IDX file"))
    }

    @Test func wrongMagicIsNamedWithTheExpectedOne() throws {
        let dir = try Self.dataDirectory { $0["train-images-idx3-ubyte"] = Data("GIF89a-not-an-idx-file".utf8) }
        let error = try Self.trainingFails(in: dir)
        #expect(error.contains("train-images-idx3-ubyte") && error.contains("wrong magic number"))
        #expect(error.contains("expected"))
    }

    @Test func wrongNumberOfDimensionsIsNamed() throws {
        let dir = try Self.dataDirectory { $0["train-images-idx3-ubyte"] = Self.idx(dims: [6, 784]) }
        let error = try Self.trainingFails(in: dir)
        #expect(error.contains("train-images-idx3-ubyte") && error.contains("says 2 dimensions, expected 3"))
    }

    @Test func truncatedBodySaysWhatTheHeaderPromised() throws {
        let dir = try Self.dataDirectory { $0["train-images-idx3-ubyte"] = Self.idx(dims: [6, 28, 28]).prefix(1000) }
        let error = try Self.trainingFails(in: dir)
        #expect(error.contains("train-images-idx3-ubyte truncated") && error.contains("header promises"))
        #expect(error.contains("file has 1000 bytes"))
    }

    @Test func imagesAndLabelsOfDifferentCountsAreNamed() throws {
        let dir = try Self.dataDirectory { $0["train-labels-idx1-ubyte"] = Self.idx(dims: [5], body: [0, 1, 2, 3, 4]) }
        let error = try Self.trainingFails(in: dir)
        #expect(error.contains("images (6") && error.contains("labels (5") && error.contains("differ in count"))
    }

    @Test func corruptGzipNamesTheFile() throws {
        var broken = Data([0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03])
        broken += Data(repeating: 0xFF, count: 64)
        let dir = try Self.dataDirectory {
            $0["train-images-idx3-ubyte"] = nil
            $0["train-images-idx3-ubyte.gz"] = broken
        }
        let error = try Self.trainingFails(in: dir)
        #expect(error.contains("train-images-idx3-ubyte.gz"))
        #expect(error.lowercased().contains("gzip"))
    }
}
