import Groundwork
import ArgumentParser
import Datasets
import Benchmarks
import Foundation
import ScalarGrad

/// `dlexplain bench …`: benchmarks that print figures and ratios (timed numbers are never asserted in tests).
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks that print figures and ratios.",
        discussion: "Build with `swift build -c release` first; debug builds are 10-50x slower.",
        subcommands: [Scalar.self, BenchOps.self, BenchTrain.self])

    /// micrograd's moons demo on the scalar engine.
    struct Scalar: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "micrograd's moons demo (MLP 2-16-16-1, max-margin loss, 100 SGD steps), timed.")

        @Option(parsing: .unconditional, help: "Number of full-batch SGD steps.") var steps = 100
        @Option(parsing: .unconditional, help: "Number of moons points.") var points = 100
        @Option(parsing: .unconditional, help: "Standard deviation of the moons' Gaussian noise.") var noise = 0.1
        @Option(parsing: .unconditional, help: "Seed of the moons data.") var dataSeed: UInt64 = 1
        @Option(parsing: .unconditional, help: "Seed of the weight initialisation.") var seed: UInt64 = 1337
        @Option(parsing: .unconditional, help: "Seconds micrograd_moons.py took on this machine (../shared/bench/), to print the ratio.")
        var microgradSeconds: Double?

        func validate() throws {
            guard steps > 0 else { throw ValidationError("--steps must be at least 1, got \(steps)") }
            guard points >= 2 else { throw ValidationError("--points must be at least 2, got \(points)") }
            guard noise >= 0 else { throw ValidationError("--noise must be at least 0, got \(noise)") }
        }

        func run() throws {
            let moons = Synthetic.moons(count: points, noise: noise, seed: dataSeed)
            var benchmark = MoonsBenchmark(points: moons.points, labels: moons.labels)
            benchmark.steps = steps
            var generator = SeededGenerator(seed: seed)
            let result = benchmark.run(using: &generator)
            print("scalar engine: micrograd's moons demo, \(points) points, MLP 2-16-16-1 "
                  + "(\(result.parameters) parameters), \(steps) SGD steps")
            print("nodes per step      \(result.nodesPerStep)")
            print("total               \(fixed(result.seconds, 3)) s")
            print("per step            \(fixed(result.secondsPerStep * 1e3, 3)) ms")
            print("median step         \(fixed(result.medianStep.inSeconds * 1e3, 3)) ms "
                  + "(× \(steps) = \(fixed(result.medianStep.inSeconds * Double(steps), 3)) s)")
            print("fastest step        \(fixed(result.fastestStep.inSeconds * 1e3, 3)) ms "
                  + "(× \(steps) = \(fixed(result.fastestStep.inSeconds * Double(steps), 3)) s)")
            let share = { (d: Duration) in fixed(d.inSeconds / result.seconds * 100, 0) + "%" }
            print("  forward + loss    \(share(result.forward))")
            print("  backward          \(share(result.backward))")
            print("  update + free     \(share(result.updateAndFree))")
            print("per node            \(fixed(result.seconds / Double(steps * result.nodesPerStep) * 1e9, 1)) ns "
                  + "(forward + backward + update + free)")
            print("loss                \(fixed(result.initialLoss, 6)) → \(fixed(result.finalLoss, 6))")
            print("accuracy            \(fixed(result.finalAccuracy * 100, 0))% at the last step, "
                  + "\(fixed(result.accuracyAfterTraining * 100, 0))% after it")
            if let microgradSeconds {
                print("vs micrograd        \(fixed(microgradSeconds / result.seconds, 0))× faster "
                      + "(\(fixed(microgradSeconds, 1)) s / \(fixed(result.seconds, 3)) s)")
            } else {
                print("vs micrograd        run ../shared/bench/micrograd_moons.py and pass --micrograd-seconds S")
            }
        }
    }

}

/// `x` with `digits` decimals.
private func fixed(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }
