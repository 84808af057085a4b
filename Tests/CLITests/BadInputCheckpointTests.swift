import Foundation
import Testing

/// docs/ARCHITECTURE.md §7, checkpoints: `dlexplain train --evaluate PATH` (and `--resume`) name a damaged or foreign
/// checkpoint and what was expected, and exit non-zero without a crash.
@Suite(.enabled(if: CLI.hasFashionMNIST, "needs Fashion-MNIST (dataset-fashion-mnist)"))
struct BadInputCheckpointTests {
    static func evaluationFails(_ dir: String) throws -> String {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        return try CLI.failure(["train", "--evaluate", "--model", "model.dlxckpt"], in: dir)
    }

    @Test func truncatedCheckpointSaysHowLongItShouldBe() throws {
        let full = try CheckpointFixture.bytes.get().count
        let error = try Self.evaluationFails(try CheckpointFixture.copy { $0 = $0.prefix($0.count / 2) })
        #expect(error.contains("model.dlxckpt is truncated"))
        #expect(error.contains("expected \(full) bytes") && error.contains("the file has \(full / 2)"))
    }

    @Test func wrongMagicIsNotACheckpoint() throws {
        let error = try Self.evaluationFails(try CheckpointFixture.copy { $0.replaceSubrange(0..<8, with: Data("PK\u{3}\u{4}abcd".utf8)) })
        #expect(error.contains("model.dlxckpt is not a dlexplain checkpoint"))
        #expect(error.contains("expected the magic bytes DLXCKPT") && error.contains("50 4B 03 04"))
    }

    @Test func newerVersionIsRefusedByName() throws {
        let error = try Self.evaluationFails(try CheckpointFixture.copy { CheckpointFixture.put(9, at: 8, in: &$0) })
        #expect(error.contains("model.dlxckpt was written by a newer dlexplain (version 9)"))
        #expect(error.contains("reads up to 1"))
    }

    @Test func architectureMismatchNamesBoth() throws {
        let dir = try CheckpointFixture.copy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let error = try CLI.failure(["train", "--arch", "seed", "--resume", "--checkpoint", "model.dlxckpt",
                                     "--limit", "100", "--out", "out"], in: dir)
        #expect(error.contains("model.dlxckpt") && error.contains("'mlp'") && error.contains("expected 'seed'"))
    }

    @Test func checksumMismatchSaysTheFileIsDamaged() throws {
        let error = try Self.evaluationFails(try CheckpointFixture.copy { data in
            let middle = data.count / 2
            data[middle] ^= 0x40
        })
        #expect(error.contains("model.dlxckpt is damaged: checksum mismatch"))
        #expect(error.contains("expected the bytes exactly as written"))
    }
}
