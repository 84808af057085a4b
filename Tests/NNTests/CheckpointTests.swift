import Foundation
import Testing
@testable import NN

@Suite struct CheckpointTests {
    /// A checkpoint with one of everything, including awkward floats (NaN payload, −0, subnormal, ∞).
    static func sample(architecture: String = "seed") -> Checkpoint {
        Checkpoint(
            architecture: architecture,
            architectureDescription: #"{"arch":"seed","layers":["conv 1→10 k5","maxpool 2","relu"]}"#,
            epoch: 3, step: 2_579,
            tensors: [
                NamedArray(name: "conv1.weight", shape: [10, 1, 5, 5], values: (0..<250).map { Float($0) * 0.01 - 1 }),
                NamedArray(name: "conv1.bias", shape: [10], values: [Float(bitPattern: 0x7FC0_1234), -0.0,
                                                                    .leastNonzeroMagnitude, .infinity, 1, 2, 3, 4, 5, 6]),
                NamedArray(name: "scalar", shape: [], values: [42]),
            ],
            optimizerState: [NamedArray(name: "conv1.weight.momentum", shape: [10, 1, 5, 5], values: [Float](repeating: 0.5, count: 250))],
            scalars: ["lr": 0.01, "momentum": 0.5, "adam.step": 2579],
            rngState: [1, 2, 0xFFFF_FFFF_FFFF_FFFF, 4],
            metadata: ["command": "dlexplain train --arch seed", "data": "fashion-mnist", "名前": "チェック"])
    }

    func temporaryPath(_ name: String = "model.dlxckpt") -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("dlx-ckpt-\(UUID().uuidString)/\(name)").path
    }

    func message(_ body: () throws -> Any) -> String {
        do { _ = try body(); return "" } catch { return "\(error)" }
    }

    func bits(_ values: [Float]) -> [UInt32] { values.map(\.bitPattern) }

    @Test func roundTripIsBitIdentical() throws {
        let original = CheckpointTests.sample()
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        try original.write(to: path)
        let loaded = try Checkpoint.read(from: path, expectArchitecture: "seed")
        #expect(loaded.architecture == "seed" && loaded.architectureDescription == original.architectureDescription)
        #expect(loaded.epoch == 3 && loaded.step == 2_579)
        #expect(loaded.tensors.map(\.name) == original.tensors.map(\.name))
        #expect(loaded.tensors.map(\.shape) == [[10, 1, 5, 5], [10], []])
        for (a, b) in zip(loaded.tensors + loaded.optimizerState, original.tensors + original.optimizerState) {
            #expect(bits(a.values) == bits(b.values))
        }
        #expect(loaded.scalars == original.scalars && loaded.rngState == original.rngState)
        #expect(loaded.metadata == original.metadata)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == original.encoded())
        #expect(loaded.encoded() == original.encoded())
    }

    @Test func layoutMatchesTheDocumentedHeader() {
        let bytes = [UInt8](CheckpointTests.sample().encoded())
        #expect(Array(bytes[0..<8]) == Array("DLXCKPT\0".utf8))
        #expect(Array(bytes[8..<16]) == [1, 0, 0, 0, 0, 0, 0, 0])
        let length = bytes[16..<24].reversed().reduce(0) { $0 << 8 | Int($1) }
        #expect(length == bytes.count)
        #expect(Array(bytes[24..<32]) == [4, 0, 0, 0] + Array("seed".utf8))
        let stored = bytes[(bytes.count - 4)...].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        #expect(stored == CRC32.checksum(Array(bytes.dropLast(4))))
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)  // the standard CRC-32 check value
    }

    @Test func equalCheckpointsAreEqualBytes() {
        var a = CheckpointTests.sample(), b = CheckpointTests.sample()
        a.metadata = ["z": "1", "a": "2", "m": "3"]
        b.metadata = ["m": "3", "z": "1", "a": "2"]
        #expect(a.encoded() == b.encoded())
    }

    @Test func truncatedFileNamesExpectedAndActualLength() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        try CheckpointTests.sample().write(to: path)
        let full = try Data(contentsOf: URL(fileURLWithPath: path))
        try full.prefix(full.count - 100).write(to: URL(fileURLWithPath: path))
        #expect(message { try Checkpoint.read(from: path) }
            == "\(path) is truncated: expected \(full.count) bytes (as its header says), the file has \(full.count - 100) "
            + "(interrupted copy or save?)")
        try full.prefix(12).write(to: URL(fileURLWithPath: path))
        #expect(throws: CheckpointError.truncated(name: path, expected: 28, actual: 12, headerOnly: true)) {
            try Checkpoint.read(from: path)
        }
        try full.prefix(5).write(to: URL(fileURLWithPath: path))
        #expect(message { try Checkpoint.read(from: path) }.contains("truncated"))
    }

    @Test func flippedByteIsACheckpointMismatch() {
        var bytes = CheckpointTests.sample().encoded()
        bytes[200] ^= 0x01
        let text = message { try Checkpoint.decode(bytes, name: "model.dlxckpt") }
        #expect(text.hasPrefix("model.dlxckpt is damaged: checksum mismatch (stored 0x"))
    }

    @Test func wrongMagicIsNotACheckpoint() {
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 0, count: 40))
        #expect(message { try Checkpoint.decode(png, name: "picture.png") }
            == #"picture.png is not a dlexplain checkpoint (expected the magic bytes DLXCKPT\0 at the start, found 89 50 4E 47 0D 0A 1A 0A)"#)
        #expect(message { try Checkpoint.decode(Data(), name: "empty") }.contains("found an empty file"))
    }

    @Test func newerVersionIsRefusedByName() {
        var bytes = CheckpointTests.sample().encoded()
        bytes[8] = 99
        #expect(throws: CheckpointError.newerVersion(name: "future.dlxckpt", found: 99, supported: 1)) {
            try Checkpoint.decode(bytes, name: "future.dlxckpt")
        }
        bytes[8] = 3
        #expect(message { try Checkpoint.decode(bytes, name: "c") }
            == "c was written by a newer dlexplain (version 3); this one reads up to 1")
    }

    @Test func wrongArchitectureIsNamed() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        try CheckpointTests.sample(architecture: "wide").write(to: path)
        #expect(message { try Checkpoint.read(from: path, expectArchitecture: "seed") }
            == "\(path): checkpoint is for architecture 'wide', expected 'seed'")
        #expect(try Checkpoint.read(from: path, expectArchitecture: "wide").architecture == "wide")
    }

    @Test func tensorShapesAreCheckedByName() throws {
        let checkpoint = CheckpointTests.sample()
        #expect(try checkpoint.values(of: "conv1.bias", shape: [10]).count == 10)
        #expect(message { try checkpoint.values(of: "conv1.weight", shape: [20, 1, 5, 5], source: "m.ckpt") }
            == "m.ckpt: tensor 'conv1.weight' has shape [10, 1, 5, 5], expected [20, 1, 5, 5]")
        #expect(message { try checkpoint.validate(shapes: [("conv1.bias", [10]), ("fc1.weight", [50, 320])]) }
            == "checkpoint has no tensor 'fc1.weight' (it has: conv1.weight, conv1.bias, scalar)")
    }

    @Test func writeReplacesAtomicallyAndLeavesNoTempFiles() throws {
        let path = temporaryPath()
        let dir = (path as NSString).deletingLastPathComponent
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try CheckpointTests.sample().write(to: path)
        var second = CheckpointTests.sample()
        second.epoch = 4
        try second.write(to: path)
        #expect(try Checkpoint.read(from: path).epoch == 4)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["model.dlxckpt"])
        // A directory where the file should go: the write fails, names the path, and leaves nothing behind.
        let blocked = dir + "/blocked.dlxckpt"
        try FileManager.default.createDirectory(atPath: blocked + "/inside", withIntermediateDirectories: true)
        #expect(message { try second.write(to: blocked) }.hasPrefix("cannot write checkpoint \(blocked): rename"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["blocked.dlxckpt", "model.dlxckpt"])
        #expect(message { try Checkpoint.read(from: blocked) }.contains("it is a directory"))
    }
}
