import Foundation
import Testing
@testable import Render

/// Writes one of every kind of picture with made-up but plausible numbers, for a person to open and judge.
/// Runs only when `DLX_LOOKBOOK` names an output folder:
/// `DLX_LOOKBOOK=/tmp/figures-look swift test --filter LookBook`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["DLX_LOOKBOOK"] != nil))
struct LookBookTests {
    let out = ProcessInfo.processInfo.environment["DLX_LOOKBOOK"] ?? "/tmp/figures-look"
    let command = "DLX_LOOKBOOK=/tmp/figures-look swift test --filter LookBook"

    /// A tiny deterministic generator (tests only; the real one lives in Data).
    struct LCG {
        var state: UInt64
        mutating func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        mutating func normal() -> Double {
            sqrt(-2 * log(max(1e-12, uniform()))) * cos(2 * .pi * uniform())
        }
    }

    @Test func filterGrid() throws {
        var rng = LCG(state: 1)
        let weights = (0..<(10 * 25)).map { _ in Float(rng.normal() * 0.3) }
        var figure = Figure(title: "conv1 filters (10 × 5×5)",
                            subtitle: "each filter normalised to its own ±max|w|; blue < 0 < red")
        let tiles = (0..<10).map { f in
            Panel.image(Raster.heatmap(Array(weights[(f * 25)..<((f + 1) * 25)]), width: 5, height: 5)
                            .upscaled(by: 16), caption: "filter \(f)")
        }
        figure.addRow(Array(tiles[0..<5]), label: "0–4")
        figure.addRow(Array(tiles[5..<10]), label: "5–9")
        figure.addRow([.image(TileGrid.filters(weights, count: 10, height: 5, width: 5, columns: 10, scale: 10),
                              caption: "the same bank as one tile grid"),
                       .colorBar(map: .diverging, min: -1, max: 1, label: "weight / max|w| of its filter")])
        try figure.write(to: out, name: "filters", command: command)
    }

    @Test func saliencyOverlay() throws {
        // A synthetic 28×28 "sneaker": a bright sole and upper; saliency peaks on the toe.
        var image = [Double](repeating: 0, count: 28 * 28), heat = image, signed = image
        for y in 0..<28 { for x in 0..<28 {
            let sole = y >= 18 && y <= 21 && x >= 3 && x <= 25
            let upper = y >= 10 && y < 18 && x >= 6 && x <= 18 + (y - 10)
            image[y * 28 + x] = sole ? 0.95 : upper ? 0.6 : 0.02
            heat[y * 28 + x] = exp(-(pow(Double(x) - 22, 2) + pow(Double(y) - 17, 2)) / 18)
            signed[y * 28 + x] = heat[y * 28 + x] - 0.6 * exp(-(pow(Double(x) - 8, 2) + pow(Double(y) - 12, 2)) / 10)
        } }
        var figure = Figure(title: "Saliency for “Sneaker” (look-book, synthetic)",
                            subtitle: "heat over the grey input; opacity grows with attribution strength")
        figure.addRow([
            .image(Raster.grey(image, width: 28, height: 28, range: 0...1).upscaled(by: 5), caption: "input"),
            .image(Raster.overlay(heat, on: image, width: 28, height: 28).upscaled(by: 5), caption: "|∂score/∂x|"),
            .image(Raster.overlay(signed, on: image, width: 28, height: 28, map: .diverging).upscaled(by: 5),
                   caption: "gradient × input"),
            .text("true: Sneaker\npredicted: Sneaker\np = 0.97"),
        ])
        figure.addRow([.colorBar(map: .viridis, min: 0, max: 1, label: "saliency (relative)"),
                       .colorBar(map: .diverging, min: -1, max: 1, label: "signed attribution (relative)")])
        try figure.write(to: out, name: "saliency", command: command)
    }

    @Test func trainingCurves() throws {
        let epochs = 20
        let train: [Double] = (1...epochs).map { e in
            let t = Double(e)
            return 2.3 * exp(-t / 4) + 0.25 + 0.01 * sin(t)
        }
        let val: [Double] = (1...epochs).map { e in
            let t = Double(e)
            let overfit: Double = t > 8 ? 0.004 * (t - 8) * (t - 8) : 0
            return 2.3 * exp(-t / 4) + 0.32 + overfit
        }
        let chart = LineChart(title: "Training curves: loss per epoch", xLabel: "epoch",
                              yLabel: "cross-entropy loss",
                              series: [Series("training", perEpoch: train), Series("validation", perEpoch: val, dashed: true)])
        try chart.write(to: out, name: "curves", command: command)
    }

    @Test func activationFunctions() throws {
        let r = -4.0...4.0
        func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
        let chart = LineChart(title: "Activation functions and their derivatives", xLabel: "x", yLabel: "φ(x), φ′(x)",
                              series: [
                                  Series("ReLU", function: { max(0, $0) }, over: r, color: Palette.color(0)),
                                  Series("ReLU′", function: { $0 > 0 ? 1 : 0 }, over: r, color: Palette.color(0), dashed: true),
                                  Series("sigmoid", function: sigmoid, over: r, color: Palette.color(1)),
                                  Series("sigmoid′", function: { sigmoid($0) * (1 - sigmoid($0)) }, over: r,
                                         color: Palette.color(1), dashed: true),
                                  Series("tanh", function: tanh, over: r, color: Palette.color(2)),
                                  Series("tanh′", function: { 1 - tanh($0) * tanh($0) }, over: r, color: Palette.color(2),
                                         dashed: true),
                              ], yRange: -1.2...2.0, showZeroLines: true)
        try chart.write(to: out, name: "activations", command: command)
    }

    @Test func weightHistograms() throws {
        var rng = LCG(state: 7)
        let l2 = (0..<2000).map { _ in rng.normal() * 0.15 }
        let l1 = (0..<2000).map { _ -> Double in
            let v = rng.normal() * 0.25
            return abs(v) < 0.18 ? rng.normal() * 0.005 : v
        }
        let chart = Histogram(title: "Weights after training: L1 vs L2", xLabel: "weight value",
                              groups: [.init("L2 (λ = 1e-3)", values: l2), .init("L1 (λ = 1e-3)", values: l1)], bins: 60)
        try chart.write(to: out, name: "histogram", command: command)
    }

    @Test func decisionBoundary() throws {
        var rng = LCG(state: 3)
        var xs: [Double] = [], ys: [Double] = [], labels: [Int] = []
        for i in 0..<200 {
            let t = Double.pi * rng.uniform(), c = i % 2
            xs.append((c == 0 ? cos(t) : 1 - cos(t)) + rng.normal() * 0.1)
            ys.append((c == 0 ? sin(t) : 0.5 - sin(t)) + rng.normal() * 0.1)
            labels.append(c)
        }
        let plot = DecisionBoundaryPlot(title: "Moons: a 2-16-16-1 MLP's decision regions", x: xs, y: ys,
                                        labels: labels, classNames: ["upper moon", "lower moon"]) { x, y in
            1 / (1 + exp(6 * (y - 0.25 - 0.5 * cos(Double.pi * x))))
        }
        try plot.write(to: out, name: "moons", command: command)
    }

    @Test func optimizerPaths() throws {
        func f(_ x: Double, _ y: Double) -> Double { x * x + 10 * y * y }
        func run(_ name: String, lr: Double, beta: Double) -> ContourPlot.Path {
            var p = (-8.0, 2.5), v = (0.0, 0.0), xs = [p.0], ys = [p.1]
            for _ in 0..<30 {
                v = (beta * v.0 + 2 * p.0, beta * v.1 + 20 * p.1)
                p = (p.0 - lr * v.0, p.1 - lr * v.1)
                xs.append(p.0); ys.append(p.1)
            }
            return .init(name, x: xs, y: ys)
        }
        let plot = ContourPlot(title: "Optimizers on f(x, y) = x² + 10y²", valueLabel: "f(x, y)", f: f,
                               xRange: -10...10, yRange: -4...4,
                               paths: [run("SGD (η = 0.09)", lr: 0.09, beta: 0), run("momentum (β = 0.9)", lr: 0.02, beta: 0.9)],
                               marker: (0, 0, "minimum"))
        try plot.write(to: out, name: "contour", command: command)
    }

    @Test func confusionMatrix() throws {
        let names = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                     "Ankle boot"]
        var m = [Double](repeating: 0, count: 100)
        var rng = LCG(state: 11)
        for r in 0..<10 {
            m[r * 10 + r] = Double(Int(780 + 200 * rng.uniform()))
            for _ in 0..<4 { m[r * 10 + Int(rng.uniform() * 10)] += Double(Int(40 * rng.uniform())) }
        }
        m[6 * 10 + 0] = 121; m[0 * 10 + 6] = 98; m[4 * 10 + 2] = 87
        let chart = HeatmapChart(title: "Confusion matrix (test set, 10 000 images)", matrix: m, rowLabels: names,
                                 columnLabels: names, xLabel: "predicted class", yLabel: "true class",
                                 valueLabel: "images")
        try chart.write(to: out, name: "confusion", command: command)
    }
}
