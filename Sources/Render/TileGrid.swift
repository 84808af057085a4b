/// Lays out equally sized tiles in rows with 1-px gaps (docs/ARCHITECTURE.md §4): filter banks, feature-map stacks.
public struct TileGrid: Sendable {
    /// Tiles per row.
    public var columns: Int
    /// Gap between tiles and around the border, in pixels.
    public var gap: Int
    /// Colour of the gaps: mid grey, so white (zero) tiles stay visibly separate.
    public var gapColor: RGB

    /// A grid layout.
    public init(columns: Int, gap: Int = 1, gapColor: RGB = RGB(140, 140, 140)) {
        precondition(columns >= 1 && gap >= 0, "a tile grid needs ≥ 1 column and a gap ≥ 0")
        self.columns = columns
        self.gap = gap
        self.gapColor = gapColor
    }

    /// Composes `tiles` (all the same size; converted to RGB) into one image, row by row.
    public func compose(_ tiles: [PNGImage]) -> PNGImage {
        precondition(!tiles.isEmpty, "a tile grid needs at least one tile")
        let tw = tiles[0].width, th = tiles[0].height
        precondition(tiles.allSatisfy { $0.width == tw && $0.height == th },
                     "tiles of a grid must share one size (\(tw)×\(th))")
        let cols = Swift.min(columns, tiles.count)
        let rows = (tiles.count + cols - 1) / cols
        let w = cols * tw + (cols + 1) * gap, h = rows * th + (rows + 1) * gap
        var out = PNGImage(width: w, height: h, format: .rgb, fill: [gapColor.r, gapColor.g, gapColor.b])
        for (i, tile) in tiles.enumerated() {
            let rgb = tile.rgb()
            let ox = gap + (i % cols) * (tw + gap), oy = gap + (i / cols) * (th + gap)
            for y in 0..<th {
                let src = y * tw * 3, dst = ((oy + y) * w + ox) * 3
                out.pixels.replaceSubrange(dst..<(dst + tw * 3), with: rgb.pixels[src..<(src + tw * 3)])
            }
        }
        return out
    }

    /// A filter bank as one image: `weights` holds `count` filters of `height × width` each, row-major
    /// ([count, height, width]). Each filter is normalised on its own (diverging, ±its max|w|) and scaled
    /// up by `scale` with nearest-neighbour so single weights stay visible as squares.
    public static func filters<T: BinaryFloatingPoint>(_ weights: [T], count: Int, height: Int, width: Int,
                                                       columns: Int = 8, scale: Int = 8) -> PNGImage {
        precondition(weights.count == count * height * width,
                     "filters of [\(count), \(height), \(width)] need \(count * height * width) weights, got \(weights.count)")
        let tiles = (0..<count).map { f -> PNGImage in
            let slice = weights[(f * height * width)..<((f + 1) * height * width)]
            return Raster.heatmap(Array(slice), width: width, height: height, map: .diverging).upscaled(by: scale)
        }
        return TileGrid(columns: columns).compose(tiles)
    }
}
