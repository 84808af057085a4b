import Foundation
import Render

/// What the playground page draws after a burst of steps: the numbers, the boundary image and the two charts.
/// Sent as JSON over the page's WebSocket; every figure in the language asked for.
public struct PlaygroundFrame: Codable, Sendable {
    /// Completed steps and epochs (passes over the training points).
    public var step: Int, epoch: Double
    /// Current losses (cross-entropy, no penalty) and accuracies.
    public var trainLoss: Double, validationLoss: Double, trainAccuracy: Double, validationAccuracy: Double
    /// The decision regions, one pixel per grid cell, as a PNG data URL (the page scales it up).
    public var boundary: String
    /// The data points on a transparent layer the size the page draws the regions at (PNG data URL); only in
    /// frames asked for with `points` (a session's first, a reset, a language change): the data do not change.
    public var points: String?
    /// The plotted box in the data's coordinates: [x min, x max, y min, y max].
    public var box: [Double]
    /// Number of classes (the legend).
    public var classes: Int
    /// Class colours as hex, in class order.
    public var classColors: [String]
    /// Loss curves and per-layer gradient norms, as SVG text (empty before there is a curve); nil in frames
    /// asked for without `charts` (the page keeps the last ones).
    public var lossChart: String?, gradientChart: String?
    /// Gradient health of the latest step, one row per layer.
    public var health: [PlaygroundSession.LayerHealth]
    /// Units per layer (for the clickable network diagram), the last being the output layer.
    public var layers: [Int]
    /// True once the loss is not a finite number (a learning rate far too high): training stops itself.
    public var diverged: Bool
}

extension PlaygroundSession {
    /// Whether training has blown up (a loss that is not finite).
    public var diverged: Bool {
        curveHistory.points.last.map { !$0.value.train.isFinite || !$0.value.validation.isFinite } ?? false
    }

    /// The frame for the current state, in `language` (records a curve point first); with `points`, the layer of
    /// data points too; without `charts`, no charts (drawing them is a third of a frame's cost, and the curves
    /// need not move as often as the boundary).
    public func frame(_ language: Language, points: Bool = true, charts: Bool = true) throws -> PlaygroundFrame {
        let (t, v) = record()
        let (bx, by) = box
        return PlaygroundFrame(
            step: step, epoch: Double(step * settings.batchSize) / Double(Swift.max(train.count, 1)),
            trainLoss: t.loss, validationLoss: v.loss, trainAccuracy: t.accuracy, validationAccuracy: v.accuracy,
            boundary: try Self.dataURL(boundaryImage()), points: points ? try Self.dataURL(pointsImage()) : nil,
            box: [bx.lowerBound, bx.upperBound, by.lowerBound, by.upperBound], classes: classes,
            classColors: (0..<classes).map { Self.classColors[$0 % 3].hex },
            lossChart: charts ? try Self.svg(lossChart(language)) : nil,
            gradientChart: charts ? try Self.svg(gradientChart(language)) : nil,
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
