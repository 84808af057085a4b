import Foundation
import Render

/// What the playground page draws after a burst of steps: the numbers, the boundary image and the two charts.
/// Sent as JSON over the page's WebSocket; every figure in the language asked for.
public struct PlaygroundFrame: Codable, Sendable {
    /// Completed steps and epochs (passes over the training points).
    public var step: Int, epoch: Double
    /// Current losses (cross-entropy, no penalty) and accuracies.
    public var trainLoss: Double, validationLoss: Double, trainAccuracy: Double, validationAccuracy: Double
    /// The decision regions with the points, as a PNG data URL.
    public var boundary: String
    /// The plotted box in the data's coordinates: [x min, x max, y min, y max].
    public var box: [Double]
    /// Number of classes (the legend).
    public var classes: Int
    /// Class colours as hex, in class order.
    public var classColors: [String]
    /// Loss curves and per-layer gradient norms, as SVG text.
    public var lossChart: String, gradientChart: String
    /// Gradient health of the latest step, one row per layer.
    public var health: [PlaygroundSession.LayerHealth]
    /// Units per layer (for the clickable network diagram), the last being the output layer.
    public var layers: [Int]
    /// True once the loss is not a finite number (a learning rate far too high): training stops itself.
    public var diverged: Bool
}

extension PlaygroundSession {
    /// Whether training has blown up (a loss that is not finite).
    public var diverged: Bool { curve.last.map { !$0.train.isFinite || !$0.validation.isFinite } ?? false }

    /// The frame for the current state, in `language` (records a curve point first).
    public func frame(_ language: Language) throws -> PlaygroundFrame {
        record()
        let t = evaluate(train), v = evaluate(validation)
        let (bx, by) = box
        let png = try boundaryImage().pngData()
        return PlaygroundFrame(
            step: step, epoch: Double(step * settings.batchSize) / Double(Swift.max(train.count, 1)),
            trainLoss: t.loss, validationLoss: v.loss, trainAccuracy: t.accuracy, validationAccuracy: v.accuracy,
            boundary: "data:image/png;base64," + png.base64EncodedString(),
            box: [bx.lowerBound, bx.upperBound, by.lowerBound, by.upperBound], classes: classes,
            classColors: (0..<classes).map { Self.classColors[$0 % 3].hex },
            lossChart: try Self.svg(lossChart(language)), gradientChart: try Self.svg(gradientChart(language)),
            health: health, layers: neuronLayers.map(\.units), diverged: diverged)
    }

    /// A chart as SVG text; a chart with nothing to draw yet (no step) is an empty string.
    static func svg(_ chart: LineChart) throws -> String {
        let points = chart.series.map(\.x.count).max() ?? 0
        guard points >= 2, chart.series.allSatisfy({ $0.y.allSatisfy(\.isFinite) }) else { return "" }
        return try chart.draw().text()
    }

    /// A PNG as a data URL.
    public static func dataURL(_ image: PNGImage) throws -> String {
        "data:image/png;base64," + (try image.pngData()).base64EncodedString()
    }
}
