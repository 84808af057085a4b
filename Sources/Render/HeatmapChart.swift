import Foundation

/// A labelled matrix: coloured cells with their numbers, row and column labels, a colour bar (confusion matrix
/// with class names, attention weights with tokens). Signed matrices use the diverging map, others viridis.
public struct HeatmapChart: Chart, Sendable {
    public var title: String
    /// `rows × columns` values, row-major (row 0 drawn at the top).
    public var matrix: [Double]
    /// One label per row, drawn at the left.
    public var rowLabels: [String]
    /// One label per column, drawn under the matrix.
    public var columnLabels: [String]
    /// What the columns are (e.g. "predicted class", "key").
    public var xLabel: String
    /// What the rows are (e.g. "true class", "query").
    public var yLabel: String
    /// Name of the values in the colour bar (e.g. "images", "attention weight").
    public var valueLabel: String
    /// Print each cell's value in it.
    public var showValues: Bool

    /// A heatmap chart; `matrix` has `rowLabels.count × columnLabels.count` values.
    public init(title: String, matrix: [Double], rowLabels: [String], columnLabels: [String],
                xLabel: String, yLabel: String, valueLabel: String = "value", showValues: Bool = true) {
        precondition(matrix.count == rowLabels.count * columnLabels.count,
                     "heatmap of \(rowLabels.count)×\(columnLabels.count) needs \(rowLabels.count * columnLabels.count) values, got \(matrix.count)")
        self.title = title
        self.matrix = matrix
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.valueLabel = valueLabel
        self.showValues = showValues
    }

    /// The map and the range it is drawn on: ±max|v| when any value is negative, else 0…max.
    var scale: (map: Colormap, range: ClosedRange<Double>) {
        let m = Raster.maxMagnitude(matrix)
        return matrix.contains { $0 < 0 } ? (.diverging, -m...m) : (.viridis, 0...m)
    }

    /// A cell's text: integers as integers, others with two decimals (three below 0.1).
    func cellText(_ v: Double) -> String {
        guard v.isFinite else { return "–" }
        if matrix.allSatisfy({ $0 == $0.rounded() }) { return String(Int(v)) }
        return String(format: abs(v) < 0.1 && v != 0 ? "%.3f" : "%.2f", v).replacingOccurrences(of: "-", with: "−")
    }

    public func draw() throws -> SVGDocument {
        let rows = rowLabels.count, cols = columnLabels.count
        let cell = Swift.max(22, Swift.min(52, 520 / Double(Swift.max(rows, cols))))
        let rowLabelWidth = (rowLabels.map { Axes.textWidth($0, size: 12) }.max() ?? 0) + 12
        let colLabelWidth = columnLabels.map { Axes.textWidth($0, size: 12) }.max() ?? 0
        let rotate = colLabelWidth > cell - 4
        let colLabelHeight = rotate ? colLabelWidth * 0.72 + 16 : 20
        var frame = ChartFrame(width: 0, height: 0)
        frame.left = 40 + rowLabelWidth
        frame.top = 58
        frame.bottom = colLabelHeight + 40
        frame.right = 100
        frame.width = Swift.max(frame.left + cell * Double(cols) + frame.right,
                                Axes.textWidth(title, size: 17) + 40)
        frame.height = frame.top + cell * Double(rows) + frame.bottom
        let x0 = frame.left, y0 = frame.top
        var svg = SVGDocument(width: frame.width, height: frame.height)
        let axes = Axes(frame: frame, x: 0...Double(cols), y: 0...Double(rows), niceX: false, niceY: false)
        let (map, range) = scale
        let fontSize = Swift.min(13, cell * 0.36)
        for r in 0..<rows {
            for c in 0..<cols {
                let v = matrix[r * cols + c]
                let color = map.color(value: v, limit: range.upperBound)
                svg.rect(x: x0 + Double(c) * cell, y: y0 + Double(r) * cell, width: cell, height: cell, fill: color,
                         stroke: RGB(255, 255, 255), strokeWidth: 1)
                if showValues {
                    let luminance = 0.299 * Double(color.r) + 0.587 * Double(color.g) + 0.114 * Double(color.b)
                    svg.text(cellText(v), x: x0 + (Double(c) + 0.5) * cell, y: y0 + (Double(r) + 0.5) * cell + fontSize * 0.36,
                             size: fontSize, anchor: .middle, fill: luminance < 128 ? RGB(255, 255, 255) : Palette.ink)
                }
            }
        }
        svg.rect(x: x0, y: y0, width: cell * Double(cols), height: cell * Double(rows), fill: nil,
                 stroke: RGB(120, 120, 120))
        for (r, label) in rowLabels.enumerated() {
            svg.text(label, x: x0 - 8, y: y0 + (Double(r) + 0.5) * cell + 4, size: 12, anchor: .end)
        }
        let below = y0 + cell * Double(rows)
        for (c, label) in columnLabels.enumerated() {
            let cx = x0 + (Double(c) + 0.5) * cell
            if rotate {
                svg.text(label, x: cx + 4, y: below + 12, size: 12, anchor: .end, rotation: -45)
            } else {
                svg.text(label, x: cx, y: below + 16, size: 12, anchor: .middle)
            }
        }
        axes.drawTitle(title, into: &svg)
        svg.text(xLabel, x: x0 + cell * Double(cols) / 2, y: below + colLabelHeight + 22, size: 14, anchor: .middle,
                 bold: false)
        svg.text(yLabel, x: x0 - rowLabelWidth - 14, y: y0 + cell * Double(rows) / 2, size: 14, anchor: .middle,
                 rotation: -90)
        try axes.drawColorBar(map: map, range: range, label: valueLabel, left: x0 + cell * Double(cols) + 22,
                              into: &svg)
        return svg
    }
}
