import ArgumentParser
import Benchmarks

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
        OpBenchmark.run(threads: threads, repeats: repeats, batch: batch).lines.forEach { print($0) }
    }
}
