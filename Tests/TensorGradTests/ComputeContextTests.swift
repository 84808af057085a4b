import Foundation
import Synchronization
import Testing
import TensorGrad

/// The thread count is per task (issue 11, item 8). With the old process-wide `BLAS.threads` these tests fail:
/// each thread sets its count, waits until the other has set its own, then reads — a global would hold whichever
/// was written last, so one of the two would see the other's count and compute with the other's grouping.
@Suite struct ComputeContextTests {
    /// ∂L/∂W of a conv over 32 images, as bit patterns. Each chunk of images has its own partial sum and the
    /// partials are added in chunk order, so no sum is grouped by worker: 1 and 2 workers give the same bits.
    static func convWeightGradient() -> [UInt32] {
        func wave(_ shape: Shape, _ frequency: Double) -> Tensor<Float> {
            Tensor(shape: shape, scalars: (0..<shape.count).map { Float(sin(Double($0) * frequency)) })
        }
        // 32 images of 20×20: 11 chunks of 3 images, shared unevenly by 2 workers.
        let x = wave([32, 3, 20, 20], 0.37), w = wave([4, 3, 5, 5], 1.3)
        w.requiresGrad = true
        x.conv2d(weight: w).sum().backward()
        return w.grad!.scalars.map(\.bitPattern)
    }

    /// Runs `a` and `b` on two threads and returns both results. Each calls the `meet` it is given after binding
    /// its count; `meet` returns once both threads have called it, so both counts are set before either is read.
    static func together<R: Sendable>(_ a: @escaping @Sendable (_ meet: () -> Void) -> R,
                                      _ b: @escaping @Sendable (_ meet: () -> Void) -> R) async -> (R, R) {
        let aReady = DispatchSemaphore(value: 0), bReady = DispatchSemaphore(value: 0)
        async let ra = onThread { a { aReady.signal(); bReady.wait() } }
        async let rb = onThread { b { bReady.signal(); aReady.wait() } }
        return await (ra, rb)
    }

    @Test func defaultIsTwoThreadsOutsideAnyRegion() {
        #expect(ComputeContext.current.threads == 2 && !Parallel.isInsideRegion)
        #expect(withThreads(0) { ComputeContext.current.threads } == 1)
        #expect(withThreads(3) { withThreads(1) { Parallel.workers(64) } + Parallel.workers(64) } == 4)
    }

    @Test func workersSeeTheCallersCountInsideARegionAndTheGraphContext() {
        let seen = Mutex<[Int: (threads: Int, inside: Bool, grad: Bool)]>([:])
        withThreads(3) {
            withNoGrad {
                Parallel.forEachChunk(30, workers: Parallel.workers(30)) { _, worker in
                    let c = ComputeContext.current
                    seen.withLock { $0[worker] = (c.threads, c.insideParallelRegion, GraphContext.current.gradEnabled) }
                }
            }
        }
        let all = seen.withLock { $0 }
        #expect(all.count == 3)
        for (worker, s) in all { #expect(s.threads == 3 && s.inside && !s.grad, "worker \(worker)") }
        #expect(!Parallel.isInsideRegion)
    }

    @Test func twoTasksKeepTheirOwnThreadCounts() async {
        let (one, three) = await Self.together(
            { meet in withThreads(1) { meet(); return [ComputeContext.current.threads, Parallel.workers(64)] } },
            { meet in withThreads(3) { meet(); return [ComputeContext.current.threads, Parallel.workers(64)] } })
        #expect(one == [1, 1] && three == [3, 3])
    }

    @Test func convolutionGradientsHaveTheSameBitsForAnyThreadCountAlsoWhileAnotherTaskRuns() async {
        let reference1 = withThreads(1) { Self.convWeightGradient() }
        let reference2 = withThreads(2) { Self.convWeightGradient() }
        #expect(reference1 == reference2)
        let (a, b) = await Self.together(
            { meet in withThreads(1) { meet(); return (0..<5).map { _ in Self.convWeightGradient() } } },
            { meet in withThreads(2) { meet(); return (0..<5).map { _ in Self.convWeightGradient() } } })
        #expect(a.allSatisfy { $0 == reference1 })
        #expect(b.allSatisfy { $0 == reference2 })
    }
}

/// Runs `body` on a new thread (not the cooperative pool, so the rendezvous cannot starve it) and awaits the result.
private func onThread<R: Sendable>(_ body: @escaping @Sendable () -> R) async -> R {
    await withCheckedContinuation { continuation in
        Thread.detachNewThread { continuation.resume(returning: body()) }
    }
}
