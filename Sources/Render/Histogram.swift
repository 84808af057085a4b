/// Histograms of one or more samples on shared bins (weight distributions: L1 vs L2). Groups are overlaid as
/// translucent bars with a solid outline, so a spike at zero and a bell curve stay readable together.
public struct Histogram: Chart, Sendable {
    /// One named sample.
    public struct Group: Sendable {
        /// Legend name.
        public var name: String
        /// The sample (non-finite values are skipped).
        public var values: [Double]
        /// Colour; nil takes the palette colour of its index.
        public var color: RGB?

        /// A group.
        public init(_ name: String, values: [Double], color: RGB? = nil) {
            self.name = name
            self.values = values
            self.color = color
        }
    }

    public var title: String
    /// x-axis label (the quantity, with units).
    public var xLabel: String
    /// y-axis label.
    public var yLabel: String
    /// The samples.
    public var groups: [Group]
    /// Number of bins across `range`.
    public var bins: Int
    /// Bin range; nil covers all groups' values.
    public var range: ClosedRange<Double>?

    /// A histogram chart.
    public init(title: String, xLabel: String, yLabel: String = "count", groups: [Group], bins: Int = 40,
                range: ClosedRange<Double>? = nil) {
        precondition(bins >= 1, "a histogram needs at least one bin")
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.groups = groups
        self.bins = bins
        self.range = range
    }

    /// Bin counts of each group over the shared range (values outside it are not counted).
    public func counts() -> (range: ClosedRange<Double>, counts: [[Int]]) {
        let r = range ?? Axes.fit(groups.flatMap(\.values))
        let width = (r.upperBound - r.lowerBound) / Double(bins)
        let counts = groups.map { group -> [Int] in
            var c = [Int](repeating: 0, count: bins)
            for v in group.values where v.isFinite && r.contains(v) {
                c[Swift.min(bins - 1, Int((v - r.lowerBound) / width))] += 1
            }
            return c
        }
        return (r, counts)
    }

    public func draw() throws -> SVGDocument {
        let (r, counts) = counts()
        let frame = ChartFrame(width: 680, height: 440)
        var svg = SVGDocument(width: frame.width, height: frame.height)
        let top = Double(counts.flatMap { $0 }.max() ?? 1)
        let axes = Axes(frame: frame, x: r, y: 0...Swift.max(1, top * 1.05), niceX: false, niceY: true)
        axes.drawBackground(into: &svg)
        let width = (r.upperBound - r.lowerBound) / Double(bins)
        var legend: [LegendEntry] = []
        var drawn: [(x: Double, y: Double)] = []
        for (g, group) in groups.enumerated() {
            let color = group.color ?? Palette.color(g)
            var outline: [(x: Double, y: Double)] = [axes.point(r.lowerBound, 0)]
            for (b, count) in counts[g].enumerated() {
                let x0 = r.lowerBound + Double(b) * width
                let p0 = axes.point(x0, Double(count)), p1 = axes.point(x0 + width, 0)
                if count > 0 {
                    svg.rect(x: p0.x, y: p0.y, width: p1.x - p0.x, height: p1.y - p0.y, fill: color, opacity: 0.35)
                }
                outline.append(p0)
                outline.append((p1.x, p0.y))
                drawn += stride(from: p0.y, through: p1.y, by: 6).map { (p0.x + (p1.x - p0.x) / 2, $0) }
            }
            outline.append(axes.point(r.upperBound, 0))
            svg.polyline(outline, stroke: color, width: 1.8)
            legend.append(LegendEntry(name: "\(group.name) (n = \(group.values.count))", color: color, style: .box))
        }
        axes.drawAxes(into: &svg, title: title, xLabel: xLabel, yLabel: yLabel)
        axes.drawLegend(legend, avoiding: drawn, into: &svg)
        return svg
    }
}
