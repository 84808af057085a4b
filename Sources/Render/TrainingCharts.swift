import Foundation

/// Charts of a training run from plain numbers: curves per epoch, the confusion matrix, gradient health.
public enum TrainingCharts {
    /// Loss and accuracy (in %) per epoch, training solid and validation dashed.
    /// `epochs` gives the x of each value when not every epoch is drawn (nil: 1, 2, 3, …); `note` is added to
    /// both titles in parentheses (what was thinned or left out).
    public static func curves(name: String, trainLoss: [Double], validationLoss: [Double], trainAccuracy: [Double],
                              validationAccuracy: [Double], epochs: [Double]? = nil, note: String? = nil)
        -> (loss: LineChart, accuracy: LineChart)
    {
        func series(_ label: String, _ y: [Double], _ color: Int, dashed: Bool = false) -> Series {
            guard let epochs else { return Series(label, perEpoch: y, color: Palette.color(color), dashed: dashed) }
            return Series(label, x: epochs, y: y, color: Palette.color(color), dashed: dashed, markers: y.count <= 100)
        }
        let suffix = note.map { " (\($0))" } ?? ""
        let loss = LineChart(title: "Training curves, \(name): loss\(suffix)", xLabel: "epoch", yLabel: "mean NLL loss",
                             series: [series("train", trainLoss, 0), series("validation", validationLoss, 1, dashed: true)])
        let accuracy = LineChart(title: "Training curves, \(name): accuracy\(suffix)", xLabel: "epoch",
                                 yLabel: "accuracy (%)",
                                 series: [series("train", trainAccuracy.map { $0 * 100 }, 0),
                                          series("validation", validationAccuracy.map { $0 * 100 }, 1, dashed: true)])
        return (loss, accuracy)
    }

    /// The confusion matrix `confusion[true][predicted]` with class names.
    public static func confusion(_ confusion: [[Int]], classNames: [String], title: String) -> HeatmapChart {
        HeatmapChart(title: title, matrix: confusion.flatMap { $0.map(Double.init) }, rowLabels: classNames,
                     columnLabels: classNames, xLabel: "predicted class", yLabel: "true class", valueLabel: "images")
    }

    /// Gradient health per layer over epochs: log₁₀ gradient norm, log₁₀ update-to-weight ratio, dead ReLUs (%).
    /// `rows` are (epoch, layer, gradient norm, update ratio, dead fraction or nil).
    public static func health(_ rows: [(epoch: Int, layer: String, gradientNorm: Double, updateRatio: Double,
                                        dead: Double?)], name: String) -> [(name: String, chart: LineChart)] {
        var layers: [String] = []
        for row in rows where !layers.contains(row.layer) { layers.append(row.layer) }
        func series(_ value: (Int, String, Double, Double, Double?) -> Double?) -> [Series] {
            layers.enumerated().compactMap { i, layer in
                let mine = rows.filter { $0.layer == layer }
                let points = mine.compactMap { r in value(r.epoch, r.layer, r.gradientNorm, r.updateRatio, r.dead).map { (Double(r.epoch), $0) } }
                guard !points.isEmpty else { return nil }
                return Series(layer, x: points.map(\.0), y: points.map(\.1), color: Palette.color(i), markers: true)
            }
        }
        let log = { (x: Double) in x > 0 ? Foundation.log10(x) : Double.nan }
        return [
            ("health-gradient-norm", LineChart(title: "Gradient health, \(name): gradient norm per layer",
                                               xLabel: "epoch", yLabel: "log₁₀ ‖∂L/∂W‖ (mean over steps)",
                                               series: series { _, _, g, _, _ in log(g) })),
            ("health-update-ratio", LineChart(title: "Gradient health, \(name): update-to-weight ratio",
                                              xLabel: "epoch", yLabel: "log₁₀ ‖ΔW‖/‖W‖ (healthy ≈ −3)",
                                              series: series { _, _, _, u, _ in log(u) })),
            ("health-dead-relu", LineChart(title: "Gradient health, \(name): dead ReLUs after each layer",
                                           xLabel: "epoch", yLabel: "units never active on a batch (%)",
                                           series: series { _, _, _, _, d in d.map { $0 * 100 } })),
        ]
    }
}
