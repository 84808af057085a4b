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

        @Option(parsing: .unconditional, help: "Number of full-batch SGD steps.") var steps = 100
        @Option(parsing: .unconditional, help: "Number of moons points.") var points = 100
        @Option(parsing: .unconditional, help: "Standard deviation of the moons' Gaussian noise.") var noise = 0.1
        @Option(parsing: .unconditional, help: "Seed of the moons data.") var dataSeed: UInt64 = 1
        @Option(parsing: .unconditional, help: "Seed of the weight initialisation.") var seed: UInt64 = 1337
        @Option(parsing: .unconditional, help: "Seconds Benchmarks/reference/micrograd_moons.py took on this machine, to print the ratio.")
        var microgradSeconds: Double?

        func validate() throws {
            guard steps > 0 else { throw ValidationError("--steps must be at least 1, got \(steps)") }
            guard points >= 2 else { throw ValidationError("--points must be at least 2, got \(points)") }
            guard noise >= 0 else { throw ValidationError("--noise must be at least 0, got \(noise)") }
        }

        func run() throws {
            var benchmark = MoonsBenchmark(moons: points, noise: noise, dataSeed: dataSeed)
            benchmark.steps = steps
            benchmark.run(seed: seed).lines(microgradSeconds: microgradSeconds).forEach { print($0) }
        }
    }
}
