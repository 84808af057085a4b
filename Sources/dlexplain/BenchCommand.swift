import ArgumentParser
import Benchmarks

/// `dlexplain bench …`: benchmarks that print figures and ratios (timed numbers are never asserted in tests).
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks that print figures and ratios.",
        discussion: "Build with `swift build -c release` first; debug builds are 10-50x slower.",
        subcommands: [Scalar.self, BenchOps.self, BenchTrain.self, BenchServe.self])

    /// micrograd's moons demo on the scalar engine.
    struct Scalar: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "micrograd's moons demo (MLP 2-16-16-1, max-margin loss, 100 SGD steps), timed.")

        @Option(help: "Number of full-batch SGD steps.", transform: Checked.whole(1...100_000)) var steps = 100
        // Each point adds about 650 scalar nodes (52 KB) to every step's graph: 10 000 points ≈ 0.5 GB.
        @Option(help: "Number of moons points.", transform: Checked.whole(2...10_000)) var points = 100
        @Option(help: "Standard deviation of the moons' Gaussian noise.", transform: Checked.real(Bounds(lower: 0, upper: 10)))
        var noise = 0.1
        @Option(help: "Seed of the moons data.", transform: Checked.seed) var dataSeed: UInt64 = 1
        @Option(help: "Seed of the weight initialisation.", transform: Checked.seed) var seed: UInt64 = 1337
        @Option(help: "Seconds Benchmarks/reference/micrograd_moons.py took on this machine, to print the ratio.",
                transform: Checked.real(Bounds(lower: 0, upper: 1e6, lowerOpen: true)))
        var microgradSeconds: Double?

        func run() throws {
            var benchmark = MoonsBenchmark(moons: points, noise: noise, dataSeed: dataSeed)
            benchmark.steps = steps
            benchmark.run(seed: seed).lines(microgradSeconds: microgradSeconds).forEach { print($0) }
        }
    }
}
