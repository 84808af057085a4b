import ScalarGrad
import Tracing

/// The bugs lesson's small model and its purpose-built broken variants. The engine stays correct: bug 1 is a
/// backward loop written here (assigning instead of accumulating), bugs 2 and 3 are wrong *uses* of the real
/// engine (no `zeroGrad()` between steps, `backward()` called twice).
struct BuggyBackprop {
    /// Training pairs (x, y) of the one-neuron model p = tanh(w·x + b).
    let samples: [(x: Double, y: Double)]

    /// L = Σ e·e with e = tanh(w·x + b) − y, one term per sample: w and b are each used once per sample, and
    /// each error e is an *intermediate* value used twice (both inputs of its square), so a broken backward
    /// loop shows up inside the graph, not only at the leaves.
    func loss(_ w: Value, _ b: Value, only sample: Int? = nil) -> Value {
        var terms: [Value] = []
        for (i, s) in samples.enumerated() where sample == nil || sample == i {
            let product = w * s.x
            product.label = "w·x\(i + 1)"
            let z = product + b
            z.label = "z\(i + 1)"
            let p = z.tanh()
            p.label = "p\(i + 1)"
            let e = p - s.y
            e.label = "e\(i + 1)"
            let term = e * e
            term.label = "e\(i + 1)·e\(i + 1)"
            terms.append(term)
        }
        let total = terms.dropFirst().reduce(terms[0], +)
        total.label = "L"
        return total
    }

    /// L as a plain number at (w, b), for central differences.
    func value(_ point: [Double], only sample: Int? = nil) -> Double {
        loss(Value(point[0]), Value(point[1]), only: sample).data
    }

    /// A backward loop written in the lesson over the graph's recorded local derivatives, in reverse
    /// topological order like the engine's. With `accumulate` it is correct (`grad += local × upstream`);
    /// without, it commits bug 1 (`grad = local × upstream`): a value used twice keeps only the edge visited
    /// last. Returns one gradient per node, in the node order of `output.trace`.
    static func handBackward(_ output: Value, accumulate: Bool) -> [Double] {
        let order = output.topologicalOrder()
        var index: [Value.ID: Int] = [:]
        for (i, node) in order.enumerated() { index[node.id] = i }
        var grads = [Double](repeating: 0, count: order.count)
        grads[order.count - 1] = 1
        for (i, node) in order.enumerated().reversed() {
            for (parent, local) in node.parents {
                let p = index[parent.id]!
                if accumulate { grads[p] += local * grads[i] } else { grads[p] = local * grads[i] }
            }
        }
        return grads
    }

    /// `trace` with its node gradients replaced by `grads` (same node order): the trace the broken run would
    /// have recorded.
    static func replacingGrads(_ trace: Trace, with grads: [Double], title: String) -> Trace {
        var copy = trace
        copy.title = title
        for i in copy.nodes.indices { copy.nodes[i].grad = TensorSummary(scalar: grads[i]) }
        return copy
    }

    /// The gradient of each node of a trace (0 where none was recorded).
    static func grads(_ trace: Trace) -> [Double] {
        trace.nodes.map { $0.grad?.scalar ?? 0 }
    }

    /// A readable name for a trace node: its label, or its op and id.
    static func name(_ node: TraceNode) -> String {
        node.label.isEmpty ? "\(node.op) #\(node.id)" : node.label
    }
}
