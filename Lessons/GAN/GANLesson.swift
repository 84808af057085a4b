import Foundation
import Groundwork
import LessonModels
import Render
import TensorGrad

/// Generative adversarial networks on a ring of 8 Gaussians: the minimax objective and the non-saturating
/// generator loss, snapshots of G's points over D's output, both losses, mode collapse counted, gradient checks.
struct GANLesson: Lesson {
    static let name = "gan"
    static let summary: [Language: String] = [
        .en: "a GAN learns a ring of 8 Gaussians: non-saturating loss, D's view of the plane, mode collapse counted",
        .zh: "GAN 学习 8 个高斯团组成的圆环：非饱和损失、判别器眼中的平面、数出来的模式崩塌",
    ]

    func run(_ context: LessonContext) throws {
        let zh = context.zh
        let ring = Ring()
        try context.say("intro", ["modes": "\(ring.modes)", "radius": fmt(ring.radius, digits: 1),
                                  "spread": fmt(ring.spread, digits: 2)])
        try context.say("seed")

        // MARK: Training with the usual setting
        let steps = context.quick ? 1200 : 3000
        let settings = GANRun.Settings(steps: steps, seed: context.seed)
        let marks = [0, steps / 10, steps / 3, steps]
        let run = GANRun(settings, ring: ring, snapshotSteps: marks)
        try context.say("objective", try saturation(context, ring: ring))
        var real = SeededGenerator(seed: context.seed &+ 5)
        let realPoints = ring.sample(500, generator: &real)
        for snapshot in run.snapshots {
            try context.write(snapshotChart(snapshot, real: realPoints, zh: zh,
                                            title: zh ? "第 \(snapshot.step) 步：生成的点与判别器的输出"
                                                : "Step \(snapshot.step): generated points over D's output"),
                              name: "gan-step-\(snapshot.step)")
        }
        let window = max(1, steps / 50)
        func smooth(_ v: [Double]) -> [Double] {
            v.indices.map { i in let lo = max(0, i - window + 1); return v[lo...i].reduce(0, +) / Double(i - lo + 1) }
        }
        let x = run.dLoss.indices.map { Double($0 + 1) }
        try context.write(LineChart(
            title: zh ? "GAN 的两个损失" : "The two GAN losses",
            xLabel: zh ? "训练步数" : "training step",
            yLabel: zh ? "损失（\(window) 步滑动平均）" : "loss (moving average over \(window) steps)",
            series: [Series(zh ? "判别器 −log D(x) − log(1 − D(G(z)))" : "D: −log D(x) − log(1 − D(G(z)))", x: x,
                            y: smooth(run.dLoss), color: Palette.color(0)),
                     Series(zh ? "生成器 −log D(G(z))" : "G: −log D(G(z))", x: x, y: smooth(run.gLoss),
                            color: Palette.color(1)),
                     Series(zh ? "D 的损失在 D ≡ ½ 时 = 2 log 2" : "D's loss when D ≡ ½: 2 log 2", x: [1, Double(steps)],
                            y: [2 * Foundation.log(2), 2 * Foundation.log(2)], dashed: true)]
        ), name: "gan-losses")
        let last = run.snapshots.last!
        let tail = max(1, steps / 10)
        try context.say("training", [
            "steps": "\(steps)", "hidden": "\(settings.hidden)", "batch": "\(settings.batch)",
            "lr": fmt(Double(settings.learningRate), digits: 3), "seconds": fmt(run.seconds, digits: 1),
            "g_params": "\(run.generator.parameterCount)", "d_params": "\(run.discriminator.parameterCount)",
            "snapshots": marks.map { "`gan-step-\($0).png`" }.joined(separator: ", "),
            "table": Table(header: zh ? ["步", "覆盖的模式", "落在某个模式上的点"] : ["step", "modes covered", "points on a mode"],
                           rows: run.snapshots.map { ["\($0.step)", "\($0.coverage.covered) / \(ring.modes)", pct($0.coverage.quality)] },
                           alignments: [.right, .right, .right]).renderedBlock(),
            "d_tail": fmt(run.dLoss.suffix(tail).reduce(0, +) / Double(tail), digits: 3),
            "g_tail": fmt(run.gLoss.suffix(tail).reduce(0, +) / Double(tail), digits: 3),
            "tail": "\(tail)", "log4": fmt(2 * Foundation.log(2), digits: 3), "log2": fmt(Foundation.log(2), digits: 3),
            "d_mid": fmt(meanD(last.discriminator, points: realPoints), digits: 2),
            "covered": "\(last.coverage.covered)", "modes": "\(ring.modes)",
        ])

        // MARK: Mode collapse: the same networks with G stepped several times per D step
        let greedy = 5
        var collapseSettings = settings
        collapseSettings.generatorSteps = greedy
        collapseSettings.steps = steps / 2
        let collapsed = GANRun(collapseSettings, ring: ring, snapshotSteps: [collapseSettings.steps])
        let end = collapsed.snapshots.last!
        try context.write(snapshotChart(end, real: realPoints, zh: zh,
                                        title: zh ? "G 每步更新 \(greedy) 次：第 \(end.step) 步"
                                            : "\(greedy) G updates per D update: step \(end.step)"),
                          name: "gan-collapse")
        let spread = { (v: [Double]) -> Double in
            let n = Double(v.count / 2)
            let mx = stride(from: 0, to: v.count, by: 2).map { v[$0] }.reduce(0, +) / n
            let my = stride(from: 1, to: v.count, by: 2).map { v[$0] }.reduce(0, +) / n
            return (stride(from: 0, to: v.count, by: 2).map { (v[$0] - mx) * (v[$0] - mx) + (v[$0 + 1] - my) * (v[$0 + 1] - my) }
                .reduce(0, +) / n).squareRoot()
        }
        let counts = { (s: GANRun.Snapshot) in s.coverage.perMode.map(String.init).joined(separator: ", ") }
        try context.say("collapse", [
            "greedy": "\(greedy)", "steps": "\(collapseSettings.steps)", "chart": "gan-collapse.png",
            "covered": "\(end.coverage.covered)", "modes": "\(ring.modes)", "quality": pct(end.coverage.quality),
            "per_mode": counts(end), "normal_per_mode": counts(last), "normal_covered": "\(last.coverage.covered)",
            "spread": fmt(spread(end.generated), digits: 2), "normal_spread": fmt(spread(last.generated), digits: 2),
            "real_spread": fmt(spread(realPoints), digits: 2),
            "verdict": verdict(collapsed: end.coverage.covered, normal: last.coverage.covered, modes: ring.modes, zh: zh),
        ])

        // MARK: Gradient checks at one step
        try context.say("gradcheck", try gradientChecks(context, run: run, ring: ring))
        try context.say("check")
    }

    /// The sentence comparing the two runs' coverage, as it came out.
    private func verdict(collapsed: Int, normal: Int, modes: Int, zh: Bool) -> String {
        if normal == 0 {
            return zh ? "这次运行里常规设置也还没有覆盖任何模式（训练步数太少，`--quick` 时尤其如此），所以这组对比说明不了什么"
                : "In this run the usual setting had not covered any mode yet either (too few steps, as with `--quick`), so this comparison shows nothing"
        }
        if collapsed < normal {
            return zh ? "这次运行里，让生成器抢跑的设置丢掉了 \(normal - collapsed) 个模式：这就是模式崩塌"
                : "In this run the setting that lets the generator race ahead lost \(normal - collapsed) modes: mode collapse"
        }
        return zh ? "这次运行里两种设置覆盖的模式一样多（\(collapsed) 个），崩塌没有出现；换一个种子再试，结果会不同"
            : "In this run both settings covered as many modes (\(collapsed)), so no collapse appeared; other seeds differ"
    }

    /// The mean of D's output over the grid cells nearest to `points`.
    private func meanD(_ grid: Grid2D, points: [Double]) -> Double {
        let n = points.count / 2
        var sum = 0.0
        for i in 0..<n {
            let c = Int(((points[2 * i] - grid.xRange.lowerBound) / 6 * Double(grid.columns - 1)).rounded())
            let r = Int(((points[2 * i + 1] - grid.yRange.lowerBound) / 6 * Double(grid.rows - 1)).rounded())
            sum += grid.values[min(max(r, 0), grid.rows - 1) * grid.columns + min(max(c, 0), grid.columns - 1)]
        }
        return sum / Double(n)
    }

    /// Real points (grey) and generated points (orange) over D(x) as a heat map.
    func snapshotChart(_ s: GANRun.Snapshot, real: [Double], zh: Bool, title: String) -> ScatterChart {
        let half = { (v: [Double], k: Int) in stride(from: k, to: v.count, by: 2).map { v[$0] } }
        return ScatterChart(
            title: title, xLabel: "x₁", yLabel: "x₂",
            groups: [PointGroup(zh ? "真实数据" : "real data", x: half(real, 0), y: half(real, 1),
                                color: RGB(40, 40, 40), radius: 2.2, opacity: 0.6),
                     PointGroup(zh ? "生成器 G(z)" : "generated G(z)", x: half(s.generated, 0), y: half(s.generated, 1),
                                color: RGB(255, 127, 14), radius: 2.4, opacity: 0.75)],
            background: (s.discriminator, .viridis, 0...1, zh ? "判别器输出 D(x)" : "discriminator output D(x)"))
    }
}
