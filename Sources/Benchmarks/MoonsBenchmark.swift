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

        /// Seconds for all steps.
        public var seconds: Double { total.inSeconds }

        /// Seconds per step.
        public var secondsPerStep: Double { seconds / Double(max(steps, 1)) }
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
                      parameters: model.parameters.count)
    }
}
