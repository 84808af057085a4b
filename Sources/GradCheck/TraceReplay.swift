import ScalarGrad
import Tracing

/// A scalar trace's forward pass replayed from its recorded values with one node's value moved, through the
/// engine's own ops: what the output would be had that intermediate value been different. Central differences
/// of this replay check the gradient of *any* node, not only of the inputs (the explorer's "check this node").
public enum TraceReplay {
    /// Why a trace cannot be replayed.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The trace is not a scalar trace with every value recorded.
        case notScalar
        /// An op the scalar engine does not know, by name.
        case unknownOp(String)

        public var description: String {
            switch self {
            case .notScalar: return "only a scalar trace with every value recorded can be replayed"
            case let .unknownOp(name): return "the scalar engine has no op called \"\(name)\""
            }
        }
    }

    /// The output when node `node` takes `value` and every node after it is recomputed from its inputs.
    public static func output(of trace: Trace, setting node: Int, to value: Double) throws -> Double {
        guard let output = trace.output, trace.nodes.allSatisfy({ $0.value?.scalar != nil }) else { throw Failure.notScalar }
        var values = trace.nodes.map { $0.value?.scalar ?? 0 }
        for id in trace.forwardOrder {
            if id == node {
                values[id] = value
            } else if trace.nodes[id].kind == .op {
                let inputs = trace.incoming(id).sorted { $0.argument < $1.argument }.map { values[$0.parent] }
                values[id] = try apply(trace.nodes[id].op, detail: trace.nodes[id].detail, to: inputs)
            }
        }
        return values[output]
    }

    /// The gradient check of every op node but the output: its recorded gradient against central differences
    /// of `output(of:setting:to:)`, named as `names` says (node id order).
    public static func checkNodes(_ trace: Trace, names: [String]) throws -> [Int: ScalarGradCheck.Entry] {
        var entries: [Int: ScalarGradCheck.Entry] = [:]
        for node in trace.nodes where node.kind == .op && node.id != trace.output {
            guard let grad = node.scalarGrad, let value = node.value?.scalar else { continue }
            let report = try ScalarGradCheck.compare(names: [names[node.id]], analytical: [grad], at: [value]) {
                try output(of: trace, setting: node.id, to: $0[0])
            }
            entries[node.id] = report.entries[0]
        }
        return entries
    }

    /// One op of the engine on plain numbers, by its trace name (`"mul"`) and detail (`"^2"` for pow).
    static func apply(_ name: String, detail: String, to inputs: [Double]) throws -> Double {
        guard !name.isEmpty, let op = Value.Operation.allCases.first(where: { $0.name == name }) else {
            throw Failure.unknownOp(name)
        }
        let v = inputs.map { Value($0) }
        guard v.count == (op.isUnary ? 1 : 2) else { throw Failure.notScalar }
        switch op {
        case .add: return (v[0] + v[1]).data
        case .sub: return (v[0] - v[1]).data
        case .mul: return (v[0] * v[1]).data
        case .div: return (v[0] / v[1]).data
        case .neg: return (-v[0]).data
        case .pow:
            guard let exponent = Double(detail.dropFirst()) else { throw Failure.unknownOp(name + detail) }
            return v[0].pow(exponent).data
        case .exp, .log, .tanh, .relu, .sigmoid: return v[0].applying(op).data
        case .leaf, .constant: throw Failure.unknownOp(name)
        }
    }
}

extension Value.Operation {
    /// Whether the op takes one input (the function ops, negation and pow with its fixed exponent).
    var isUnary: Bool { isFunction || self == .neg || self == .pow }
}
