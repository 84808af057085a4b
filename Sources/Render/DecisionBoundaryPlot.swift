/// 2-D points coloured by class over a binary classifier's decision regions: the predicted probability of
/// class 1 as a soft blue–white–red background and the P = 0.5 contour as the decision boundary.
public struct DecisionBoundaryPlot: Chart, Sendable {
    public var title: String
    /// x-axis label.
    public var xLabel: String
    /// y-axis label.
    public var yLabel: String
    /// Point x coordinates.
    public var x: [Double]
    /// Point y coordinates.
    public var y: [Double]
    /// Class of each point: 0 or 1.
    public var labels: [Int]
    /// Legend names of class 0 and class 1.
    public var classNames: [String]
    /// P(class 1) over the plot box; the box is the grid's x and y range.
    public var probability: Grid2D
    /// Label of the colour bar; nil: `P(<class 1>)`. A score squashed into 0…1 that is not a probability says so.
    public var barLabel: String?
    /// Legend entry of the boundary line (in the figure's language).
    public var boundaryLabel = "boundary P = 0.5"

    /// A plot from a precomputed probability grid.
    public init(title: String, xLabel: String = "x₁", yLabel: String = "x₂", x: [Double], y: [Double],
                labels: [Int], classNames: [String] = ["class 0", "class 1"], probability: Grid2D) {
        precondition(x.count == y.count && y.count == labels.count,
                     "decision plot: \(x.count) x, \(y.count) y and \(labels.count) labels must match")
        precondition(labels.allSatisfy { $0 == 0 || $0 == 1 }, "decision plot labels must be 0 or 1")
        precondition(classNames.count == 2, "decision plot needs two class names")
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.x = x
        self.y = y
        self.labels = labels
        self.classNames = classNames
        self.probability = probability
    }

    /// A plot that samples the classifier `p(x, y)` = P(class 1) over a box around the points (5 % margin).
    public init(title: String, xLabel: String = "x₁", yLabel: String = "x₂", x: [Double], y: [Double],
                labels: [Int], classNames: [String] = ["class 0", "class 1"], resolution: Int = 150,
                probability p: (Double, Double) -> Double) {
        let xr = Axes.fit(x), yr = Axes.fit(y)
        let px = (xr.upperBound - xr.lowerBound) * 0.08, py = (yr.upperBound - yr.lowerBound) * 0.08
        let grid = Grid2D(columns: resolution, rows: resolution, xRange: (xr.lowerBound - px)...(xr.upperBound + px),
                          yRange: (yr.lowerBound - py)...(yr.upperBound + py), f: p)
        self.init(title: title, xLabel: xLabel, yLabel: yLabel, x: x, y: y, labels: labels, classNames: classNames,
                  probability: grid)
    }

    /// The soft background colour for a probability: white at 0.5, pale blue towards 0, pale red towards 1.
    static func background(_ p: Double) -> RGB {
        Colormap.diverging.color(p).mixed(with: RGB(255, 255, 255), 0.35)
    }

    public func draw() throws -> SVGDocument {
        var frame = ChartFrame(width: 640, height: 540)
        frame.right = 96
        var svg = SVGDocument(width: frame.width, height: frame.height)
        let axes = Axes(frame: frame, x: probability.xRange, y: probability.yRange, niceX: false, niceY: false)
        try svg.image(probability.image(Self.background), x: frame.plotX, y: frame.plotY, width: frame.plotWidth,
                      height: frame.plotHeight)
        svg.segments(probability.contour(at: 0.5).map { (axes.point($0.0.x, $0.0.y), axes.point($0.1.x, $0.1.y)) },
                     stroke: RGB(30, 30, 30), width: 2.2)
        let colors = [Colormap.diverging.color(0.02), Colormap.diverging.color(0.98)]
        var drawn: [(x: Double, y: Double)] = []
        svg.beginClip(x: frame.plotX, y: frame.plotY, width: frame.plotWidth, height: frame.plotHeight)
        for i in x.indices {
            let p = axes.point(x[i], y[i])
            drawn.append(p)
            svg.circle(cx: p.x, cy: p.y, r: 4.2, fill: colors[labels[i]], stroke: RGB(255, 255, 255), strokeWidth: 1)
        }
        svg.endClip()
        axes.drawAxes(into: &svg, title: title, xLabel: xLabel, yLabel: yLabel)
        try axes.drawColorBar(map: .diverging, range: 0...1, label: barLabel ?? "P(\(classNames[1]))", left: frame.width - 80,
                              pale: 0.35, into: &svg)
        axes.drawLegend([LegendEntry(name: classNames[0], color: colors[0], style: .dot),
                         LegendEntry(name: classNames[1], color: colors[1], style: .dot),
                         LegendEntry(name: boundaryLabel, color: RGB(30, 30, 30), style: .line)],
                        avoiding: drawn, into: &svg)
        return svg
    }
}
