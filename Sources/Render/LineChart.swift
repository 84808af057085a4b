import Foundation

/// One named line of a `LineChart`.
public struct Series: Sendable {
    /// Legend name.
    public var name: String
    /// x values (same count as `y`).
    public var x: [Double]
    /// y values; non-finite values break the line.
    public var y: [Double]
    /// Line colour; nil takes the next palette colour.
    public var color: RGB?
    /// Dashed line (e.g. validation vs solid training, or a derivative vs its function).
    public var dashed: Bool
    /// Draw a dot at every point (few points, e.g. per-epoch values).
    public var markers: Bool

    /// A series from parallel x and y arrays.
    public init(_ name: String, x: [Double], y: [Double], color: RGB? = nil, dashed: Bool = false,
                markers: Bool = false) {
        precondition(x.count == y.count, "series \(name): \(x.count) x values but \(y.count) y values")
        self.name = name
        self.x = x
        self.y = y
        self.color = color
        self.dashed = dashed
        self.markers = markers
    }

    /// A series with x = 1, 2, 3, … (per-epoch values).
    public init(_ name: String, perEpoch y: [Double], color: RGB? = nil, dashed: Bool = false,
                markers: Bool = true) {
        self.init(name, x: y.indices.map { Double($0 + 1) }, y: y, color: color, dashed: dashed, markers: markers)
    }

    /// `f` sampled at `samples` evenly spaced points of `range` (activation functions and their derivatives).
    public init(_ name: String, function f: (Double) -> Double, over range: ClosedRange<Double>,
                samples: Int = 401, color: RGB? = nil, dashed: Bool = false) {
        let xs = (0..<samples).map {
            range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / Double(samples - 1)
        }
        self.init(name, x: xs, y: xs.map(f), color: color, dashed: dashed)
    }
}

/// Line charts: training curves (several series, legend) and function plots (several functions on one axes).
public struct LineChart: Chart, Sendable {
    public var title: String
    /// x-axis label (with units).
    public var xLabel: String
    /// y-axis label (with units).
    public var yLabel: String
    /// The lines, drawn in order.
    public var series: [Series]
    /// Fixed x range; nil fits the data to nice ticks.
    public var xRange: ClosedRange<Double>?
    /// Fixed y range; nil fits the data to nice ticks.
    public var yRange: ClosedRange<Double>?
    /// Draw the x = 0 and y = 0 lines when inside the plot (function plots).
    public var showZeroLines: Bool

    /// A line chart.
    public init(title: String, xLabel: String, yLabel: String, series: [Series],
                xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil, showZeroLines: Bool = false) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.xRange = xRange
        self.yRange = yRange
        self.showZeroLines = showZeroLines
    }

    public func draw() throws -> SVGDocument {
        var svg = SVGDocument(width: 680, height: 440)
        let xs = series.flatMap(\.x), ys = series.flatMap(\.y)
        // Whole-number x counts something (steps, epochs): the axis ends where the count does, rather than at the
        // next round tick (16 steps drawn on an axis to 20 read as a shorter run).
        let counts = xs.allSatisfy { $0 == $0.rounded() }
        let axes = Axes(frame: ChartFrame(width: 680, height: 440),
                        x: xRange ?? Axes.fit(xs), y: yRange ?? Axes.fit(ys), niceX: xRange == nil && !counts,
                        niceY: yRange == nil, minimumXStep: counts ? 1 : 0)
        axes.drawBackground(into: &svg)
        if showZeroLines { axes.drawZeroLines(into: &svg) }
        var legend: [LegendEntry] = []
        var drawn: [(x: Double, y: Double)] = []
        let frame = axes.frame
        for (i, s) in series.enumerated() {
            let color = s.color ?? Palette.color(i)
            // Lines stop at the box; markers on its edge stay whole.
            svg.beginClip(x: frame.plotX, y: frame.plotY, width: frame.plotWidth, height: frame.plotHeight)
            var run: [(x: Double, y: Double)] = []
            for (x, y) in zip(s.x, s.y) {
                if x.isFinite && y.isFinite { run.append(axes.point(x, y)) } else {
                    svg.polyline(run, stroke: color, width: 2.2, dashed: s.dashed)
                    drawn += Axes.densify(run)
                    run = []
                }
            }
            svg.polyline(run, stroke: color, width: 2.2, dashed: s.dashed)
            drawn += Axes.densify(run)
            svg.endClip()
            if s.markers {
                svg.beginClip(x: frame.plotX - 5, y: frame.plotY - 5, width: frame.plotWidth + 10,
                              height: frame.plotHeight + 10)
                for (x, y) in zip(s.x, s.y) where x.isFinite && y.isFinite {
                    let p = axes.point(x, y)
                    svg.circle(cx: p.x, cy: p.y, r: 3.2, fill: color, stroke: RGB(255, 255, 255), strokeWidth: 1)
                }
                svg.endClip()
            }
            legend.append(LegendEntry(name: s.name, color: color, style: s.dashed ? .dashedLine : .line))
        }
        axes.drawAxes(into: &svg, title: title, xLabel: xLabel, yLabel: yLabel)
        axes.drawLegend(legend, avoiding: drawn, into: &svg)
        return svg
    }
}
