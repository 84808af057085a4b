/// A function sampled on a regular grid over a box: the loss surface of a contour plot, a classifier's
/// probabilities behind a decision-boundary plot.
public struct Grid2D: Sendable {
    /// Samples along x (≥ 2).
    public let columns: Int
    /// Samples along y (≥ 2).
    public let rows: Int
    /// The x interval; column 0 is `lowerBound`, the last column `upperBound`.
    public let xRange: ClosedRange<Double>
    /// The y interval; row 0 is `lowerBound` (bottom), the last row `upperBound` (top).
    public let yRange: ClosedRange<Double>
    /// `rows × columns` values, row-major, row 0 at the bottom.
    public let values: [Double]

    /// A grid from precomputed values (row 0 = lowest y).
    public init(columns: Int, rows: Int, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, values: [Double]) {
        precondition(columns >= 2 && rows >= 2, "a grid needs at least 2×2 samples")
        precondition(values.count == columns * rows,
                     "a \(columns)×\(rows) grid needs \(columns * rows) values, got \(values.count)")
        self.columns = columns
        self.rows = rows
        self.xRange = xRange
        self.yRange = yRange
        self.values = values
    }

    /// A grid by sampling `f(x, y)` at `columns × rows` points.
    public init(columns: Int = 160, rows: Int = 160, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>,
                f: (Double, Double) -> Double) {
        var values = [Double](repeating: 0, count: columns * rows)
        for r in 0..<rows {
            let y = yRange.lowerBound + (yRange.upperBound - yRange.lowerBound) * Double(r) / Double(rows - 1)
            for c in 0..<columns {
                let x = xRange.lowerBound + (xRange.upperBound - xRange.lowerBound) * Double(c) / Double(columns - 1)
                values[r * columns + c] = f(x, y)
            }
        }
        self.init(columns: columns, rows: rows, xRange: xRange, yRange: yRange, values: values)
    }

    /// x of column `c`.
    public func x(_ c: Double) -> Double {
        xRange.lowerBound + (xRange.upperBound - xRange.lowerBound) * c / Double(columns - 1)
    }

    /// y of row `r`.
    public func y(_ r: Double) -> Double {
        yRange.lowerBound + (yRange.upperBound - yRange.lowerBound) * r / Double(rows - 1)
    }

    /// The iso-line `f = level` as segments in data coordinates (marching squares; saddle cells are resolved by
    /// the cell-centre average so lines never cross).
    public func contour(at level: Double) -> [((x: Double, y: Double), (x: Double, y: Double))] {
        var out: [((x: Double, y: Double), (x: Double, y: Double))] = []
        for r in 0..<(rows - 1) {
            for c in 0..<(columns - 1) {
                let v00 = values[r * columns + c] - level, v10 = values[r * columns + c + 1] - level
                let v01 = values[(r + 1) * columns + c] - level, v11 = values[(r + 1) * columns + c + 1] - level
                guard v00.isFinite, v10.isFinite, v01.isFinite, v11.isFinite else { continue }
                let cr = Double(c), rr = Double(r)
                // Crossings on the four edges: bottom, right, top, left.
                func cross(_ a: Double, _ b: Double) -> Double? { (a < 0) != (b < 0) ? a / (a - b) : nil }
                var points: [(edge: Int, p: (x: Double, y: Double))] = []
                if let t = cross(v00, v10) { points.append((0, (x(cr + t), y(rr)))) }
                if let t = cross(v10, v11) { points.append((1, (x(cr + 1), y(rr + t)))) }
                if let t = cross(v01, v11) { points.append((2, (x(cr + t), y(rr + 1)))) }
                if let t = cross(v00, v01) { points.append((3, (x(cr), y(rr + t)))) }
                if points.count == 2 {
                    out.append((points[0].p, points[1].p))
                } else if points.count == 4 {
                    let centre = (v00 + v10 + v01 + v11) / 4
                    if (centre < 0) == (v00 < 0) {
                        out.append((points[0].p, points[1].p)); out.append((points[2].p, points[3].p))
                    } else {
                        out.append((points[0].p, points[3].p)); out.append((points[1].p, points[2].p))
                    }
                }
            }
        }
        return out
    }

    /// The grid as an image, top row = highest y, coloured by `color` for each value.
    func image(_ color: (Double) -> RGB) -> PNGImage {
        var image = PNGImage(width: columns, height: rows, format: .rgb)
        for r in 0..<rows {
            for c in 0..<columns {
                let k = color(values[r * columns + c])
                image.setPixel(x: c, y: rows - 1 - r, [k.r, k.g, k.b])
            }
        }
        return image
    }
}
