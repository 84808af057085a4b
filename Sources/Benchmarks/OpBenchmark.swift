import Groundwork
import Foundation
import TensorGrad

/// Timing of the engine's heavy ops in Float, for `dlexplain bench ops` (docs/ARCHITECTURE.md): each figure is a
/// best-of-n wall time turned into GFLOPS and set against the raw sgemm rate measured in the same run,
/// so the ratio survives a noisy shared machine.
public enum OpBenchmark {
    /// One timed operation.
    public struct Row: Sendable {
        /// What was timed (`"conv2d 1→10 k5 28×28 fwd+bwd"`).
        public var name: String
        /// Floating-point operations per run.
        public var flops: Double
        /// Best wall time of one run, in seconds.
        public var seconds: Double
        /// flops / seconds / 1e9.
        public var gflops: Double { flops / seconds / 1e9 }
    }

    /// Every row and the sgemm reference.
    public struct Report: Sendable {
        /// Engine workers, convolution batch size and timed runs per op of this run.
        public var threads: Int, batch: Int, repeats: Int
        /// sgemm 1024³ straight through BLAS (no tensor machinery): the peak reference.
        public var sgemmPeak: Row
        /// The timed ops.
        public var rows: [Row]
        /// `row.gflops` as a fraction of the sgemm peak.
        public func ratio(_ row: Row) -> Double { row.gflops / sgemmPeak.gflops }

        /// The report as printed by `dlexplain bench ops`: a header, then one aligned row per op.
        public var lines: [String] {
            func pad(_ s: String, _ width: Int) -> String {
                s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
            }
            func line(_ row: Row, _ share: String) -> String {
                pad(row.name, 42) + pad(String(format: "%.3f", row.seconds * 1e3), 10)
                    + pad(String(format: "%.1f", row.gflops), 10) + share
            }
            return ["threads \(threads), batch \(batch), best of \(repeats)",
                    pad("op", 42) + pad("ms", 10) + pad("GFLOPS", 10) + "of sgemm peak",
                    line(sgemmPeak, "100 %")]
                + rows.map { line($0, String(format: "%.0f %%", ratio($0) * 100)) }
        }
    }

    /// Best wall time of `body` over `repeats` runs after one warm-up run.
    public static func bestTime(repeats: Int, _ body: () -> Void) -> Double {
        body()
        var best = Double.infinity
        let clock = ContinuousClock()
        for _ in 0..<Swift.max(repeats, 1) {
            let elapsed = clock.measure(body)
            let seconds = elapsed.inSeconds
            best = Swift.min(best, seconds)
        }
        return best
    }

    /// Times sgemm, matmul 256³ and 1024³, and conv2d forward and forward+backward at the seed and wide CNNs'
    /// layer shapes through both convolution paths, with the engine using `threads` workers.
    public static func run(threads: Int = 2, repeats: Int = 10, batch: Int = 64) -> Report {
        withThreads(threads) { timeOps(repeats: repeats, batch: batch) }
    }

    private static func timeOps(repeats: Int, batch: Int) -> Report {
        var rng = SystemRandomNumberGenerator()
        func random(_ shape: Shape, grad: Bool = false) -> Tensor<Float> {
            let t = Tensor<Float>.randomNormal(shape, std: 0.1, using: &rng)
            t.requiresGrad = grad
            return t
        }
        let a = random([1024, 1024]), b = random([1024, 1024]), c = Tensor<Float>.zeros([1024, 1024])
        let peakTime = bestTime(repeats: repeats) {
            BLAS.gemm(false, false, m: 1024, n: 1024, k: 1024, a.storage.base, b.storage.base, c.storage.base)
        }
        let peak = Row(name: "sgemm 1024³ (BLAS)", flops: 2 * 1024 * 1024 * 1024, seconds: peakTime)
        var rows: [Row] = []
        for n in [256, 1024] {
            let x = random([n, n]), y = random([n, n])
            let t = bestTime(repeats: repeats) { _ = x.matmul(y) }
            rows.append(Row(name: "matmul \(n)³ (Tensor)", flops: 2 * Double(n * n * n), seconds: t))
        }
        // The seed and wide CNNs' convolutions; a first layer's input needs no gradient, as in training. Each
        // through the path training takes (`.automatic`: the direct kernels where they are faster, in release
        // builds) and through im2col + GEMM.
        let layers: [(String, Shape, Shape, Bool)] = [
            ("conv2d 1→10 k5 on 28×28", [batch, 1, 28, 28], [10, 1, 5, 5], false),
            ("conv2d 10→20 k5 on 12×12", [batch, 10, 12, 12], [20, 10, 5, 5], true),
            ("conv2d 1→32 k3 on 28×28", [batch, 1, 28, 28], [32, 1, 3, 3], false),
            ("conv2d 32→64 k3 on 13×13", [batch, 32, 13, 13], [64, 32, 3, 3], true),
        ]
        for (name, inputShape, weightShape, inputGrad) in layers {
            let x = random(inputShape, grad: inputGrad), w = random(weightShape, grad: true)
            let bias = random([weightShape[0]], grad: true)
            let geo = Conv2DGeometry(input: inputShape, kernelHeight: weightShape[2], kernelWidth: weightShape[3],
                                     stride: 1, padding: 0, op: "conv2d")
            let gemmFlops = 2 * Double(weightShape[0] * geo.patchSize * geo.positions)
            let upstream = Tensor<Float>.ones([batch, weightShape[0], geo.outHeight, geo.outWidth])
            for (path, suffix) in [(KernelChoice.automatic, ""), (.portable, " im2col")] {
                withKernels(path) {
                    let forward = bestTime(repeats: repeats) { _ = withNoGrad { x.conv2d(weight: w, bias: bias) } }
                    rows.append(Row(name: "\(name) fwd\(suffix)", flops: gemmFlops, seconds: forward))
                    let both = bestTime(repeats: repeats) {
                        let y = x.conv2d(weight: w, bias: bias)
                        y.backward(upstream)
                        x.zeroGrad(); w.zeroGrad(); bias.zeroGrad()
                    }
                    rows.append(Row(name: "\(name) fwd+bwd\(suffix)", flops: gemmFlops * (inputGrad ? 3 : 2),
                                    seconds: both))
                }
            }
        }
        return Report(threads: ComputeContext.current.threads, batch: batch, repeats: repeats, sgemmPeak: peak,
                      rows: rows)
    }
}
