import Foundation
@testable import Datasets

/// Small IDX files built byte by byte, written to throw-away directories, gzipped by the system's gzip.
enum IDXFixtures {
    /// An IDX header: magic `00 00 type rank` then big-endian sizes.
    static func header(type: UInt8 = 0x08, shape: [Int]) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, type, UInt8(shape.count)]
        for size in shape { bytes += bigEndian(UInt32(truncatingIfNeeded: size)) }
        return bytes
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    /// `count` images of rows×cols whose pixel k of image i is `(i * 7 + k) % 256`.
    static func images(count: Int, rows: Int = 4, cols: Int = 3) -> [UInt8] {
        header(shape: [count, rows, cols]) + (0..<(count * rows * cols)).map { i in
            UInt8(truncatingIfNeeded: (i / (rows * cols)) * 7 + i % (rows * cols))
        }
    }

    /// Labels `i % classes` for i in 0..<count.
    static func labels(count: Int, classes: Int = 10) -> [UInt8] {
        header(shape: [count]) + (0..<count).map { UInt8($0 % classes) }
    }

    /// A fresh empty directory whose name contains `tag`; remove it with `remove`.
    static func directory(_ tag: String = "mnist") throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dlx-\(tag)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func remove(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `bytes` to `directory/name`; with `gzip`, compresses it with /bin/gzip to `name.gz`.
    @discardableResult
    static func write(_ bytes: [UInt8], to directory: String, name: String, gzip: Bool = false) throws -> String {
        let path = (directory as NSString).appendingPathComponent(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        guard gzip else { return path }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-9", "-f", path]
        try process.run()
        process.waitUntilExit()
        return path + ".gz"
    }

    /// A directory with the four standard files: `train` training and `test` test examples.
    static func dataset(train: Int = 50, test: Int = 20, gzipTrain: Bool = true, tag: String = "mnist") throws -> String {
        let dir = try directory(tag)
        try write(images(count: train), to: dir, name: "train-images-idx3-ubyte", gzip: gzipTrain)
        try write(labels(count: train), to: dir, name: "train-labels-idx1-ubyte", gzip: gzipTrain)
        try write(images(count: test), to: dir, name: "t10k-images-idx3-ubyte")
        try write(labels(count: test), to: dir, name: "t10k-labels-idx1-ubyte")
        return dir
    }
}
