import Foundation

/// The canvas of a chart and the margins around its plot box (title above, tick labels and axis labels around).
struct ChartFrame {
    var width: Double
    var height: Double
    var left: Double = 76
    var right: Double = 26
    var top: Double = 54
    var bottom: Double = 60

    var plotX: Double { left }
    var plotY: Double { top }
    var plotWidth: Double { width - left - right }
    var plotHeight: Double { height - top - bottom }
}

/// How a legend entry is drawn.
struct LegendEntry {
    enum Style { case line, dashedLine, box, dot, lineWithDots, cross }
    var name: String
    var color: RGB
    var style: Style
}

/// Data ↔ canvas mapping of one plot box, with its ticks; draws the grid, axes, labels, title and legend.
struct Axes {
    let frame: ChartFrame
    let x: ClosedRange<Double>
    let y: ClosedRange<Double>
    let xTicks: [Double]
    let yTicks: [Double]

    /// Axes over `x` × `y`; a "nice" axis widens its range to the enclosing ticks. `minimumXStep` 1 keeps
    /// ticks on whole numbers when x counts something (epochs, steps).
    init(frame: ChartFrame, x: ClosedRange<Double>, y: ClosedRange<Double>, niceX: Bool = true, niceY: Bool = true,
         minimumXStep: Double = 0) {
        self.frame = frame
        let xt = Ticks.nice(x, count: Swift.max(3, Int(frame.plotWidth / 90)), minimumStep: minimumXStep)
        let yt = Ticks.nice(y, count: Swift.max(3, Int(frame.plotHeight / 60)))
        self.x = niceX && xt.count > 1 ? xt.first!...xt.last! : x
        self.y = niceY && yt.count > 1 ? yt.first!...yt.last! : y
        let (xr, yr) = (self.x, self.y)
        let eps = 1e-9
        self.xTicks = xt.filter { $0 >= xr.lowerBound - eps * abs(xr.upperBound - xr.lowerBound)
            && $0 <= xr.upperBound + eps * abs(xr.upperBound - xr.lowerBound) }
        self.yTicks = yt.filter { $0 >= yr.lowerBound - eps * abs(yr.upperBound - yr.lowerBound)
            && $0 <= yr.upperBound + eps * abs(yr.upperBound - yr.lowerBound) }
    }

    /// The finite range of `values`, widened when flat so the axis still has a span.
    static func fit(_ values: [Double]) -> ClosedRange<Double> {
        let r = Raster.finiteRange(values)
        if r.upperBound > r.lowerBound { return r }
        let pad = r.lowerBound == 0 ? 1 : abs(r.lowerBound) * 0.5
        let largest = Double.greatestFiniteMagnitude
        return Swift.max(-largest, r.lowerBound - pad)...Swift.min(largest, r.upperBound + pad)
    }

    /// The fraction of the way from `lower` to `upper` at which `v` lies. Halving first keeps the differences
    /// finite when the range spans ±1e308 (halving is exact, so ordinary ranges give the same bits).
    static func fraction(_ v: Double, from lower: Double, to upper: Double) -> Double {
        let span = upper - lower
        return span.isFinite && (v - lower).isFinite ? (v - lower) / span : (v / 2 - lower / 2) / (upper / 2 - lower / 2)
    }

    func px(_ v: Double) -> Double {
        frame.plotX + Axes.fraction(v, from: x.lowerBound, to: x.upperBound) * frame.plotWidth
    }

    func py(_ v: Double) -> Double {
        // (v − top) / (bottom − top): the same bits as (top − v) / (top − bottom), negation being exact.
        frame.plotY + Axes.fraction(v, from: y.upperBound, to: y.lowerBound) * frame.plotHeight
    }

    func point(_ vx: Double, _ vy: Double) -> (x: Double, y: Double) { (px(vx), py(vy)) }

    /// Light grid lines at the ticks.
    func drawBackground(into svg: inout SVGDocument, grid: Bool = true) {
        guard grid else { return }
        for t in xTicks { svg.line(px(t), frame.plotY, px(t), frame.plotY + frame.plotHeight, stroke: Palette.grid) }
        for t in yTicks { svg.line(frame.plotX, py(t), frame.plotX + frame.plotWidth, py(t), stroke: Palette.grid) }
    }

    /// The x = 0 and y = 0 lines, when they fall inside the box.
    func drawZeroLines(into svg: inout SVGDocument) {
        let c = RGB(160, 160, 160)
        if x.contains(0) { svg.line(px(0), frame.plotY, px(0), frame.plotY + frame.plotHeight, stroke: c, width: 1.2) }
        if y.contains(0) { svg.line(frame.plotX, py(0), frame.plotX + frame.plotWidth, py(0), stroke: c, width: 1.2) }
    }

    /// Frame, ticks, tick labels, axis labels and the title.
    func drawAxes(into svg: inout SVGDocument, title: String, xLabel: String, yLabel: String) {
        let (bx, by, bw, bh) = (frame.plotX, frame.plotY, frame.plotWidth, frame.plotHeight)
        svg.rect(x: bx, y: by, width: bw, height: bh, fill: nil, stroke: RGB(120, 120, 120), strokeWidth: 1)
        for (t, label) in zip(xTicks, Ticks.labels(xTicks)) {
            svg.line(px(t), by + bh, px(t), by + bh + 5, stroke: Palette.ink)
            svg.text(label, x: px(t), y: by + bh + 19, size: 12, anchor: .middle, fill: Palette.muted)
        }
        var widest = 0.0
        for (t, label) in zip(yTicks, Ticks.labels(yTicks)) {
            svg.line(bx - 5, py(t), bx, py(t), stroke: Palette.ink)
            svg.text(label, x: bx - 8, y: py(t) + 4, size: 12, anchor: .end, fill: Palette.muted)
            widest = Swift.max(widest, Axes.textWidth(label, size: 12))
        }
        drawTitle(title, into: &svg)
        svg.text(xLabel, x: bx + bw / 2, y: by + bh + 44, size: 14, anchor: .middle)
        let yLabelX = Swift.max(16, bx - widest - 20)
        svg.text(yLabel, x: yLabelX, y: by + bh / 2, size: 14, anchor: .middle, rotation: -90)
    }

    /// The bold title centred over the whole canvas.
    func drawTitle(_ title: String, into svg: inout SVGDocument) {
        svg.text(title, x: frame.width / 2, y: 32, size: 17, anchor: .middle, bold: true)
    }

    /// A legend box inside the plot, in whichever corner covers the fewest of `points`.
    func drawLegend(_ entries: [LegendEntry], avoiding points: [(x: Double, y: Double)],
                    into svg: inout SVGDocument) {
        guard !entries.isEmpty else { return }
        let rowHeight = 20.0, size = 12.5
        let w = 50 + (entries.map { Axes.textWidth($0.name, size: size) }.max() ?? 0) + 10
        let h = Double(entries.count) * rowHeight + 10
        let inset = 10.0
        let (bx, by, bw, bh) = (frame.plotX, frame.plotY, frame.plotWidth, frame.plotHeight)
        let corners = [(bx + bw - w - inset, by + inset), (bx + inset, by + inset),
                       (bx + bw - w - inset, by + bh - h - inset), (bx + inset, by + bh - h - inset)]
        let best = corners.min { a, b in
            covered(points, a.0, a.1, w, h) < covered(points, b.0, b.1, w, h)
        }!
        svg.rect(x: best.0, y: best.1, width: w, height: h, fill: RGB(255, 255, 255), stroke: RGB(190, 190, 190),
                 opacity: 0.9)
        for (i, e) in entries.enumerated() {
            let cy = best.1 + 5 + rowHeight * (Double(i) + 0.5)
            let x0 = best.0 + 10, x1 = best.0 + 38
            switch e.style {
            case .line, .dashedLine, .lineWithDots:
                svg.line(x0, cy, x1, cy, stroke: e.color, width: 2.5, dashed: e.style == .dashedLine)
                if e.style == .lineWithDots { svg.circle(cx: (x0 + x1) / 2, cy: cy, r: 3.5, fill: e.color) }
            case .box:
                svg.rect(x: x0 + 4, y: cy - 6, width: 20, height: 12, fill: e.color, stroke: e.color, opacity: 0.55)
            case .dot:
                svg.circle(cx: (x0 + x1) / 2, cy: cy, r: 5, fill: e.color, stroke: RGB(255, 255, 255))
            case .cross:
                let m = (x0 + x1) / 2
                svg.line(m - 6, cy - 6, m + 6, cy + 6, stroke: e.color, width: 2.5)
                svg.line(m - 6, cy + 6, m + 6, cy - 6, stroke: e.color, width: 2.5)
            }
            svg.text(e.name, x: x1 + 8, y: cy + 4.5, size: size)
        }
    }

    private func covered(_ points: [(x: Double, y: Double)], _ x0: Double, _ y0: Double, _ w: Double,
                         _ h: Double) -> Int {
        points.reduce(0) { $0 + ($1.x >= x0 - 4 && $1.x <= x0 + w + 4 && $1.y >= y0 - 4 && $1.y <= y0 + h + 4 ? 1 : 0) }
    }

    /// Points along a polyline every few pixels, so a legend also avoids the lines between data points.
    static func densify(_ points: [(x: Double, y: Double)], step: Double = 6) -> [(x: Double, y: Double)] {
        guard points.count > 1 else { return points }
        var out: [(x: Double, y: Double)] = [points[0]]
        for (a, b) in zip(points, points.dropFirst()) {
            let n = Swift.max(1, Int((hypot(b.x - a.x, b.y - a.y) / step).rounded(.up)))
            for k in 1...n {
                let t = Double(k) / Double(n)
                out.append((a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t))
            }
        }
        return out
    }

    /// Approximate advance width of `s` in DejaVu Sans (wide glyphs count double).
    static func textWidth(_ s: String, size: Double) -> Double {
        s.unicodeScalars.reduce(0) { $0 + ($1.value > 0x2E80 ? 1.0 : 0.6) } * size
    }
}
