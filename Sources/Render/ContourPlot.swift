import Foundation

/// Contour lines of a 2-D function with optimizer paths drawn on top (SGD, momentum, Adagrad, RMSProp, Adam on an
/// ill-conditioned surface): each path a coloured polyline with a dot per step, a ring at its start, a legend.
public struct ContourPlot: Chart, Sendable {
    /// One optimizer's trajectory.
    public struct Path: Sendable {
        /// Legend name.
        public var name: String
        /// x of each iterate, start first.
        public var x: [Double]
        /// y of each iterate.
        public var y: [Double]
        /// Colour; nil takes the palette colour of its index.
        public var color: RGB?

        /// A path from parallel coordinate arrays.
        public init(_ name: String, x: [Double], y: [Double], color: RGB? = nil) {
            precondition(x.count == y.count, "path \(name): \(x.count) x values but \(y.count) y values")
            self.name = name
            self.x = x
            self.y = y
            self.color = color
        }
    }

    public var title: String
    /// x-axis label.
    public var xLabel: String
    /// y-axis label.
    public var yLabel: String
    /// The function's samples; the plot box is the grid's range.
    public var grid: Grid2D
    /// Contour levels; nil spaces 14 levels quadratically from the minimum (even rings on a quadratic bowl).
    public var levels: [Double]?
    /// The trajectories.
    public var paths: [Path]
    /// A marked point such as the minimum, with its legend name.
    public var marker: (x: Double, y: Double, name: String)?
    /// Name of the function's values in the colour bar, e.g. "loss f(x, y)".
    public var valueLabel: String

    /// A contour plot of `f` over a box.
    public init(title: String, xLabel: String = "x", yLabel: String = "y", valueLabel: String = "f(x, y)",
                f: (Double, Double) -> Double, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>,
                resolution: Int = 200, levels: [Double]? = nil, paths: [Path] = [],
                marker: (x: Double, y: Double, name: String)? = nil) {
        self.init(title: title, xLabel: xLabel, yLabel: yLabel, valueLabel: valueLabel,
                  grid: Grid2D(columns: resolution, rows: resolution, xRange: xRange, yRange: yRange, f: f),
                  levels: levels, paths: paths, marker: marker)
    }

    /// A contour plot of a precomputed grid.
    public init(title: String, xLabel: String = "x", yLabel: String = "y", valueLabel: String = "f(x, y)",
                grid: Grid2D, levels: [Double]? = nil, paths: [Path] = [],
                marker: (x: Double, y: Double, name: String)? = nil) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.valueLabel = valueLabel
        self.grid = grid
        self.levels = levels
        self.paths = paths
        self.marker = marker
    }

    /// The levels drawn: given ones, or 14 quadratically spaced between the grid's minimum and maximum.
    public var drawnLevels: [Double] {
        if let levels { return levels }
        let r = Raster.finiteRange(grid.values)
        // Two significant digits keep the colour-bar labels readable (4.6, 18, 42 instead of 4.63, 18.5, 41.6).
        let raw = (1...14).map { r.lowerBound + (r.upperBound - r.lowerBound) * pow(Double($0) / 15, 2) }
        let rounded = raw.map { v -> Double in
            guard v != 0, v.isFinite else { return v }
            let p = pow(10, (log10(abs(v))).rounded(.down) - 1)
            return (v / p).rounded() * p
        }
        return rounded.enumerated().filter { $0.offset == 0 || $0.element != rounded[$0.offset - 1] }.map(\.element)
    }

    public func draw() throws -> SVGDocument {
        var frame = ChartFrame(width: 720, height: 540)
        frame.right = 100
        var svg = SVGDocument(width: frame.width, height: frame.height)
        let axes = Axes(frame: frame, x: grid.xRange, y: grid.yRange, niceX: false, niceY: false)
        let levels = drawnLevels
        let lo = levels.first ?? 0, hi = levels.last ?? 1
        // Level position on the colour bar: rank among the levels, so quadratically spaced levels use the full map.
        func shade(_ v: Double) -> Double {
            guard hi > lo else { return 0 }
            return Swift.min(1, Swift.max(0, (v - lo) / (hi - lo)).squareRoot())
        }
        try svg.image(grid.image { Colormap.viridis.color(shade($0)).mixed(with: RGB(255, 255, 255), 0.72) },
                      x: frame.plotX, y: frame.plotY, width: frame.plotWidth, height: frame.plotHeight)
        for level in levels {
            let line = Colormap.viridis.color(shade(level) * 0.85).mixed(with: RGB(255, 255, 255), 0.15)
            svg.segments(grid.contour(at: level).map { (axes.point($0.0.x, $0.0.y), axes.point($0.1.x, $0.1.y)) },
                         stroke: line, width: 1.1)
        }
        var legend: [LegendEntry] = []
        var drawn: [(x: Double, y: Double)] = []
        svg.beginClip(x: frame.plotX, y: frame.plotY, width: frame.plotWidth, height: frame.plotHeight)
        for (i, path) in paths.enumerated() {
            let color = path.color ?? Palette.color(i)
            let points = zip(path.x, path.y).filter { $0.0.isFinite && $0.1.isFinite }.map { axes.point($0.0, $0.1) }
            svg.polyline(points, stroke: color, width: 2)
            for p in points { svg.circle(cx: p.x, cy: p.y, r: 2.6, fill: color) }
            if let start = points.first {
                svg.circle(cx: start.x, cy: start.y, r: 6, fill: RGB(255, 255, 255), stroke: color, strokeWidth: 2.2)
            }
            drawn += Axes.densify(points)
            legend.append(LegendEntry(name: path.name, color: color, style: .lineWithDots))
        }
        if let marker {
            let p = axes.point(marker.x, marker.y)
            svg.line(p.x - 7, p.y - 7, p.x + 7, p.y + 7, stroke: Palette.ink, width: 2.5)
            svg.line(p.x - 7, p.y + 7, p.x + 7, p.y - 7, stroke: Palette.ink, width: 2.5)
            drawn.append(p)
        }
        svg.endClip()
        axes.drawAxes(into: &svg, title: title, xLabel: xLabel, yLabel: yLabel)
        if let marker { legend.append(LegendEntry(name: marker.name, color: Palette.ink, style: .cross)) }
        axes.drawLegend(legend, avoiding: drawn, into: &svg)
        try drawLevelBar(axes: axes, levels: levels, shade: shade, into: &svg)
        return svg
    }

    /// The colour bar: the levels' colours, labelled with their values at their (non-linear) positions.
    private func drawLevelBar(axes: Axes, levels: [Double], shade: (Double) -> Double,
                              into svg: inout SVGDocument) throws {
        let frame = axes.frame, left = frame.width - 84, w = 16.0
        try svg.image(Raster.colorBar(map: .viridis, width: 1, height: 256, vertical: true)
                        .rgb().pale(0.72), x: left, y: frame.plotY, width: w, height: frame.plotHeight)
        svg.rect(x: left, y: frame.plotY, width: w, height: frame.plotHeight, fill: nil, stroke: RGB(120, 120, 120))
        let shown = levels.count > 7 ? levels.enumerated().filter { $0.offset % 2 == 1 }.map(\.element) : levels
        for v in shown {
            let y = frame.plotY + (1 - shade(v)) * frame.plotHeight
            svg.line(left, y, left + w + 4, y, stroke: Palette.ink)
            svg.text(Ticks.label(v), x: left + w + 7, y: y + 4, size: 11, fill: Palette.muted)
        }
        svg.text(valueLabel, x: frame.width - 12, y: frame.plotY + frame.plotHeight / 2, size: 13, anchor: .middle,
                 rotation: 90)
    }
}

extension PNGImage {
    /// An RGB image mixed towards white by `amount` (0 … 1): pale backgrounds under lines.
    func pale(_ amount: Double) -> PNGImage {
        var out = self
        for i in out.pixels.indices { out.pixels[i] = UInt8((Double(out.pixels[i]) * (1 - amount) + 255 * amount).rounded()) }
        return out
    }
}
