import Datasets
import Foundation
import NN
import Render
import TensorGrad

/// The playground's pictures, computed from the session's network: the decision regions with the points, a
/// neuron's activation over the plane, the loss curves and the gradient-norm chart.
extension PlaygroundSession {
    /// The colour of each class on the playground (blue, orange, green — told apart without red/green alone).
    public static let classColors = [RGB(31, 119, 180), RGB(255, 127, 14), RGB(44, 160, 44)]

    /// The plotted box (generator coordinates): the points' extent with a 10 % margin, the same for every frame.
    public var box: (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        let all = train.points + validation.points
        func fit(_ v: [Double]) -> ClosedRange<Double> {
            let lo = v.min() ?? -1, hi = v.max() ?? 1, pad = Swift.max(hi - lo, 1e-3) * 0.1
            return (lo - pad)...(hi + pad)
        }
        return (fit(all.map { $0[0] }), fit(all.map { $0[1] }))
    }

    /// The grid points of the box, row 0 at the top (image order), `side × side`.
    func gridPoints(side: Int) -> [[Double]] {
        let (bx, by) = box
        var points: [[Double]] = []
        points.reserveCapacity(side * side)
        for r in 0..<side {
            let y = by.upperBound - (by.upperBound - by.lowerBound) * (Double(r) + 0.5) / Double(side)
            for c in 0..<side {
                points.append([bx.lowerBound + (bx.upperBound - bx.lowerBound) * (Double(c) + 0.5) / Double(side), y])
            }
        }
        return points
    }

    /// Cells per side of the decision-region grid, and the side in pixels the page draws the regions and points at.
    /// The forward pass over the grid is most of a frame's cost: 5.9 ms for 120 × 120 cells (2-16-16-3, tanh,
    /// release build); 80 × 80, smoothly scaled by the page, looks the same and takes less than half.
    public static let boundaryGrid = 80, boundaryPixels = 360

    /// The decision regions, one pixel per grid cell (`Raster.classRegions`: tinted by the predicted class, paler
    /// where the network is less sure); the page scales it to `boundaryPixels` under the `pointsImage` layer.
    public func boundaryImage(side: Int = boundaryGrid) -> PNGImage {
        if gridInput?.side != side { gridInput = (side, input(gridPoints(side: side))) }
        return Raster.classRegions(probabilities(gridInput!.tensor), classes: classes, side: side,
                                   colors: Self.classColors)
    }

    /// The data on a transparent layer `size` pixels wide: training points filled, validation points as rings.
    /// It changes only with the data, so the page gets it with the first frame of a session.
    public func pointsImage(size: Int = boundaryPixels) -> PNGImage {
        let (bx, by) = box, side = Double(size)
        var markers: [Raster.Marker] = []
        for (set, filled) in [(train, true), (validation, false)] {
            for (p, label) in zip(set.points, set.labels) {
                markers.append(Raster.Marker(x: Int((p[0] - bx.lowerBound) / (bx.upperBound - bx.lowerBound) * side),
                                             y: Int((by.upperBound - p[1]) / (by.upperBound - by.lowerBound) * side),
                                             color: Self.classColors[label % 3], filled: filled))
            }
        }
        return Raster.pointLayer(markers, width: size, height: size)
    }

    /// The hidden or output layers a learner can click: (layer number from 1, units).
    public var neuronLayers: [(number: Int, units: Int)] {
        linears.enumerated().map { ($0.offset + 1, $0.element.layer.outFeatures) }
    }

    /// Output of neuron `unit` of layer `layer` (1-based; the last is the output layer's class scores) over the
    /// box, `side × side`, row 0 at the top: the activation after the layer's nonlinearity (dropout off).
    public func neuronActivation(layer: Int, unit: Int, side: Int = 60) throws -> [Float] {
        let target = try linearIndex(layer: layer, unit: unit)
        let stop = linears[target].activation ?? (model.layers.count - 1)
        model.eval()
        defer { model.train() }
        let values = withNoGrad { () -> [Float] in
            var y = input(gridPoints(side: side))
            for layer in model.layers[...stop] { y = layer.module.forward(y) }
            return y.scalars
        }
        let units = linears[target].layer.outFeatures
        return stride(from: unit, to: values.count, by: units).map { values[$0] }
    }

    /// The neuron's activation as a PNG: viridis for ReLU and sigmoid outputs (never negative), blue–white–red
    /// centred at 0 for tanh, leaky ReLU and the output scores.
    public func neuronImage(layer: Int, unit: Int, side: Int = 60, scale: Int = 3) throws -> PNGImage {
        let values = try neuronActivation(layer: layer, unit: unit, side: side)
        let hidden = layer <= settings.hidden.count
        let positive = hidden && (settings.activation == .relu || settings.activation == .sigmoid)
        return Raster.heatmap(values, width: side, height: side, map: positive ? .viridis : .diverging,
                              limit: settings.activation == .sigmoid && hidden ? 1 : nil).upscaled(by: scale)
    }

    /// Index into `linears` of layer `layer` (1-based), or an error naming the valid layers and units.
    func linearIndex(layer: Int, unit: Int) throws -> Int {
        guard (1...linears.count).contains(layer), (0..<linears[layer - 1].layer.outFeatures).contains(unit) else {
            let valid = linears.enumerated().map { "layer \($0.offset + 1): units 0…\($0.element.layer.outFeatures - 1)" }
            throw PlaygroundError.noSuchNeuron(layer: layer, unit: unit, expected: valid.joined(separator: ", "))
        }
        return layer - 1
    }

    /// Train and validation loss against the step, in `language`.
    public func lossChart(_ language: Language) -> LineChart {
        let zh = language == .zh
        let points = curve  // built from the history on each read: read once
        let x = points.map { Double($0.step) }
        return LineChart(title: zh ? "损失（交叉熵）" : "Loss (cross-entropy)", xLabel: zh ? "步数" : "step",
                         yLabel: zh ? "损失" : "loss",
                         series: [Series(zh ? "训练" : "train", x: x, y: points.map(\.train)),
                                  Series(zh ? "验证" : "validation", x: x, y: points.map(\.validation), dashed: true)])
    }

    /// log₁₀ of each layer's gradient norm against the step, in `language`: vanishing gradients show as the
    /// first layers' lines far below the last one's.
    public func gradientChart(_ language: Language) -> LineChart {
        let zh = language == .zh
        let history = healthHistory  // built on each read: read once, not once per layer
        let x = history.map { Double($0.step) }
        let series = linears.indices.map { i in
            Series(linears[i].name == "output" ? (zh ? "输出层" : "output") : (zh ? "第 \(i + 1) 层" : "layer \(i + 1)"),
                   x: x, y: history.map { $0.logNorms[i] })
        }
        return LineChart(title: zh ? "各层梯度范数 log₁₀‖∂L/∂θ‖" : "Gradient norm per layer, log₁₀‖∂L/∂θ‖",
                         xLabel: zh ? "步数" : "step", yLabel: "log₁₀‖g‖", series: series)
    }
}
