/// A vertical colour bar at the right of a chart, with ticks (used by heatmaps, decision regions, contours).
extension Axes {
    /// Draws a bar `map` over `range` at canvas x `left` spanning the plot's height, with nice ticks and a
    /// rotated `label`. `pale` mixes the colours towards white as a soft background was drawn.
    func drawColorBar(map: Colormap, range: ClosedRange<Double>, label: String, left: Double, pale: Double = 0,
                      into svg: inout SVGDocument) throws {
        let barTop = frame.plotY, barHeight = frame.plotHeight, barWidth = 16.0
        let strip = Raster.colorBar(map: map, width: 1, height: 256, vertical: true).pale(pale)
        try svg.image(strip, x: left, y: barTop, width: barWidth, height: barHeight)
        svg.rect(x: left, y: barTop, width: barWidth, height: barHeight, fill: nil, stroke: RGB(120, 120, 120))
        let span = range.upperBound - range.lowerBound
        guard span > 0 else { return }
        let ticks = Ticks.nice(range, count: 5).filter {
            $0 >= range.lowerBound - span * 1e-9 && $0 <= range.upperBound + span * 1e-9
        }
        var widest = 0.0
        for (t, text) in zip(ticks, Ticks.labels(ticks)) {
            let y = barTop + (range.upperBound - t) / span * barHeight
            svg.line(left + barWidth, y, left + barWidth + 4, y, stroke: Palette.ink)
            svg.text(text, x: left + barWidth + 7, y: y + 4, size: 11, fill: Palette.muted)
            widest = Swift.max(widest, Axes.textWidth(text, size: 11))
        }
        svg.text(label, x: left + barWidth + 7 + widest + 16, y: barTop + barHeight / 2, size: 13, anchor: .middle,
                 rotation: 90)
    }
}
