import Foundation
import Testing

/// docs/ARCHITECTURE.md §7, nothing lost: a training process killed at any moment (SIGKILL, so no cleanup runs) leaves the
/// previous checkpoint whole — it loads, its checksum holds — and `--resume` continues from it.
@Suite(.enabled(if: CLI.hasFashionMNIST, "needs Fashion-MNIST (dataset-fashion-mnist)"))
struct NothingLostTests {
    static let training = ["train", "--arch", "mlp", "--limit", "200", "--batch", "50", "--seed", "4", "--threads", "1",
                           "--checkpoint", "ck.dlxckpt", "--out", "out"]

    /// The epoch `train --evaluate` reads from the checkpoint, which must load cleanly.
    static func savedEpoch(in dir: String) throws -> Int {
        let result = try CLI.run(["train", "--evaluate", "--model", "ck.dlxckpt"], in: dir)
        #expect(result.status == 0, "the checkpoint left by the killed run does not load:\n\(result.stderr)")
        let epoch = try #require(result.stdout.firstMatch(of: #/checkpoint ck\.dlxckpt: mlp, epoch (\d+)/#)).1
        return Int(epoch)!
    }

    @Test func killedTrainingKeepsTheLastCheckpointAndResumes() throws {
        let dir = try CLI.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var generator = SystemRandomNumberGenerator()
        var lastEpoch = 0
        // Two runs, each killed at a random moment after a checkpoint exists, while later epochs write theirs.
        for round in 0..<2 {
            let process = try CLI.start(Self.training + ["--epochs", "500"] + (round > 0 ? ["--resume"] : []), in: dir)
            let before = (try? Data(contentsOf: URL(fileURLWithPath: dir + "/ck.dlxckpt")))?.hashValue
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline {
                let now = (try? Data(contentsOf: URL(fileURLWithPath: dir + "/ck.dlxckpt")))?.hashValue
                if now != nil && now != before { break }
                usleep(5_000)
            }
            usleep(UInt32.random(in: 50_000...600_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            let killed = try CLI.finish(process, in: dir)
            #expect(killed.signalled, "the training run ended before it was killed:\n\(killed.stderr)")
            let epoch = try Self.savedEpoch(in: dir)
            #expect(epoch > lastEpoch, "round \(round): the checkpoint should have advanced past epoch \(lastEpoch)")
            lastEpoch = epoch
        }
        let resumed = try CLI.run(Self.training + ["--epochs", "\(lastEpoch + 1)", "--resume"], in: dir)
        #expect(resumed.status == 0, "resume failed:\n\(resumed.stderr)")
        #expect(resumed.stdout.contains("resuming ck.dlxckpt after epoch \(lastEpoch)"))
        #expect(try Self.savedEpoch(in: dir) == lastEpoch + 1)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty, "temp files of killed writers should be swept: \(leftovers)")
    }
}
