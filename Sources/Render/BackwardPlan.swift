import Tracing

/// One use of the chain rule: the gradient sent from a child back to one of its inputs,
/// `upstream × local = contribution` (docs/ARCHITECTURE.md §2: `parent.grad += local × child.grad`).
public struct BackwardContribution: Sendable, Equatable {
    /// 1-based position in the backward pass, as the diagrams number edges.
    public var number: Int
    /// The edge the gradient travels back along.
    public var edge: TraceEdge
    /// ∂L/∂child: the gradient arriving from the output side; nil when the trace has no gradients.
    public var upstream: Double?
    /// ∂child/∂parent at the forward values; nil for tensor traces.
    public var local: Double?

    /// `upstream × local`, the amount added to the parent's gradient, when both are known.
    public var contribution: Double? {
        guard let upstream, let local else { return nil }
        return upstream * local
    }
}

/// One step of the backward pass: a node pushes its gradient to all its inputs.
public struct BackwardStep: Sendable, Equatable {
    /// The node being processed.
    public var node: Int
    /// Its contributions, one per incoming edge, in argument order.
    public var contributions: [BackwardContribution]
}

/// The backward pass of a trace replayed as data: which node ran when and what each edge contributed.
/// Diagrams, flipbook frames and narration all read this, so they number and sum identically.
public struct BackwardPlan: Sendable {
    /// Steps in backward order (output first); only nodes with inputs other than constants make a step.
    public let steps: [BackwardStep]
    /// For each node id, the contributions it received, in the order they arrived.
    public let received: [[BackwardContribution]]
    /// How many edges leave each node (how many contributions it will receive).
    public let fanOut: [Int]
    /// The largest |contribution|, for scaling colours and pen widths (0 when none is known).
    public let largest: Double

    /// Replays `trace`'s backward order (or reversed forward order when the trace has none).
    public init(_ trace: Trace) {
        let order = trace.backwardOrder.isEmpty ? Array(trace.forwardOrder.reversed()) : trace.backwardOrder
        var incoming = [[TraceEdge]](repeating: [], count: trace.nodes.count)
        var fanOut = [Int](repeating: 0, count: trace.nodes.count)
        // Constants are never differentiated with respect to (NodeKind.constant), so no gradient is sent to them.
        for edge in trace.edges where trace.nodes[edge.parent].kind != .constant {
            incoming[edge.child].append(edge)
            fanOut[edge.parent] += 1
        }
        var steps: [BackwardStep] = []
        var received = [[BackwardContribution]](repeating: [], count: trace.nodes.count)
        var number = 0, largest = 0.0
        for id in order where !incoming[id].isEmpty {
            let upstream = trace.nodes[id].scalarGrad
            var step = BackwardStep(node: id, contributions: [])
            for edge in incoming[id].sorted(by: { $0.argument < $1.argument }) {
                number += 1
                let c = BackwardContribution(number: number, edge: edge, upstream: upstream, local: edge.local)
                if let value = c.contribution, value.isFinite { largest = max(largest, abs(value)) }
                step.contributions.append(c)
                received[edge.parent].append(c)
            }
            steps.append(step)
        }
        self.steps = steps
        self.received = received
        self.fanOut = fanOut
        self.largest = largest
    }

    /// The running gradient of `node` after the first `stepCount` steps: the sum of the contributions that
    /// have arrived, or nil if none has (and the node is not the output, whose gradient is seeded).
    public func runningGrad(of node: Int, afterSteps stepCount: Int, in trace: Trace) -> Double? {
        if node == trace.output { return trace.nodes[node].scalarGrad ?? 1 }
        let arrived = received[node].filter { c in
            steps.prefix(stepCount).contains { $0.node == c.edge.child }
        }
        guard !arrived.isEmpty else { return nil }
        return arrived.reduce(0.0) { $0 + ($1.contribution ?? 0) }
    }

    /// The step index (0-based) at which `contribution` is sent.
    public func stepIndex(of contribution: BackwardContribution) -> Int? {
        steps.firstIndex { $0.node == contribution.edge.child }
    }
}
