import ArgumentParser
import Benchmarks
import Foundation
import TensorGrad

/// `dlexplain bench ops`: GFLOPS of matmul and the seed CNN's convolutions next to the sgemm peak.
struct BenchOps: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ops",
        abstract: "Time matmul and conv2d forward+backward (Float) against the sgemm peak of the same run.",
        discussion: "Build with -c release for meaningful numbers. Target: conv fwd+bwd ≥ 50 % of the sgemm rate.")

    @Option(parsing: .unconditional, help: "Threads (the engine splits GEMMs and conv loops itself).") var threads = 2
    @Option(parsing: .unconditional, help: "Timed runs per op (the best one counts).") var repeats = 10
    @Option(parsing: .unconditional, help: "Batch size for the convolutions.") var batch = 64

    func validate() throws {
        guard threads >= 1, repeats >= 1, batch >= 1 else {
            throw ValidationError("--threads, --repeats and --batch must be at least 1")
        }
    }

    func run() throws {
        BLAS.threads = threads
        let report = OpBenchmark.run(repeats: repeats, batch: batch)
        let peak = report.sgemmPeak
        print("threads \(BLAS.threads), batch \(batch), best of \(repeats)")
        print(pad("op", 38) + pad("ms", 10) + pad("GFLOPS", 10) + "of sgemm peak")
        print(pad(peak.name, 38) + pad(String(format: "%.3f", peak.seconds * 1e3), 10)
              + pad(String(format: "%.1f", peak.gflops), 10) + "100 %")
        for row in report.rows {
            print(pad(row.name, 38) + pad(String(format: "%.3f", row.seconds * 1e3), 10)
                  + pad(String(format: "%.1f", row.gflops), 10) + String(format: "%.0f %%", report.ratio(row) * 100))
        }
    }

    private func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }
}
