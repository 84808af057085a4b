import ArgumentParser
import Datasets
import Benchmarks
import Foundation
import NN
import Training

/// `dlexplain bench train`: training images/s of a named architecture and GFLOPS against the sgemm peak.
struct BenchTrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Time training steps of seed/wide/mlp on Fashion-MNIST: images/s, GFLOPS, time per layer.",
        discussion: "Build with -c release. Reference (PyTorch, 2 threads, batch 64): seed ≈ 5 200, wide ≈ 2 300 img/s.")

    @Option(help: "Architecture: \(Architecture.allCases.map(\.rawValue).joined(separator: ", ")).")
    var arch: Architecture = .seed
    @Option(parsing: .unconditional, help: "OpenBLAS and engine threads.") var threads = 2
    @Option(parsing: .unconditional, help: "Batch size.") var batch = 64
    @Option(parsing: .unconditional, help: "Training images to time.") var images = 10_000
    @Option(help: "Directory with MNIST-format files (default: Fashion-MNIST).") var data: String?

    func validate() throws {
        guard threads >= 1, batch >= 1, images >= 2 * batch else {
            throw ValidationError("--threads and --batch must be at least 1, --images at least two batches")
        }
    }

    func run() throws {
        var config = TrainingConfiguration()
        config.architecture = arch
        config.threads = threads
        config.batchSize = batch
        if arch != .seed { (config.optimizer, config.learningRate) = (.adam, 1e-3) }
        let dataset = try ImageDataset.load(.train, from: data)
        let r = try TrainBenchmark.run(config, dataset: dataset, images: images)
        print("\(arch.rawValue): \(r.images) images, batch \(batch), threads \(threads)")
        print(String(format: "  %.0f images/s   %.2f GFLOPS (%.1f MFLOP/image) = %.1f %% of sgemm peak %.1f GFLOPS",
                     r.imagesPerSecond, r.gflops, r.flopsPerImage / 1e6, 100 * r.gflops / r.sgemmPeakGFLOPS,
                     r.sgemmPeakGFLOPS))
        let perBatch = { (s: Double) in String(format: "%8.3f ms/batch", s / Double(r.images) * Double(batch) * 1e3) }
        for layer in r.layers { print("  forward  " + layer.name.padding(toLength: 12, withPad: " ", startingAt: 0)
                                      + perBatch(layer.forwardSeconds) + "  " + layer.kind) }
        print("  backward            " + perBatch(r.backwardSeconds))
        print("  optimizer           " + perBatch(r.optimizerSeconds))
        print("  total               " + perBatch(r.seconds))
    }
}

extension Architecture: ExpressibleByArgument {}
