import ArgumentParser
import Benchmarks
import NN

/// `dlexplain bench train`: training images/s of a named architecture and GFLOPS against the sgemm peak.
struct BenchTrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Time training steps of seed/wide/mlp on Fashion-MNIST: images/s, GFLOPS, time per layer.",
        discussion: "Build with -c release. The PyTorch reference (same architectures, batch 64, 2 threads) is "
            + "Benchmarks/reference/torch_cnn.py; its README gives the figures measured next to this command.")

    @Option(help: "Architecture: \(Architecture.allCases.map(\.rawValue).joined(separator: ", ")).")
    var arch: Architecture = .seed
    @Option(help: "OpenBLAS and engine threads.", transform: Checked.whole(SizeLimit.threads)) var threads = 2
    @Option(help: "Batch size.", transform: Checked.whole(SizeLimit.batch)) var batch = 64
    @Option(help: "Training images to time.", transform: Checked.whole(SizeLimit.images)) var images = 10_000
    @Option(help: "Directory with MNIST-format files (default: Fashion-MNIST).") var data: String?

    func validate() throws {
        guard images >= 2 * batch else {
            throw ValidationError("--images must be at least two batches (\(2 * batch) with --batch \(batch)), got \(images)")
        }
    }

    func run() throws {
        try TrainBenchmark.run(arch, threads: threads, batchSize: batch, images: images, dataDirectory: data)
            .lines.forEach { print($0) }
    }
}

extension Architecture: ExpressibleByArgument {}
