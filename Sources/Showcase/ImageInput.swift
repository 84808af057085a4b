import Datasets
import Foundation
import Render

/// The colour of the background of a learner's picture. Fashion-MNIST's items are light on black, so a picture
/// on white is inverted before a model trained on it sees it.
public enum ImageBackground: String, CaseIterable, Sendable {
    /// Dark background (like the data set): kept as it is.
    case black
    /// Light background (a photo on paper, a product shot): inverted so the item is light on dark.
    case white
}

/// A learner's PNG converted to a model's input, keeping each step so a figure can show the conversion:
/// decoded (any PNG libpng reads) → transparent pixels composited onto the stated background → grey
/// (Rec. 601 luma, 0.299 R + 0.587 G + 0.114 B on the 8-bit values, as PIL's `convert("L")`) → padded to a square
/// with the background colour, centred, so the item keeps its proportions → resized by area averaging → inverted
/// when the background is white.
public struct ImageInput: Sendable {
    /// The resizing filter, as the figure and the command's text state it.
    public static let filterDescription = "area average (each model pixel is the mean of the picture's pixels it "
        + "covers, weighted by how much of each it covers)"

    /// Where the picture came from (a path, or the name of an upload).
    public let name: String
    /// The picture as decoded, RGBA.
    public let source: PNGImage
    /// The stated background colour.
    public let background: ImageBackground
    /// The picture in grey after compositing, before padding and resizing (width × height of `source`).
    public let grey: PNGImage
    /// What the model sees before normalisation: `width × height` values in [0, 1], light item on dark.
    public let values: [Float]
    /// Model input width.
    public let width: Int
    /// Model input height.
    public let height: Int

    /// Decodes the PNG file at `path` and converts it to a `width × height` input.
    public init(file path: String, width: Int, height: Int, background: ImageBackground) throws {
        try self.init(decoded: PNGImage.decode(file: path, as: .rgba), name: path, width: width, height: height,
                      background: background)
    }

    /// Decodes PNG bytes (an upload) named `name` and converts them to a `width × height` input.
    public init(pngData: Data, name: String, width: Int, height: Int, background: ImageBackground) throws {
        try self.init(decoded: PNGImage.decode(pngData, name: name, as: .rgba), name: name, width: width,
                      height: height, background: background)
    }

    /// Converts an already decoded RGBA picture.
    public init(decoded: PNGImage, name: String, width: Int, height: Int, background: ImageBackground) {
        precondition(decoded.format == .rgba, "ImageInput converts RGBA pictures")
        precondition(width > 0 && height > 0, "a model input has a positive size")
        self.name = name
        self.source = decoded
        self.background = background
        self.width = width
        self.height = height
        grey = ImageInput.composite(decoded, onto: background == .white ? 255 : 0)
        let resized = ImageInput.areaAverage(grey, width: width, height: height, padding: background == .white ? 255 : 0)
        values = resized.map { background == .white ? 1 - $0 / 255 : $0 / 255 }
    }

    /// The values normalised as a data set's images are (`(v − mean) / std`), ready for the model.
    public func normalized(_ normalization: Normalization) -> [Float] {
        values.map { ($0 - normalization.mean) / normalization.std }
    }

    /// One sentence per step of the conversion, for a figure's caption or the command's text.
    public var steps: String {
        "\(source.width) × \(source.height) picture → transparency over \(background.rawValue) → grey (Rec. 601 luma) "
            + "→ padded to a centred square with \(background.rawValue) → \(width) × \(height) by "
            + ImageInput.filterDescription
            + (background == .white ? " → inverted (white background: the model was trained on light items on black)"
                : "")
    }

    /// Grey of every pixel after compositing it over the grey level `backdrop` by its alpha.
    static func composite(_ image: PNGImage, onto backdrop: Double) -> PNGImage {
        var out = [UInt8](repeating: 0, count: image.width * image.height)
        image.pixels.withUnsafeBufferPointer { p in
            for i in 0..<out.count {
                let luma = 0.299 * Double(p[4 * i]) + 0.587 * Double(p[4 * i + 1]) + 0.114 * Double(p[4 * i + 2])
                let alpha = Double(p[4 * i + 3]) / 255
                out[i] = UInt8((alpha * luma + (1 - alpha) * backdrop).rounded())
            }
        }
        return PNGImage(width: image.width, height: image.height, format: .gray, pixels: out)
    }

    /// `grey` resized to `width × height` by area averaging without padding (a thumbnail for figures).
    static func resize(_ grey: PNGImage, width: Int, height: Int) -> [Float] {
        let x = coverage(source: grey.width, offset: 0, side: grey.width, output: width)
        let y = coverage(source: grey.height, offset: 0, side: grey.height, output: height)
        return separable(grey, weightsX: x, weightsY: y, width: width, height: height, padding: 0)
    }

    /// `grey` padded (centred, with `padding`) to a square and resized to `width × height` by area averaging,
    /// separably: rows first, then columns. Values stay in 0…255 (not rounded).
    static func areaAverage(_ grey: PNGImage, width: Int, height: Int, padding: Double) -> [Float] {
        let side = max(grey.width, grey.height)
        let weightsX = coverage(source: grey.width, offset: (side - grey.width) / 2, side: side, output: width)
        let weightsY = coverage(source: grey.height, offset: (side - grey.height) / 2, side: side, output: height)
        return separable(grey, weightsX: weightsX, weightsY: weightsY, width: width, height: height, padding: padding)
    }

    static func separable(_ grey: PNGImage, weightsX: [[(index: Int, weight: Double)]],
                          weightsY: [[(index: Int, weight: Double)]], width: Int, height: Int,
                          padding: Double) -> [Float] {
        // Rows first: every source row shrunk to `width` values (padding columns add `padding × weight`).
        var rows = [Double](repeating: 0, count: grey.height * width)
        for y in 0..<grey.height {
            for (ox, taps) in weightsX.enumerated() {
                var sum = 0.0
                for tap in taps {
                    sum += tap.weight * (tap.index < 0 ? padding : Double(grey.pixels[y * grey.width + tap.index]))
                }
                rows[y * width + ox] = sum
            }
        }
        var out = [Float](repeating: 0, count: width * height)
        for (oy, taps) in weightsY.enumerated() {
            for ox in 0..<width {
                var sum = 0.0
                for tap in taps { sum += tap.weight * (tap.index < 0 ? padding : rows[tap.index * width + ox]) }
                out[oy * width + ox] = Float(sum)
            }
        }
        return out
    }

    /// For each of `output` cells over a padded axis of `side` pixels (the image's `source` pixels start at
    /// `offset`), the pixels it covers and the share of the cell each covers (shares sum to 1). Index −1 stands
    /// for padding; adjacent padding shares are merged.
    static func coverage(source: Int, offset: Int, side: Int, output: Int) -> [[(index: Int, weight: Double)]] {
        let scale = Double(side) / Double(output)
        return (0..<output).map { o in
            let start = Double(o) * scale, end = Double(o + 1) * scale
            var taps: [(index: Int, weight: Double)] = []
            var padding = 0.0
            var k = Int(start.rounded(.down))
            while Double(k) < end && k < side {
                let overlap = min(end, Double(k + 1)) - max(start, Double(k))
                if overlap > 0 {
                    let s = k - offset
                    if s >= 0 && s < source { taps.append((s, overlap / scale)) } else { padding += overlap / scale }
                }
                k += 1
            }
            if padding > 0 { taps.append((-1, padding)) }
            return taps
        }
    }
}
