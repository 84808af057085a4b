import Explain
import Foundation
import NN
import Render

/// One image seen by the network: everything the page draws, in the language asked for.
public struct CNNView: Codable, Sendable {
    /// One conv or pool layer's output.
    public struct LayerMaps: Codable, Sendable {
        /// Layer name and kind (`"conv1"`, `"Conv2d 1→10 k5"`).
        public var name: String, kind: String
        /// Channels × height × width.
        public var channels: Int, height: Int, width: Int
        /// One PNG data URL per channel, all on the layer's shared scale.
        public var maps: [String]
        /// The layer's smallest and largest value.
        public var low: Double, high: Double
        /// Where each cell looks in the input.
        public var field: CNNInspection.ReceptiveField
    }
    /// One saliency method's map.
    public struct Saliency: Codable, Sendable {
        /// Method id, title in the page's language, its definition and the unit of its values.
        public var method: String, title: String, definition: String, unit: String
        /// The map over the grey input (PNG data URL).
        public var image: String
        /// Signed (blue–white–red) or a magnitude (viridis).
        public var signed: Bool
    }
    /// One conv layer's filters as one grid: a column per filter (the layer's output channel of that number), a
    /// row per input channel (the channel of that number of the layer before it, `inputLayer`).
    public struct Filters: Codable, Sendable {
        /// Layer name and the grid's caption.
        public var layer: String, caption: String
        /// The grid (PNG data URL).
        public var image: String
        /// Filters (columns) and input channels (rows).
        public var outChannels: Int, inChannels: Int
        /// The layer whose output the rows are (`"input"` for the first conv layer).
        public var inputLayer: String
        /// A tile's size and the gap between tiles (and around the grid), in the image's pixels, so the page can
        /// number the rows and columns.
        public var tileWidth: Int, tileHeight: Int, gap: Int
    }
    /// Integrated Gradients' completeness: Σ attributions against score(x) − score(baseline).
    public struct Completeness: Codable, Sendable {
        /// The two sides, their relative difference, the tolerance and whether it holds, the steps used.
        public var attributionSum: Double, scoreDifference: Double, relativeError: Double, tolerance: Double
        public var passed: Bool
        public var steps: Int
    }

    /// The network's name; the test index and true class (nil for an uploaded image).
    public var network: String, index: Int?, label: Int?
    /// Class names in the page's language.
    public var classNames: [String]
    /// Softmax probabilities, and the predicted (= explained) class.
    public var probabilities: [Double], predicted: Int
    /// The input as the network sees it (grey, PNG data URL), and its side in pixels.
    public var input: String, rows: Int, cols: Int
    /// Feature maps of every conv and pool layer.
    public var layers: [LayerMaps]
    /// Conv filters.
    public var filters: [Filters]
    /// The six saliency maps.
    public var saliency: [Saliency]
    /// Integrated Gradients' completeness check.
    public var completeness: Completeness?
    /// For an uploaded picture: the picture in grey (PNG data URL) and how it became the input.
    public var original: String?, conversion: String?
}

extension CNNInspection {
    /// Everything the page shows for test image `index`; without `maps`, the saliency entries carry their titles
    /// and definitions but no image and there is no completeness check (the page asks for each map with
    /// `saliency(_:_:language:)`, so the prediction and feature maps show at once).
    public func view(index: Int, language: Language, maps: Bool = true) throws -> CNNView {
        let (values, label) = try image(index)
        return try view(values, index: index, label: label, language: language, maps: maps)
    }

    /// Everything the page shows for `image` (normalised values of the network's input size).
    public func view(_ image: [Float], index: Int?, label: Int?, language: Language,
                     maps: Bool = true) throws -> CNNView {
        let explainer = explainer
        let fields = receptiveFields()
        let layers = try explainer.featureMaps(image).map { maps -> CNNView.LayerMaps in
            let limit = Raster.maxMagnitude(maps.values.map(Double.init))
            let signed = maps.values.contains { $0 < 0 }
            let scale = Swift.max(2, 72 / Swift.max(maps.height, maps.width))
            let urls = try (0..<maps.channels).map { c in
                try PlaygroundSession.dataURL(Raster.heatmap(Array(maps.channel(c)), width: maps.width,
                                                             height: maps.height, map: signed ? .diverging : .viridis,
                                                             limit: limit).upscaled(by: scale))
            }
            return CNNView.LayerMaps(name: maps.layer, kind: maps.kind, channels: maps.channels, height: maps.height,
                                     width: maps.width, maps: urls, low: Double(maps.values.min() ?? 0),
                                     high: Double(maps.values.max() ?? 0),
                                     field: fields[maps.layer] ?? ReceptiveField(size: 1, jump: 1, start: 0))
        }
        var saliency = SaliencyMethod.allCases.map { Self.entry($0, image: "", language) }
        var completeness: CNNView.Completeness?
        if maps {
            saliency = []
            for method in SaliencyMethod.allCases {
                let (entry, check) = try self.saliency(method, image, language: language)
                saliency.append(entry)
                completeness = completeness ?? check
            }
        }
        return CNNView(network: name, index: index, label: label,
                       classNames: (0..<explainer.classCount).map { className($0, language) },
                       probabilities: explainer.probabilities(image), predicted: explainer.predictedClass(image),
                       input: try PlaygroundSession.dataURL(ExplainFigures.input(image, width: test.cols,
                                                                                 height: test.rows, scale: 8)),
                       rows: test.rows, cols: test.cols, layers: layers, filters: try filterGrids(language),
                       saliency: saliency, completeness: completeness)
    }

    /// One method's map of `image` for the predicted class, computed as `explain --method` computes it (the same
    /// bits), with Integrated Gradients' completeness check when the method is IG.
    public func saliency(_ method: SaliencyMethod, _ image: [Float],
                         language: Language) throws -> (CNNView.Saliency, CNNView.Completeness?) {
        let explanation = try explainer.explain(image, methods: [method])
        let completeness = explanation.completeness.map {
            CNNView.Completeness(attributionSum: $0.attributionSum, scoreDifference: $0.scoreDifference,
                                 relativeError: $0.relativeError, tolerance: $0.tolerance, passed: $0.passed,
                                 steps: $0.steps)
        }
        let png = ExplainFigures.overlay(HeatTile(explanation.maps[0]), on: image)
        return (Self.entry(method, image: try PlaygroundSession.dataURL(png), language), completeness)
    }

    /// A saliency entry of the page: the method's words in `language` and its map (a data URL, or empty).
    static func entry(_ method: SaliencyMethod, image: String, _ language: Language) -> CNNView.Saliency {
        CNNView.Saliency(method: method.rawValue, title: method.title(language),
                         definition: definition(method, language), unit: method.unit, image: image,
                         signed: method.isSigned)
    }

    /// The conv filters as grids captioned in `language` (the CLI's `filters` figure rows), drawn once per
    /// language: the weights do not change (the sanity check rewrites a copy of its own).
    public func filterGrids(_ language: Language) throws -> [CNNView.Filters] {
        if let grids = filterCache[language] { return grids }
        let grids = try explainer.filters().compactMap { bank -> CNNView.Filters? in
            let panel = ExplainFigures.filters(layer: bank.layer, weights: bank.weights, outChannels: bank.outChannels,
                                               inChannels: bank.inChannels, kernelHeight: bank.kernelHeight,
                                               kernelWidth: bank.kernelWidth, language: language)
            guard case let .image(png, caption) = panel else { return nil }
            let layout = ExplainFigures.filterLayout(inChannels: bank.inChannels, kernelHeight: bank.kernelHeight,
                                                     kernelWidth: bank.kernelWidth)
            let position = model.layers.firstIndex { $0.name == bank.layer } ?? 0
            return CNNView.Filters(layer: bank.layer, caption: caption ?? bank.layer,
                                   image: try PlaygroundSession.dataURL(png), outChannels: bank.outChannels,
                                   inChannels: bank.inChannels,
                                   inputLayer: position > 0 ? model.layers[position - 1].name : "input",
                                   tileWidth: bank.kernelWidth * layout.scale,
                                   tileHeight: bank.kernelHeight * layout.scale, gap: layout.gap)
        }
        filterCache[language] = grids
        return grids
    }

    /// `view` with its words in `language`: class names, method titles and definitions, filter captions. The maps
    /// do not depend on the language, so a view computed once serves both.
    public func relabeled(_ view: CNNView, language: Language) -> CNNView {
        var view = view
        view.classNames = view.classNames.indices.map { className($0, language) }
        for i in view.saliency.indices {
            guard let method = SaliencyMethod(rawValue: view.saliency[i].method) else { continue }
            view.saliency[i].title = method.title(language)
            view.saliency[i].definition = Self.definition(method, language)
        }
        view.filters = (try? filterGrids(language)) ?? view.filters
        return view
    }

    /// A saliency entry with its words in `language` (the map does not depend on the language).
    public static func relabeled(_ entry: CNNView.Saliency, language: Language) -> CNNView.Saliency {
        guard let method = SaliencyMethod(rawValue: entry.method) else { return entry }
        return Self.entry(method, image: entry.image, language)
    }

    /// What each method computes, in `language` (the page shows it under the map).
    public static func definition(_ method: SaliencyMethod, _ language: Language) -> String {
        let zh = language == .zh
        switch method {
        case .saliency:
            return zh ? "类别分数对每个像素的梯度的绝对值 |∂s/∂x|：改动哪个像素最能改变分数。"
                      : "|∂s/∂x|: how much the class score changes when each pixel changes a little."
        case .gradxinput:
            return zh ? "梯度乘以像素值 ∂s/∂x · x（有正负）：一阶泰勒展开中每个像素的贡献。"
                      : "∂s/∂x · x (signed): each pixel's share in the first-order Taylor expansion of the score."
        case .smoothgrad:
            return zh ? "对加了高斯噪声的多份输入求 |∂s/∂x| 再取平均，去掉梯度的斑点噪声。"
                      : "|∂s/∂x| averaged over copies of the input with Gaussian noise added, which removes speckle."
        case .ig:
            return zh ? "从全黑基线沿直线到输入，对梯度积分再乘以 (x − 基线)；各像素之和应等于分数之差（完备性）。"
                      : "(x − baseline) times the gradient averaged along the straight path from a black baseline; "
                        + "the attributions sum to score(x) − score(baseline) (completeness)."
        case .gradcam:
            return zh ? "最后一个卷积层各通道按梯度的平均值加权求和，经 ReLU 后上采样到输入大小。"
                      : "The last conv layer's channels weighted by their mean gradient, summed, ReLU, upsampled."
        case .occlusion:
            return zh ? "用灰色方块依次遮住每个位置，看类别分数下降多少（有正负）。"
                      : "A grey window slid over the image: how much the class score drops when each place is covered."
        }
    }
}
