/// A bounded history spread evenly over every step so far: the points at multiples of a stride that doubles
/// each time the history fills, plus the latest point. (Keeping every other point of the list instead thins the
/// oldest part again at every fill: after 3 345 steps that left 2 points for the first 1 657 steps and 300 for
/// the last 150, so the playground's gradient chart drew its first half as one straight line.)
public struct EvenHistory<Value> {
    /// The kept points in step order.
    public private(set) var points: [(step: Int, value: Value)] = []
    /// Steps between kept points (the latest point aside).
    public private(set) var stride = 1
    /// Most points kept.
    public let capacity: Int

    /// An empty history of at most `capacity` (≥ 2) points.
    public init(capacity: Int) {
        precondition(capacity >= 2, "an even history needs room for two points")
        self.capacity = capacity
    }

    /// Records `value` at `step` (steps increase; a second value at the same step replaces the first).
    public mutating func append(step: Int, _ value: Value) {
        // The previous latest point stays only if it lies on the stride's grid.
        if let last = points.last, last.step == step || last.step % stride != 0 { points.removeLast() }
        points.append((step, value))
        while points.count > capacity {
            stride *= 2
            let latest = points.last!
            points = points.filter { $0.step % stride == 0 }
            if points.last?.step != latest.step { points.append(latest) }
        }
    }
}
