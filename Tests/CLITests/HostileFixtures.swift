import Foundation
import Testing

/// Shared pieces of the hostile-input tests (issue 12, part A): small data directories, a snapshot of a
/// directory's files to prove nothing changed, gzip through the system's `gzip`, CRC-32 for crafted checkpoints.
enum Hostile {
    /// An IDX file (magic 0 0 08 rank, big-endian dimensions, body of `fill` or the given bytes).
    static func idx(dims: [Int], body: [UInt8]? = nil, fill: UInt8 = 7) -> Data {
        BadInputDataTests.idx(dims: dims, body: body ?? [UInt8](repeating: fill, count: dims.reduce(1, *)))
    }

    /// Labels 0, 1, …, 9, 0, 1, … for `count` images.
    static func labels(_ count: Int) -> Data { idx(dims: [count], body: (0..<count).map { UInt8($0 % 10) }) }

    /// A directory holding `data/` with the four standard files: `train` and `test` images of `size`
    /// (rows, cols), each with its labels; `change` may edit the files first.
    static func dataDirectory(train: Int = 24, test: Int = 8, trainSize: (Int, Int) = (28, 28),
                              testSize: (Int, Int) = (28, 28), _ change: (inout [String: Data]) -> Void = { _ in })
        throws -> String
    {
        var files = [
            "train-images-idx3-ubyte": idx(dims: [train, trainSize.0, trainSize.1]),
            "train-labels-idx1-ubyte": labels(train),
            "t10k-images-idx3-ubyte": idx(dims: [test, testSize.0, testSize.1]),
            "t10k-labels-idx1-ubyte": labels(test),
        ]
        change(&files)
        let dir = try CLI.directory()
        try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
        for (name, data) in files { try data.write(to: URL(fileURLWithPath: dir + "/data/" + name)) }
        return dir
    }

    /// Every file under `directory` (the runner's .stdout/.stderr and lock files left out) with its size and
    /// bytes' hash, so "files before == files after" is one comparison.
    static func snapshot(_ directory: String) -> [String: String] {
        var result: [String: String] = [:]
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return result }
        for case let path as String in walker {
            let name = (path as NSString).lastPathComponent
            if [".stdout", ".stderr", ".dlexplain.lock"].contains(name) { continue }
            let full = directory + "/" + path
            var info = stat()
            guard lstat(full, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFREG {
                let data = (try? Data(contentsOf: URL(fileURLWithPath: full))) ?? Data()
                result[path] = "\(data.count):\(crc32(data))"
            } else {
                result[path] = "mode \(info.st_mode & S_IFMT)"
            }
        }
        return result
    }

    /// `data` compressed by the system's `gzip -c` (so the test does not trust the reader it tests).
    static func gzip(_ data: Data) throws -> Data {
        let dir = try CLI.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try data.write(to: URL(fileURLWithPath: dir + "/plain"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -c -9 plain > plain.gz"]
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        try process.run()
        process.waitUntilExit()
        return try Data(contentsOf: URL(fileURLWithPath: dir + "/plain.gz"))
    }

    /// CRC-32 (IEEE 802.3, as zlib and the checkpoint format use) of `bytes`.
    static func crc32(_ bytes: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// Re-seals a checkpoint after its body was edited: a new CRC-32 over every byte before the last four.
    static func reseal(_ data: inout Data) {
        let crc = crc32(data.prefix(data.count - 4))
        CheckpointFixture.put(crc, at: data.count - 4, in: &data)
    }

    /// A training run that takes a while (Fashion-MNIST, several epochs), started in `directory`.
    static func longTraining(in directory: String, out: String = "out", epochs: Int = 4) throws -> Process {
        try CLI.start(["train", "--arch", "mlp", "--limit", "2000", "--epochs", "\(epochs)", "--threads", "1",
                       "--out", out], in: directory)
    }

    /// Waits until the file `name` in `directory` contains `text` (or `timeout` seconds pass).
    static func wait(for text: String, in name: String, of directory: String, timeout: Double = 120) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let content = try? String(contentsOfFile: directory + "/" + name, encoding: .utf8), content.contains(text) {
                return true
            }
            usleep(50_000)
        }
        return false
    }
}
