/// Plain arrays → raster tiles (docs/ARCHITECTURE.md §4): grey images, heatmaps, saliency overlays, upscaling.
///
/// Inputs are row-major `width × height` arrays of `Float` or `Double`. Signed data goes through the diverging map
/// on a symmetric range ±max|v| (0 is white); magnitudes through viridis on 0…max. Every tile is normalised on its
/// own unless a `limit`/`range` is given, so filters or maps that should be compared can share one scale.
public enum Raster {
    /// A grey image: `range.lowerBound` is black, `range.upperBound` white (default: the values' own min…max).
    public static func grey<T: BinaryFloatingPoint>(_ values: [T], width: Int, height: Int,
                                                    range: ClosedRange<Double>? = nil) -> PNGImage {
        greyImage(values.map(Double.init), width: width, height: height, range: range)
    }

    /// A heatmap through `map`. `.diverging` is centred at 0 on ±`limit` (default max|v|); `.viridis` and `.grey`
    /// run 0…`limit` (default max v).
    public static func heatmap<T: BinaryFloatingPoint>(_ values: [T], width: Int, height: Int,
                                                       map: Colormap = .diverging, limit: Double? = nil) -> PNGImage {
        heatmapImage(values.map(Double.init), width: width, height: height, map: map, limit: limit)
    }

    /// A saliency overlay: `heat` drawn over the grey `base` image. Each pixel's opacity is `alpha` times the
    /// heat's strength there (|v|/limit), so where the map is zero the input shows through unchanged.
    public static func overlay<T: BinaryFloatingPoint, U: BinaryFloatingPoint>(
        _ heat: [T], on base: [U], width: Int, height: Int, map: Colormap = .viridis,
        alpha: Double = 0.6, limit: Double? = nil, baseRange: ClosedRange<Double>? = nil
    ) -> PNGImage {
        overlayImage(heat.map(Double.init), on: base.map(Double.init), width: width, height: height,
                     map: map, alpha: alpha, limit: limit, baseRange: baseRange)
    }

    /// The largest |v| of finite values, or 1 when there is none (an all-zero tile stays white/dark, not NaN).
    public static func maxMagnitude(_ values: [Double]) -> Double {
        var m = 0.0
        for v in values where v.isFinite { m = Swift.max(m, Swift.abs(v)) }
        return m > 0 ? m : 1
    }

    // MARK: - Non-generic bodies

    static func greyImage(_ values: [Double], width: Int, height: Int, range: ClosedRange<Double>?) -> PNGImage {
        checkSize(values.count, width, height)
        let r = range ?? finiteRange(values)
        let span = r.upperBound > r.lowerBound ? r.upperBound - r.lowerBound : 1
        var pixels = [UInt8](repeating: 0, count: values.count)
        for i in 0..<values.count {
            let t = values[i].isFinite ? (values[i] - r.lowerBound) / span : 0
            pixels[i] = UInt8((Swift.min(1, Swift.max(0, t)) * 255).rounded())
        }
        return PNGImage(width: width, height: height, format: .gray, pixels: pixels)
    }

    static func heatmapImage(_ values: [Double], width: Int, height: Int, map: Colormap,
                             limit: Double?) -> PNGImage {
        checkSize(values.count, width, height)
        let lim = limit ?? maxMagnitude(values)
        var pixels = [UInt8](repeating: 0, count: values.count * 3)
        for i in 0..<values.count {
            let c = map.color(value: values[i], limit: lim)
            pixels[3 * i] = c.r; pixels[3 * i + 1] = c.g; pixels[3 * i + 2] = c.b
        }
        return PNGImage(width: width, height: height, format: .rgb, pixels: pixels)
    }

    static func overlayImage(_ heat: [Double], on base: [Double], width: Int, height: Int, map: Colormap,
                             alpha: Double, limit: Double?, baseRange: ClosedRange<Double>?) -> PNGImage {
        checkSize(heat.count, width, height)
        checkSize(base.count, width, height)
        let grey = greyImage(base, width: width, height: height, range: baseRange)
        let lim = limit ?? maxMagnitude(heat)
        var pixels = [UInt8](repeating: 0, count: heat.count * 3)
        for i in 0..<heat.count {
            let v = heat[i].isFinite ? heat[i] : 0
            let strength = map == .diverging ? Swift.abs(v) / lim : Swift.max(0, v) / lim
            let w = alpha * Swift.min(1, strength)
            let c = map.color(value: v, limit: lim)
            let g = Double(grey.pixels[i])
            pixels[3 * i] = UInt8((g * (1 - w) + Double(c.r) * w).rounded())
            pixels[3 * i + 1] = UInt8((g * (1 - w) + Double(c.g) * w).rounded())
            pixels[3 * i + 2] = UInt8((g * (1 - w) + Double(c.b) * w).rounded())
        }
        return PNGImage(width: width, height: height, format: .rgb, pixels: pixels)
    }

    /// Default width of a colour-bar strip, in pixels.
    public static let colorBarWidth = 160

    /// A horizontal colour-bar strip running through `map` from left (t = 0) to right (t = 1).
    public static func colorBar(map: Colormap, width: Int = colorBarWidth, height: Int = 14, vertical: Bool = false) -> PNGImage {
        var image = PNGImage(width: width, height: height, format: .rgb)
        for y in 0..<height {
            for x in 0..<width {
                let t = vertical ? 1 - Double(y) / Double(Swift.max(1, height - 1))
                                 : Double(x) / Double(Swift.max(1, width - 1))
                let c = map.color(t)
                image.setPixel(x: x, y: y, [c.r, c.g, c.b])
            }
        }
        return image
    }

    static func finiteRange(_ values: [Double]) -> ClosedRange<Double> {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite { lo = Swift.min(lo, v); hi = Swift.max(hi, v) }
        return lo <= hi ? lo...hi : 0...1
    }

    private static func checkSize(_ count: Int, _ width: Int, _ height: Int) {
        precondition(width > 0 && height > 0 && count == width * height,
                     "raster of \(width)×\(height) needs \(width * height) values, got \(count)")
    }
}

extension PNGImage {
    /// Nearest-neighbour upscaling by an integer `factor` (pixels stay crisp squares, as a learner expects
    /// a 5×5 filter to look).
    public func upscaled(by factor: Int) -> PNGImage {
        precondition(factor >= 1, "upscale factor must be ≥ 1")
        if factor == 1 { return self }
        let c = format.channels, w = width * factor, h = height * factor
        var out = [UInt8](repeating: 0, count: w * h * c)
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for y in 0..<h {
                    let sy = y / factor
                    for x in 0..<w {
                        let s = (sy * width + x / factor) * c, d = (y * w + x) * c
                        for k in 0..<c { dst[d + k] = src[s + k] }
                    }
                }
            }
        }
        return PNGImage(width: w, height: h, format: format, pixels: out)
    }

    /// The image as RGB (grey and alpha are flattened onto white).
    public func rgb() -> PNGImage {
        if format == .rgb { return self }
        var out = [UInt8](repeating: 0, count: width * height * 3)
        for p in 0..<(width * height) {
            let px = pixel(x: p % width, y: p / width)
            let rgb: [UInt8] = format == .gray || format == .grayAlpha ? [px[0], px[0], px[0]] : [px[0], px[1], px[2]]
            let a = format == .grayAlpha ? Double(px[1]) / 255 : format == .rgba ? Double(px[3]) / 255 : 1
            for k in 0..<3 { out[3 * p + k] = UInt8((Double(rgb[k]) * a + 255 * (1 - a)).rounded()) }
        }
        return PNGImage(width: width, height: height, format: .rgb, pixels: out)
    }
}
