import Foundation
import GradCheck
import Render
import ScalarGrad
import Tracing

/// A bug hunt: three classic autograd mistakes made on purpose, each caught by the numerical gradient check
/// and located by a node-by-node diff of the correct and the broken trace.
struct BugsLesson: Lesson {
    static let name = "bugs"
    static let summary: [Language: String] = [
        .en: "bug hunt: three classic autograd mistakes caught by gradient checks and trace diffs",
        .zh: "找虫子：三个经典的自动微分错误，用梯度检查和追踪对比抓出来",
    ]

    /// One variant's outcome: its gradients (w, b), the gradient check of them, its trace.
    struct Outcome {
        var grads: [Double]
        var report: ScalarGradCheck.Report
        var trace: Trace
    }

    func run(_ context: LessonContext) throws {
        let model = BuggyBackprop(samples: [(1.5, 0.5), (-0.5, -0.8)])
        let start = [0.8, 0.3], learningRate = 0.1
        let names = ["w", "b"]
        func check(_ grads: [Double], at point: [Double]) throws -> ScalarGradCheck.Report {
            try ScalarGradCheck.compare(names: names, analytical: grads, at: point) { model.value($0) }
        }
        let numeric = { (point: [Double], sample: Int?) in
            try ScalarGradCheck.compare(analytical: [0, 0], at: point) { model.value($0, only: sample) }
                .entries.map(\.numerical)
        }
        try context.say("intro", [
            "samples": model.samples.map { "(x, y) = (\(fmt($0.x, digits: 1)), \(fmt($0.y, digits: 1)))" }
                .joined(separator: context.zh ? "、" : ", "),
            "w": fmt(start[0], digits: 1), "b": fmt(start[1], digits: 1),
            "atol": String(format: "%.0e", ScalarGradCheck.absoluteTolerance),
            "rtol": String(format: "%.0e", ScalarGradCheck.relativeTolerance),
        ])

        // MARK: Bug 1 — assigning instead of accumulating (a backward loop written here)
        let (w1, b1) = (Value(start[0], label: "w"), Value(start[1], label: "b"))
        let loss1 = model.loss(w1, b1)
        loss1.backward()
        let engineTrace = loss1.trace(title: context.zh ? "两个样本的损失" : "loss over two samples")
        let handFixed = BuggyBackprop.handBackward(loss1, accumulate: true)
        let handBroken = BuggyBackprop.handBackward(loss1, accumulate: false)
        let leafIndex = names.map { n in engineTrace.nodes.firstIndex { $0.label == n }! }
        let fixed1 = Outcome(grads: leafIndex.map { handFixed[$0] }, report: try check(leafIndex.map { handFixed[$0] }, at: start),
                             trace: BuggyBackprop.replacingGrads(engineTrace, with: handFixed, title: engineTrace.title))
        let broken1 = Outcome(grads: leafIndex.map { handBroken[$0] },
                              report: try check(leafIndex.map { handBroken[$0] }, at: start),
                              trace: BuggyBackprop.replacingGrads(engineTrace, with: handBroken,
                                                                  title: context.zh ? "错误 1：赋值代替累加" : "bug 1: = instead of +="))
        try context.record(TraceDiagrams.write(engineTrace, to: context.outputDirectory, command: context.command, language: context.language))
        try context.record(DiagramFiles.write(dot: TraceDOT.backprop(broken1.trace, language: context.language), name: "backprop-bug1",
                                              to: context.outputDirectory, title: broken1.trace.title, command: context.command))
        // Which sample's path into w the broken loop kept: the one whose halved gradient the broken value is
        // (the self-check below holds this to the gradient check's tolerance).
        let perSample = try model.samples.indices.map { try numeric(start, $0)[0] }
        let kept = perSample.indices.min { abs(broken1.grads[0] - perSample[$0] / 2) < abs(broken1.grads[0] - perSample[$1] / 2) }!
        let differing = Self.differingNodes(fixed1.trace, broken1.trace)
        try context.say("bug1", [
            "check": Self.checkTable(fixed: fixed1.report, broken: broken1.report, zh: context.zh),
            "diff": Self.diffTable(fixed1.trace, broken1.trace, zh: context.zh),
            "differing": differing.joined(separator: context.zh ? "、" : ", "),
            "kept": "\(kept + 1)", "other": "\(2 - kept)",
            "broken_w": fmt(broken1.grads[0]), "sample_w": fmt(perSample[kept]), "half_w": fmt(perSample[kept] / 2),
            "right_w": fmt(fixed1.grads[0]),
            "graph": "graph.png", "backprop": "backprop.png", "backprop_bug": "backprop-bug1.png",
        ])

        // MARK: Bug 2 — no zeroGrad() between two training steps (the real engine, used wrongly)
        func twoSteps(zeroing: Bool) throws -> (Outcome, point: [Double], first: [Double]) {
            let (w, b) = (Value(start[0], label: "w"), Value(start[1], label: "b"))
            let first = model.loss(w, b)
            first.backward()
            let g1 = [w.grad, b.grad]
            w.data -= learningRate * w.grad
            b.data -= learningRate * b.grad
            let second = model.loss(w, b)
            if zeroing { second.zeroGrad() }
            second.backward()
            let point = [w.data, b.data]
            let grads = [w.grad, b.grad]
            let report = try check(grads, at: point)
            let title = zeroing ? (context.zh ? "第 2 步（先清零）" : "step 2 (zeroed)")
                                : (context.zh ? "错误 2：第 2 步未清零" : "bug 2: step 2, not zeroed")
            return (Outcome(grads: grads, report: report, trace: second.trace(title: title)), point, g1)
        }
        let (fixed2, point2, g1) = try twoSteps(zeroing: true)
        let (broken2, _, _) = try twoSteps(zeroing: false)
        try context.say("bug2", [
            "lr": fmt(learningRate, digits: 1), "g1_w": fmt(g1[0]), "g2_w": fmt(fixed2.grads[0]),
            "broken_w": fmt(broken2.grads[0]), "ratio": fmt(broken2.grads[0] / fixed2.grads[0], digits: 3),
            "check": Self.checkTable(fixed: fixed2.report, broken: broken2.report, zh: context.zh),
            "diff": Self.diffTable(fixed2.trace, broken2.trace, zh: context.zh),
        ])

        // MARK: Bug 3 — backward() called twice on the same graph
        let (w3, b3) = (Value(start[0], label: "w"), Value(start[1], label: "b"))
        let loss3 = model.loss(w3, b3)
        loss3.backward()
        loss3.backward()
        let broken3 = Outcome(grads: [w3.grad, b3.grad], report: try check([w3.grad, b3.grad], at: start),
                              trace: loss3.trace(title: context.zh ? "错误 3：反向传播两次" : "bug 3: backward twice"))
        let fixed3 = Outcome(grads: [w1.grad, b1.grad], report: try check([w1.grad, b1.grad], at: start), trace: engineTrace)
        try context.say("bug3", [
            "broken_w": fmt(broken3.grads[0]), "right_w": fmt(fixed3.grads[0]),
            "ratio": fmt(broken3.grads[0] / fixed3.grads[0], digits: 3),
            "check": Self.checkTable(fixed: fixed3.report, broken: broken3.report, zh: context.zh),
            "diff": Self.diffTable(fixed3.trace, broken3.trace, zh: context.zh),
        ])

        // MARK: One picture of all three diffs
        let pairs = [(fixed1.trace, broken1.trace), (fixed2.trace, broken2.trace), (fixed3.trace, broken3.trace)]
        let shown = engineTrace.nodes.filter { $0.kind != .constant }
        var matrix: [Double] = []
        for node in shown {
            for (good, bad) in pairs { matrix.append(BuggyBackprop.grads(bad)[node.id] - BuggyBackprop.grads(good)[node.id]) }
        }
        try context.write(HeatmapChart(
            title: context.zh ? "追踪对比：错误梯度 − 正确梯度" : "Trace diff: broken grad − correct grad",
            matrix: matrix, rowLabels: shown.map(BuggyBackprop.name),
            columnLabels: context.zh ? ["错误 1", "错误 2", "错误 3"] : ["bug 1", "bug 2", "bug 3"],
            xLabel: context.zh ? "有错误的版本" : "broken variant", yLabel: context.zh ? "计算图节点" : "graph node",
            valueLabel: context.zh ? "梯度之差" : "gradient difference", showValues: false
        ), name: "trace-diff")
        try context.say("summary", ["picture": "trace-diff.png"])

        // MARK: Self-check: the fixed variants pass, each bug is caught, and each wrong number is explained
        let twoPoints = try zip(numeric(start, nil), numeric(point2, nil)).map { $0 + $1 }
        let explained: [(String, Double, Double)] = [
            (context.zh ? "错误 1 的 ∂L/∂w = 样本 \(kept + 1) 的一半" : "bug 1 ∂L/∂w = half of sample \(kept + 1)'s",
             broken1.grads[0], perSample[kept] / 2),
            (context.zh ? "错误 2 的 ∂L/∂w = 两步之和" : "bug 2 ∂L/∂w = sum of steps", broken2.grads[0], twoPoints[0]),
            (context.zh ? "错误 3 的 ∂L/∂w = 2 倍" : "bug 3 ∂L/∂w = twice", broken3.grads[0], 2 * (try numeric(start, nil))[0]),
        ]
        for (k, (fixed, broken)) in [(fixed1, broken1), (fixed2, broken2), (fixed3, broken3)].enumerated() {
            for entry in fixed.report.entries {
                context.check(name: (context.zh ? "修正 \(k + 1) 的 ∂L/∂" : "fix \(k + 1) ∂L/∂") + entry.name,
                              shown: entry.analytical, expected: entry.numerical)
            }
            context.check(SelfCheckRow(name: context.zh ? "错误 \(k + 1) 被检查抓到" : "bug \(k + 1) caught by the check",
                                       shown: broken.report.passed ? 0 : 1, expected: 1, atol: 0, rtol: 0))
            context.check(name: explained[k].0, shown: explained[k].1, expected: explained[k].2)
        }
        try context.say("check")
    }

    /// The gradient check of the fixed and the broken variant, one row per parameter.
    static func checkTable(fixed: ScalarGradCheck.Report, broken: ScalarGradCheck.Report, zh: Bool) -> String {
        let verdict = { (passed: Bool) in passed ? (zh ? "通过" : "PASS") : (zh ? "失败" : "FAIL") }
        let rows = [(zh ? "有错误" : "broken", broken), (zh ? "修正后" : "fixed", fixed)].flatMap { variant, report in
            report.entries.map { e in
                [variant, "∂L/∂" + e.name, fmt(e.analytical), fmt(e.numerical), String(format: "%.1e", e.absoluteError),
                 verdict(e.passed)]
            }
        }
        let header = zh ? ["版本", "梯度", "反向传播", "中心差分", "|差|", "检查"]
                        : ["variant", "gradient", "backward", "central diff.", "|diff|", "check"]
        return indented(Table(header: header, rows: rows, alignments: [.left, .left, .right, .right, .right, .left]))
    }

    /// The names of the non-constant nodes whose gradients differ between two traces, in trace order.
    static func differingNodes(_ good: Trace, _ bad: Trace) -> [String] {
        let g = BuggyBackprop.grads(good), b = BuggyBackprop.grads(bad)
        return good.nodes.filter { $0.kind != .constant && abs(g[$0.id] - b[$0.id]) > 1e-12 }.map(BuggyBackprop.name)
    }

    /// Node-by-node gradients of the correct and the broken trace, differing rows marked.
    static func diffTable(_ good: Trace, _ bad: Trace, zh: Bool) -> String {
        let g = BuggyBackprop.grads(good), b = BuggyBackprop.grads(bad)
        let rows = good.nodes.filter { $0.kind != .constant }.map { node -> [String] in
            let differs = abs(g[node.id] - b[node.id]) > 1e-12
            return [BuggyBackprop.name(node), node.op.isEmpty ? (zh ? "叶子" : "leaf") : node.op, fmt(g[node.id]),
                    fmt(b[node.id]), differs ? fmt(b[node.id] - g[node.id]) : "", differs ? "◀" : ""]
        }
        let header = zh ? ["节点", "运算", "正确的梯度", "错误的梯度", "差", ""]
                        : ["node", "op", "correct grad", "broken grad", "difference", ""]
        return indented(Table(header: header, rows: rows, alignments: [.left, .left, .right, .right, .right, .left]))
    }
}
