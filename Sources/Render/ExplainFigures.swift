import Foundation

/// A map over an image, as the explanation figures draw it (plain values; `Explain` fills them).
public struct HeatTile: Sendable {
    /// Caption of the tile (`"Grad-CAM"`).
    public var title: String
    /// `width · height` values, row-major.
    public var values: [Float]
    /// Size in pixels.
    public var width: Int, height: Int
    /// Signed (diverging blue–white–red, symmetric) or a magnitude (viridis from 0).
    public var signed: Bool

    /// A tile.
    public init(title: String, values: [Float], width: Int, height: Int, signed: Bool) {
        precondition(values.count == width * height, "HeatTile \(title): \(values.count) values for \(width)×\(height)")
        (self.title, self.values, self.width, self.height, self.signed) = (title, values, width, height, signed)
    }

    /// The largest |value| (1 for an all-zero map, so colour scales stay defined).
    var limit: Double { Raster.maxMagnitude(values.map(Double.init)) }
    /// Whether every value is zero: the map has no range to show.
    public var isAllZero: Bool { values.allSatisfy { $0 == 0 } }

    /// The range line of a caption: `"range ±0.52"`, `"range 0 … 0.52"`, or `"all zero"` (never a made-up range).
    public var rangeCaption: String {
        if isAllZero { return "all zero" }
        return signed ? "range ±\(Ticks.label(limit))" : "range 0 … \(Ticks.label(limit))"
    }
}

/// The explanation figures (filters, feature maps, saliency panels, sanity strips), all built as `Figure`s of
/// raster tiles so they share one look: tiles scaled up nearest-neighbour, captions, colour bars, the command.
public enum ExplainFigures {
    /// Upscaling of 28-pixel images and maps in every explanation figure.
    public static let imageScale = 6

    /// The two colour bars every saliency figure ends with: magnitude maps and signed maps, each map on its own scale.
    /// Their labels in each language: one table, the figure builders pick by `Language`.
    static func colorBars(_ language: Language) -> [Panel] {
        let zh = language == .zh
        return [.colorBar(map: .viridis, min: 0, max: 1, label: zh ? "幅值 ÷ 该图的最大值" : "magnitude ÷ the map's max"),
                .colorBar(map: .diverging, min: -1, max: 1,
                          label: zh ? "有正负 ÷ max|v|：红色提高打分，蓝色降低打分"
                                    : "signed ÷ max|v|: red raises the score, blue lowers it")]
    }

    /// `tile` laid over the grey `image` (the input's own min…max), scaled up.
    public static func overlay(_ tile: HeatTile, on image: [Float], scale: Int = imageScale) -> PNGImage {
        Raster.overlay(tile.values, on: image, width: tile.width, height: tile.height,
                       map: tile.signed ? .diverging : .viridis, alpha: 0.85).upscaled(by: scale)
    }

    /// The grey input, scaled up.
    public static func input(_ image: [Float], width: Int, height: Int, scale: Int = imageScale) -> PNGImage {
        Raster.grey(image, width: width, height: height).upscaled(by: scale)
    }

    /// One method's map over the input, with its range and a colour bar.
    public static func single(_ tile: HeatTile, image: [Float], title: String, subtitle: String) -> Figure {
        var figure = Figure(title: title, subtitle: subtitle)
        figure.addRow([.image(input(image, width: tile.width, height: tile.height), caption: "input"),
                       .image(overlay(tile, on: image), caption: "\(tile.title)\n\(tile.rangeCaption)")])
        figure.addRow([.colorBar(map: tile.signed ? .diverging : .viridis, min: tile.signed ? -tile.limit : 0,
                                 max: tile.limit, label: tile.signed ? "red raises the score, blue lowers it"
                                     : "larger = more influence")])
        return figure
    }

    /// The input, a text block (true / predicted class), and every map side by side.
    public static func panel(_ tiles: [HeatTile], image: [Float], title: String, subtitle: String,
                             info: String, language: Language = .en) -> Figure {
        var figure = Figure(title: title, subtitle: subtitle)
        let w = tiles.first?.width ?? 1, h = tiles.first?.height ?? 1
        figure.addRow([.text(info), .image(input(image, width: w, height: h), caption: language == .zh ? "输入" : "input")]
                      + tiles.map { .image(overlay($0, on: image), caption: $0.title) })
        figure.addRow(colorBars(language))
        return figure
    }

    /// Sanity-check strip: one row per method, the trained map then the maps as randomisation proceeds, each
    /// captioned with its Spearman correlation to the trained map (nil: the trained map itself). Row names go in
    /// the first caption, not as row labels, so the columns line up.
    public static func sanityStrip(rows: [(method: String, tiles: [HeatTile], correlations: [Double?])],
                                   image: [Float], title: String, subtitle: String,
                                   language: Language = .en) -> Figure {
        var figure = Figure(title: title, subtitle: subtitle)
        for row in rows {
            figure.addRow(zip(row.tiles, row.correlations).enumerated().map { i, pair in
                let (tile, rho) = pair
                let caption = (i == 0 ? row.method + "\n" : "") + tile.title
                    + (rho.map { "\nρ = " + String(format: "%.2f", $0) } ?? "")
                return .image(overlay(tile, on: image, scale: 5), caption: caption)
            })
        }
        figure.addRow(colorBars(language))
        return figure
    }

    /// How `filters` lays a bank out: each weight drawn `scale` pixels wide, `gap` pixels between tiles and
    /// around the grid (a tile is kernel × scale pixels; filter o of input channel i sits in column o, row i).
    public static func filterLayout(inChannels: Int, kernelHeight: Int, kernelWidth: Int) -> (scale: Int, gap: Int) {
        (Swift.max(4, (inChannels == 1 ? 80 : 40) / Swift.max(kernelHeight, kernelWidth)), inChannels == 1 ? 8 : 2)
    }

    /// A filter bank as one grid: a column per filter, a row per input channel (`weights` is [out, in, kh, kw]).
    /// Each filter (all its input channels) is normalised on its own, diverging around 0, scaled up.
    public static func filters(layer: String, weights: [Float], outChannels: Int, inChannels: Int,
                               kernelHeight: Int, kernelWidth: Int, language: Language = .en) -> Panel {
        let k = kernelHeight * kernelWidth
        precondition(weights.count == outChannels * inChannels * k, "filters of \(layer): wrong weight count")
        let (scale, gap) = filterLayout(inChannels: inChannels, kernelHeight: kernelHeight, kernelWidth: kernelWidth)
        let limits = (0..<outChannels).map { o in
            Raster.maxMagnitude(weights[(o * inChannels * k)..<((o + 1) * inChannels * k)].map(Double.init))
        }
        var tiles: [PNGImage] = []
        for input in 0..<inChannels {
            for o in 0..<outChannels {
                let start = (o * inChannels + input) * k
                tiles.append(Raster.heatmap(Array(weights[start..<(start + k)]), width: kernelWidth,
                                            height: kernelHeight, map: .diverging, limit: limits[o]).upscaled(by: scale))
            }
        }
        // A lone row of filters gets wide white gaps so each stands apart; a filters × channels grid keeps thin
        // grey rules so its rows and columns read as a table.
        let grid = inChannels == 1 ? TileGrid(columns: outChannels, gap: gap, gapColor: RGB(255, 255, 255))
                                   : TileGrid(columns: outChannels, gap: gap)
        let caption: String
        switch (inChannels == 1, language) {
        case (true, .zh):
            caption = "\(layer)：\(outChannels) 个 \(kernelHeight)×\(kernelWidth) 卷积核，从左到右编号 0 到 \(outChannels - 1)"
        case (false, .zh):
            caption = "\(layer)：\(outChannels) 个卷积核（列，最左为 0）× \(inChannels) 个输入通道（行，最上为 0）"
        case (true, _):
            caption = "\(layer): \(outChannels) filters \(kernelHeight)×\(kernelWidth), numbered 0 to \(outChannels - 1) from the left"
        case (false, _):
            caption = "\(layer): \(outChannels) filters (columns, 0 at the left) × \(inChannels) input channels (rows, 0 at the top)"
        }
        return .image(grid.compose(tiles), caption: caption)
    }

    /// One figure row for a layer's feature maps: the channel grid, captioned with its shape and value range,
    /// and the colour bar of the shared scale (symmetric diverging when the layer has negative values).
    /// `numbering` (e.g. "channels 0–9, left to right") is added to the caption so a text can point at one tile.
    public static func featureMapRow(kind: String, values: [Float], channels: Int, height: Int, width: Int,
                                     valuesWord: String = "values", barLabel: String = "activation",
                                     numbering: String? = nil) -> [Panel] {
        let grid = featureMaps(values, channels: channels, height: height, width: width)
        let lo = Double(values.min() ?? 0), hi = Double(values.max() ?? 0)
        let limit = Raster.maxMagnitude(values.map(Double.init))
        let signed = values.contains { $0 < 0 }
        return [.image(grid, caption: "\(kind): \(channels) × \(height)×\(width), \(valuesWord) "
                           + "\(Ticks.label(lo)) … \(Ticks.label(hi))" + (numbering.map { "\n" + $0 } ?? "")),
                .colorBar(map: signed ? .diverging : .viridis, min: signed ? -limit : 0, max: limit, label: barLabel)]
    }

    /// Feature maps of one layer: every channel (magnitude, viridis, one shared scale per layer so channels compare).
    public static func featureMaps(_ values: [Float], channels: Int, height: Int, width: Int,
                                   columns: Int = 10) -> PNGImage {
        let scale = Swift.max(2, 96 / Swift.max(height, width))
        let limit = Raster.maxMagnitude(values.map(Double.init))
        let tiles = (0..<channels).map { c in
            Raster.heatmap(Array(values[(c * height * width)..<((c + 1) * height * width)]), width: width,
                           height: height, map: values.contains { $0 < 0 } ? .diverging : .viridis, limit: limit)
                .upscaled(by: scale)
        }
        return TileGrid(columns: columns).compose(tiles)
    }
}
