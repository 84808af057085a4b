import Datasets
import Foundation
import NN
import Testing
import TensorGrad
@testable import Training

/// Records the engine's thread count seen inside the training loop.
private final class ThreadCountProbe: TrainingObserver {
    var seen: Set<Int> = []
    func trainer(_ trainer: Trainer, willUpdate model: Sequential, input: Tensor<Float>, epoch: Int) {
        seen.insert(ComputeContext.current.threads)
    }
    func trainer(_ trainer: Trainer, didUpdate model: Sequential, epoch: Int) {
        seen.insert(ComputeContext.current.threads)
    }
    func trainer(_ trainer: Trainer, didFinish record: EpochRecord) {}
}

@Suite struct TrainerThreadsTests {
    /// The trainer computes with `configuration.threads`, whatever its caller has bound, and building one changes
    /// nothing for anybody else (it used to set a process-wide count in `init`).
    @Test func trainerUsesItsOwnThreadCountAndLeavesTheCallersAlone() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dlx-threads-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try withThreads(3) {
            let trainer = try GradientHealthTests.trainer(directory)  // threads = 1
            #expect(ComputeContext.current.threads == 3)
            let probe = ThreadCountProbe()
            trainer.observers = [probe]
            _ = try trainer.trainEpoch()
            #expect(probe.seen == [1])
            #expect(ComputeContext.current.threads == 3)
        }
        #expect(ComputeContext.current.threads == 2)
    }
}
