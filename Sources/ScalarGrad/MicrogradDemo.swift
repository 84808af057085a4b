/// micrograd's own demo problem: an MLP 2-16-16-1 (relu hidden, linear out) on labelled points, labels ±1,
/// loss `mean(relu(1 − y·score)) + α·Σp²`, full-batch SGD with `lr = 1 − 0.9·k/steps`. Each step builds the
/// whole graph afresh, runs backward and updates, exactly as micrograd's demo notebook does. The backprop lesson
/// trains it; `dlexplain bench scalar` times it (Benchmarks/MoonsBenchmark).
public struct MicrogradDemo: Sendable {
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

    /// The demo on `points` with class labels 0/1 (mapped to −1/+1) or ±1.
    public init(points: [[Double]], labels: [Int]) {
        precondition(points.count == labels.count && !points.isEmpty, "one label per point, at least one point")
        self.points = points
        self.labels = labels.map { $0 > 0 ? 1 : -1 }
    }

    /// A fresh model for this demo, initialised from `generator`.
    public func makeModel<G: RandomNumberGenerator>(using generator: inout G) -> MLP {
        MLP(inputs: points[0].count, layers: layers, nonlinearity: .relu, using: &generator)
    }

    /// The learning rate of step `k`: 1.0 decaying linearly towards 0.1.
    public func learningRate(step k: Int) -> Double { 1 - 0.9 * Double(k) / Double(steps) }

    /// Total loss and scores of `model` on the whole set (one fresh graph).
    public func loss(of model: MLP) -> (total: Value, scores: [Value]) {
        let scores = points.map { model($0)[0] }
        let data = ScalarLoss.maxMargin(scores: scores, labels: labels)
        return (data + ScalarLoss.l2(model.parameters, alpha: alpha), scores)
    }
}
