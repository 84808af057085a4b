/// A classifier's decision regions and its data points as two rasters: the regions at the grid's own resolution
/// (the page scales them up, smoothly), the points as a transparent layer drawn once per data set. The training
/// playground redraws the regions many times a second, so they are kept small and computed here, in an
/// optimised module: drawn at 3× with the points in Showcase (built -Onone), a frame's boundary took 28 ms plus
/// 11 ms of PNG encoding; at the grid's resolution the tint and the PNG take about 2 ms together (measured in the
/// explorer, release build, 120 × 120 cells).
extension Raster {
    /// Cells of a `side × side` grid tinted by their most probable class: white at confidence 1/classes (a coin
    /// toss), the class's colour at `strength` when certain. `probabilities` is row-major [cells][classes].
    public static func classRegions(_ probabilities: [Float], classes: Int, side: Int, colors: [RGB],
                                    strength: Double = 0.6) -> PNGImage {
        precondition(classes >= 2 && probabilities.count == side * side * classes && !colors.isEmpty,
                     "class regions: \(probabilities.count) probabilities for \(side)² cells of \(classes) classes")
        var pixels = [UInt8](repeating: 255, count: side * side * 3)
        let floor = 1 / Double(classes)
        probabilities.withUnsafeBufferPointer { p in
            for i in 0..<(side * side) {
                var k = 0, best = p[i * classes]
                for c in 1..<classes where p[i * classes + c] > best { (k, best) = (c, p[i * classes + c]) }
                let sure = (Double(best) - floor) / (1 - floor)
                let color = RGB(255, 255, 255).mixed(with: colors[k % colors.count], strength * Swift.max(0, sure))
                pixels[3 * i] = color.r; pixels[3 * i + 1] = color.g; pixels[3 * i + 2] = color.b
            }
        }
        return PNGImage(width: side, height: side, format: .rgb, pixels: pixels)
    }

    /// One point on a `pointLayer`: where (in pixels), its colour, and filled (training) or a ring (validation).
    public struct Marker: Sendable {
        /// Centre in pixels, row 0 at the top.
        public var x: Int, y: Int
        /// Fill colour (the ring's inside stays white).
        public var color: RGB
        /// Filled disc, or a white disc with the same dark edge.
        public var filled: Bool
        /// Makes a marker.
        public init(x: Int, y: Int, color: RGB, filled: Bool) { (self.x, self.y, self.color, self.filled) = (x, y, color, filled) }
    }

    /// Transparent `width × height` layer with a disc of radius 4 per marker (dark edge beyond radius² 8).
    public static func pointLayer(_ markers: [Marker], width: Int, height: Int) -> PNGImage {
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        for m in markers {
            for dy in -4...4 {
                for dx in -4...4 {
                    let d2 = dx * dx + dy * dy, x = m.x + dx, y = m.y + dy
                    guard d2 <= 16, x >= 0, y >= 0, x < width, y < height else { continue }
                    let c = d2 > 8 ? RGB(40, 40, 40) : m.filled ? m.color : RGB(255, 255, 255)
                    let at = 4 * (y * width + x)
                    pixels[at] = c.r; pixels[at + 1] = c.g; pixels[at + 2] = c.b; pixels[at + 3] = 255
                }
            }
        }
        return PNGImage(width: width, height: height, format: .rgba, pixels: pixels)
    }
}
