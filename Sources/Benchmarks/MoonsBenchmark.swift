import Datasets
import Foundation
import Groundwork
import ScalarGrad

// MARK: - micrograd's moons demo, timed (`dlexplain bench scalar`)

/// micrograd's demo (`MicrogradDemo`) as a benchmark: trains a fresh model and times every step, split into
/// forward + loss, backward, and update + free. The reference it is compared with is
/// `Benchmarks/reference/micrograd_moons.py`.
public struct MoonsBenchmark: Sendable {
    /// The problem being trained.
    public var demo: MicrogradDemo

    /// A benchmark on `points` with class labels 0/1 (mapped to −1/+1) or ±1.
    public init(points: [[Double]], labels: [Int]) {
        demo = MicrogradDemo(points: points, labels: labels)
    }

    /// A benchmark on micrograd's data: `count` moons points (sklearn's `make_moons` shape) with Gaussian `noise`,
    /// drawn from `dataSeed`.
    public init(moons count: Int, noise: Double, dataSeed: UInt64) {
        let moons = Synthetic.moons(count: count, noise: noise, seed: dataSeed)
        self.init(points: moons.points, labels: moons.labels)
    }

    /// Number of SGD steps.
    public var steps: Int {
        get { demo.steps }
        set { demo.steps = newValue }
    }

    /// What a run measured.
    public struct Result: Sendable {
        /// Wall time of all steps (forward, backward, update).
        public var total: Duration
        /// Of `total`, building the graph: forward pass and loss.
        public var forward: Duration
        /// Of `total`, `zeroGrad` and `backward`.
        public var backward: Duration
        /// Of `total`, the SGD update and freeing the graph.
        public var updateAndFree: Duration
        /// The fastest single step: on a shared, noisy machine the least disturbed figure.
        public var fastestStep: Duration
        /// The median step.
        public var medianStep: Duration
        /// Steps run.
        public var steps: Int
        /// Value nodes in one forward+loss graph (leaves and constants included).
        public var nodesPerStep: Int
        /// Loss at the first step.
        public var initialLoss: Double
        /// Loss at the last step (before its update), as micrograd's demo prints.
        public var finalLoss: Double
        /// Accuracy measured in the last step's forward pass, as micrograd's demo prints.
        public var finalAccuracy: Double
        /// Accuracy after the last update.
        public var accuracyAfterTraining: Double
        /// Number of trainable parameters.
        public var parameters: Int
        /// Data points in the training set.
        public var points: Int

        /// Seconds for all steps.
        public var seconds: Double { total.inSeconds }

        /// Seconds per step.
        public var secondsPerStep: Double { seconds / Double(max(steps, 1)) }
    }

    /// Trains a fresh model initialised from `SeededGenerator(seed: seed)` and times the steps.
    public func run(seed: UInt64) -> Result {
        var generator = SeededGenerator(seed: seed)
        return run(using: &generator)
    }

    /// Trains a fresh model initialised from `generator` and times the steps.
    public func run<G: RandomNumberGenerator>(using generator: inout G) -> Result {
        precondition(steps > 0, "a benchmark needs at least one step")
        let model = demo.makeModel(using: &generator)
        let nodes = demo.loss(of: model).total.graphSize
        var initialLoss = 0.0, lastLoss = 0.0, lastAccuracy = 0.0
        let clock = ContinuousClock()
        var forward = Duration.zero, backward = Duration.zero
        var stepTimes: [Duration] = []
        stepTimes.reserveCapacity(steps)
        let start = clock.now
        for k in 0..<steps {
            let stepStart = clock.now
            do {
                let (total, scores) = demo.loss(of: model)
                let built = clock.now
                forward += built - stepStart
                model.zeroGrad()
                total.backward()
                backward += clock.now - built
                if k == 0 { initialLoss = total.data }
                lastLoss = total.data
                lastAccuracy = ScalarLoss.accuracy(scores: scores, labels: demo.labels)
                model.step(learningRate: demo.learningRate(step: k))
            }  // the graph is freed here
            stepTimes.append(clock.now - stepStart)
        }
        let elapsed = clock.now - start
        let after = ScalarLoss.accuracy(scores: demo.loss(of: model).scores, labels: demo.labels)
        return Result(total: elapsed, forward: forward, backward: backward,
                      updateAndFree: elapsed - forward - backward, fastestStep: stepTimes.min() ?? .zero,
                      medianStep: stepTimes.sorted()[stepTimes.count / 2], steps: steps, nodesPerStep: nodes,
                      initialLoss: initialLoss,
                      finalLoss: lastLoss, finalAccuracy: lastAccuracy, accuracyAfterTraining: after,
                      parameters: model.parameters.count, points: demo.labels.count)
    }
}

extension MoonsBenchmark.Result {
    /// Where the micrograd timing that `lines(microgradSeconds:)` compares with comes from.
    public static let reference = "Benchmarks/reference/micrograd_moons.py"

    /// The report as printed by `dlexplain bench scalar`; with `microgradSeconds` (the reference script's time on
    /// the same machine) it ends with the speed ratio, otherwise with how to get that figure.
    public func lines(microgradSeconds: Double? = nil) -> [String] {
        func fixed(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }
        let share = { (d: Duration) in fixed(d.inSeconds / seconds * 100, 0) + "%" }
        let perStep = { (d: Duration) in
            "\(fixed(d.inSeconds * 1e3, 3)) ms (× \(steps) = \(fixed(d.inSeconds * Double(steps), 3)) s)"
        }
        return [
            "scalar engine: micrograd's moons demo, \(points) points, MLP 2-16-16-1 "
                + "(\(parameters) parameters), \(steps) SGD steps",
            "nodes per step      \(nodesPerStep)",
            "total               \(fixed(seconds, 3)) s",
            "per step            \(fixed(secondsPerStep * 1e3, 3)) ms",
            "median step         " + perStep(medianStep),
            "fastest step        " + perStep(fastestStep),
            "median / fastest    \(fixed(medianStep.inSeconds / max(fastestStep.inSeconds, 1e-12), 2))×",
            "  forward + loss    \(share(forward))",
            "  backward          \(share(backward))",
            "  update + free     \(share(updateAndFree))",
            "per node            \(fixed(seconds / Double(steps * nodesPerStep) * 1e9, 1)) ns "
                + "(forward + backward + update + free)",
            "loss                \(fixed(initialLoss, 6)) → \(fixed(finalLoss, 6))",
            "accuracy            \(fixed(finalAccuracy * 100, 0))% at the last step, "
                + "\(fixed(accuracyAfterTraining * 100, 0))% after it",
            microgradSeconds.map {
                "vs micrograd        \(fixed($0 / seconds, 0))× faster (\(fixed($0, 1)) s / \(fixed(seconds, 3)) s)"
            } ?? "vs micrograd        run \(Self.reference) (its README says how) and pass --micrograd-seconds S",
        ]
    }
}
