import ArgumentParser
import Benchmarks

/// `dlexplain bench ops`: GFLOPS of matmul and the seed and wide CNNs' convolutions (both paths) next to the sgemm peak.
struct BenchOps: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ops",
        abstract: "Time matmul and conv2d forward+backward (Float) against the sgemm peak of the same run.",
        discussion: "Build with -c release for meaningful numbers. Target: conv fwd+bwd ≥ 50 % of the sgemm rate.")

    @Option(help: "Threads (the engine splits GEMMs and conv loops itself).", transform: Checked.whole(SizeLimit.threads))
    var threads = 2
    @Option(help: "Timed runs per op (the best one counts).", transform: Checked.whole(1...1_000)) var repeats = 10
    @Option(help: "Batch size for the convolutions.", transform: Checked.whole(SizeLimit.benchBatch)) var batch = 64

    func run() throws {
        OpBenchmark.run(threads: threads, repeats: repeats, batch: batch).lines.forEach { print($0) }
    }
}
