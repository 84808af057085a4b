import Benchmarks
import Datasets
import Groundwork
import Testing

@Suite struct MoonsBenchmarkTests {
    @Test func moonsTrainingReducesLossAndClassifies() {
        let moons = Synthetic.moons(count: 100, noise: 0.1, seed: 1)
        var benchmark = MoonsBenchmark(points: moons.points, labels: moons.labels)
        benchmark.steps = 25  // keeps the debug-build test quick; 96% already
        var generator = SeededGenerator(seed: 1337)
        let result = benchmark.run(using: &generator)
        #expect(result.nodesPerStep > 60_000 && result.nodesPerStep < 70_000)
        #expect(result.parameters == 337)
        #expect(result.finalLoss < result.initialLoss / 2)
        #expect(result.accuracyAfterTraining > 0.9)
        // The report names the reference inside the repository, never a folder a clone does not have.
        let lines = result.lines()
        #expect(lines.first?.hasPrefix("scalar engine: micrograd's moons demo, 100 points") == true)
        #expect(lines.last?.contains("Benchmarks/reference/micrograd_moons.py") == true)
        #expect(!lines.joined().contains("shared"))
        #expect(result.lines(microgradSeconds: 40).last?.hasPrefix("vs micrograd") == true)
        #expect(result.lines(microgradSeconds: 40).last?.contains("× faster") == true)
    }
}
