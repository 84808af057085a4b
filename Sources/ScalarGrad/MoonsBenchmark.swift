// MARK: - micrograd's moons demo, timed (`dlexplain bench scalar`)

/// micrograd's own demo as a benchmark: an MLP 2-16-16-1 (relu hidden, linear out), labels ±1, loss
/// `mean(relu(1 − y·score)) + 1e-4·Σp²`, full-batch SGD with `lr = 1 − 0.9·k/steps`. Each step builds the
/// whole graph afresh, runs backward and updates, exactly as the Python demo (../shared/bench/micrograd_moons.py).
public struct MoonsBenchmark: Sendable {
    /// The points, one `[x, y]` per sample.
    public var points: [[Double]]
    /// One label per point, ±1.
    public var labels: [Double]
    /// Hidden layer sizes then the output size.
    public var layers: [Int] = [16, 16, 1]
    /// Number of SGD steps.
    public var steps: Int = 100
    /// L2 weight on Σp².
    public var alpha: Double = 1e-4

    /// A benchmark on `points` with class labels 0/1 (mapped to −1/+1) or ±1.
    public init(points: [[Double]], labels: [Int]) {
        precondition(points.count == labels.count && !points.isEmpty, "one label per point, at least one point")
        self.points = points
        self.labels = labels.map { $0 > 0 ? 1 : -1 }
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
        public var seconds: Double { Self.seconds(total) }

        /// A duration in seconds.
        public static func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        }
        /// Seconds per step.
        public var secondsPerStep: Double { seconds / Double(max(steps, 1)) }
    }

    /// Total loss and scores of `model` on the whole set (one fresh graph).
    public func loss(of model: MLP) -> (total: Value, scores: [Value]) {
        let scores = points.map { model($0)[0] }
        let data = ScalarLoss.maxMargin(scores: scores, labels: labels)
        return (data + ScalarLoss.l2(model.parameters, alpha: alpha), scores)
    }

    /// Trains a fresh model initialised from `generator` and times the steps.
    public func run<G: RandomNumberGenerator>(using generator: inout G) -> Result {
        precondition(steps > 0, "a benchmark needs at least one step")
        let model = MLP(inputs: points[0].count, layers: layers, nonlinearity: .relu, using: &generator)
        let nodes = loss(of: model).total.graphSize
        var initialLoss = 0.0, lastLoss = 0.0, lastAccuracy = 0.0
        let clock = ContinuousClock()
        var forward = Duration.zero, backward = Duration.zero
        var stepTimes: [Duration] = []
        stepTimes.reserveCapacity(steps)
        let start = clock.now
        for k in 0..<steps {
            let stepStart = clock.now
            do {
                let (total, scores) = loss(of: model)
                let built = clock.now
                forward += built - stepStart
                model.zeroGrad()
                total.backward()
                backward += clock.now - built
                if k == 0 { initialLoss = total.data }
                lastLoss = total.data
                lastAccuracy = ScalarLoss.accuracy(scores: scores, labels: labels)
                model.step(learningRate: 1 - 0.9 * Double(k) / Double(steps))
            }  // the graph is freed here
            stepTimes.append(clock.now - stepStart)
        }
        let elapsed = clock.now - start
        let after = ScalarLoss.accuracy(scores: loss(of: model).scores, labels: labels)
        return Result(total: elapsed, forward: forward, backward: backward,
                      updateAndFree: elapsed - forward - backward, fastestStep: stepTimes.min() ?? .zero,
                      medianStep: stepTimes.sorted()[stepTimes.count / 2], steps: steps, nodesPerStep: nodes,
                      initialLoss: initialLoss,
                      finalLoss: lastLoss, finalAccuracy: lastAccuracy, accuracyAfterTraining: after,
                      parameters: model.parameters.count)
    }
}
