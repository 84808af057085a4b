import Foundation
import Testing

/// docs/ARCHITECTURE.md §7, training: NaN/∞ stops training at the step it appears, names the op and the layer, and keeps the
/// last good checkpoint byte for byte.
@Suite(.enabled(if: CLI.hasFashionMNIST, "needs Fashion-MNIST (dataset-fashion-mnist)"))
struct TrainingFailureTests {
    @Test func hugeLearningRateStopsCleanlyAndKeepsTheLastGoodCheckpoint() throws {
        let dir = try CheckpointFixture.copy(named: "mlp.dlxckpt")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let good = try Data(contentsOf: URL(fileURLWithPath: dir + "/mlp.dlxckpt"))
        // Resume the one-epoch fixture for a second epoch with a learning rate that blows up.
        let result = try CLI.run(["train", "--arch", "mlp", "--limit", "200", "--seed", "5", "--threads", "1",
                                  "--epochs", "2", "--lr", "1e6", "--resume", "--checkpoint", "mlp.dlxckpt",
                                  "--out", "out"], in: dir)
        #expect(result.failedCleanly, "stderr was: \(result.stderr)")
        let message = result.stderr
        // Step 4 is the last of epoch 1 (200 images, batches of 64); the blow-up comes in epoch 2.
        let step = try #require(message.firstMatch(of: #/training stopped at step (\d+) \(epoch 2\)/#)).1
        #expect(Int(step)! >= 5)
        // The layer and the op: a Linear layer's output, the loss, or an update of a named parameter.
        #expect(message.contains(#/: (fc\d|loss|[a-z0-9]+\.(weight|bias)) \((Linear|nllLoss|sgd update|gradient)/#))
        #expect(message.contains("produced NaN or infinity (expected finite values; try a smaller learning rate)"))
        #expect(message.contains("the last good checkpoint is mlp.dlxckpt"))
        let kept = try Data(contentsOf: URL(fileURLWithPath: dir + "/mlp.dlxckpt"))
        #expect(kept == good, "the checkpoint of epoch 1 must be left exactly as it was")
        let evaluation = try CLI.run(["train", "--evaluate", "--model", "mlp.dlxckpt"], in: dir)
        #expect(evaluation.status == 0 && evaluation.stdout.contains("mlp, epoch 1"))
    }
}
