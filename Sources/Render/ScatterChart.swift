/// One named group of points in a `ScatterChart`, drawn in one colour.
public struct PointGroup: Sendable {
    /// Legend name.
    public var name: String
    /// Point x coordinates.
    public var x: [Double]
    /// Point y coordinates.
    public var y: [Double]
    /// Fill colour.
    public var color: RGB
    /// Dot radius in canvas units.
    public var radius: Double
    /// Fill opacity (many overlapping points stay readable below 1).
    public var opacity: Double

    /// A group; `x` and `y` must have the same length.
    public init(_ name: String, x: [Double], y: [Double], color: RGB, radius: Double = 3, opacity: Double = 0.8) {
        precondition(x.count == y.count, "point group \(name): \(x.count) x but \(y.count) y")
        self.name = name
        self.x = x
        self.y = y
        self.color = color
        self.radius = radius
        self.opacity = opacity
    }
}

/// Groups of 2-D points, each in its own colour, optionally over a scalar field drawn as a soft background with
/// its colour bar (a discriminator's output over the plane, a density). The legend sits in the right margin, so
/// it never hides points; the plot box is square when `range` is given for both axes.
public struct ScatterChart: Chart, Sendable {
    public var title: String
    /// x-axis label.
    public var xLabel: String
    /// y-axis label.
    public var yLabel: String
    /// The groups, drawn in order (later groups on top).
    public var groups: [PointGroup]
    /// The plot box: x range and y range (nil: fitted to the points with a margin).
    public var box: (x: ClosedRange<Double>, y: ClosedRange<Double>)?
    /// A field over the box drawn behind the points, its colour map, range and colour-bar label.
    public var background: (grid: Grid2D, map: Colormap, range: ClosedRange<Double>, label: String)?

    /// A scatter chart.
    public init(title: String, xLabel: String, yLabel: String, groups: [PointGroup],
                box: (x: ClosedRange<Double>, y: ClosedRange<Double>)? = nil,
                background: (grid: Grid2D, map: Colormap, range: ClosedRange<Double>, label: String)? = nil) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.groups = groups
        self.box = box ?? background.map { ($0.grid.xRange, $0.grid.yRange) }
        self.background = background
    }

    public func draw() throws -> SVGDocument {
        let legendWidth = 40 + (groups.map { Axes.textWidth($0.name, size: 12.5) }.max() ?? 0)
        let barWidth = background == nil ? 0.0 : 90
        var frame = ChartFrame(width: 560 + legendWidth + barWidth, height: 560)
        frame.right = 26 + legendWidth + barWidth
        var svg = SVGDocument(width: frame.width, height: frame.height)
        let range: (x: ClosedRange<Double>, y: ClosedRange<Double>) = box ?? {
            let xr = Axes.fit(groups.flatMap(\.x)), yr = Axes.fit(groups.flatMap(\.y))
            let px = (xr.upperBound - xr.lowerBound) * 0.05, py = (yr.upperBound - yr.lowerBound) * 0.05
            return ((xr.lowerBound - px)...(xr.upperBound + px), (yr.lowerBound - py)...(yr.upperBound + py))
        }()
        let axes = Axes(frame: frame, x: range.x, y: range.y, niceX: box == nil, niceY: box == nil)
        if let background {
            let span = background.range.upperBound - background.range.lowerBound
            try svg.image(background.grid.image { v in
                background.map.color(span > 0 ? (v - background.range.lowerBound) / span : 0.5)
                    .mixed(with: RGB(255, 255, 255), 0.3)
            }, x: frame.plotX, y: frame.plotY, width: frame.plotWidth, height: frame.plotHeight)
        } else {
            axes.drawBackground(into: &svg)
        }
        svg.beginClip(x: frame.plotX, y: frame.plotY, width: frame.plotWidth, height: frame.plotHeight)
        for group in groups {
            for (x, y) in zip(group.x, group.y) {
                let p = axes.point(x, y)
                svg.circle(cx: p.x, cy: p.y, r: group.radius, fill: group.color, opacity: group.opacity)
            }
        }
        svg.endClip()
        axes.drawAxes(into: &svg, title: title, xLabel: xLabel, yLabel: yLabel)
        // The legend, in the right margin next to the plot box.
        let left = frame.plotX + frame.plotWidth + 16
        for (i, group) in groups.enumerated() {
            let cy = frame.plotY + 12 + 22 * Double(i)
            svg.circle(cx: left + 8, cy: cy, r: 5.5, fill: group.color)
            svg.text(group.name, x: left + 22, y: cy + 4.5, size: 12.5)
        }
        if let background {
            try axes.drawColorBar(map: background.map, range: background.range, label: background.label,
                                  left: frame.width - barWidth + 8, pale: 0.3, into: &svg)
        }
        return svg
    }
}
