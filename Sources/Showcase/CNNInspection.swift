import Datasets
import Explain
import Foundation
import NN
import Render
import TensorGrad

/// The "inside the CNN" page over one network: a gallery of test images with the network's predictions, and for
/// one image its prediction, every layer's feature maps with their receptive fields, the conv filters, the six
/// saliency maps with their definitions, Integrated Gradients' completeness and the sanity check. Everything
/// from Explain and Render; the server only passes it on. Not thread-safe: one owner at a time.
public final class CNNInspection {
    /// The network (evaluation mode).
    public let model: Sequential
    /// The test images shown in the gallery.
    public let test: ImageDataset
    /// What the page calls this network (`"seed net"`, a checkpoint's file name).
    public let name: String
    private var predictions: [(predicted: Int, confidence: Double)]?
    var filterCache: [Language: [CNNView.Filters]] = [:]

    /// An inspection of `model` over `test`.
    public init(model: Sequential, test: ImageDataset, name: String) {
        model.eval()
        (self.model, self.test, self.name) = (model, test, name)
    }

    /// The checkpoint at `path` over its test set (Fashion-MNIST unless `data` names another folder).
    public convenience init(checkpoint path: String, data: String? = nil) throws {
        let trained = try TrainedModel(checkpoint: path, data: data)
        self.init(model: trained.model, test: trained.test, name: (path as NSString).lastPathComponent)
    }

    /// The explainer over the test set's normalisation.
    public var explainer: Explainer {
        Explainer(model: model, imageShape: test.imageShape, normalization: test.normalization)
    }

    /// Class `k`'s name in `language` (Fashion-MNIST has Chinese names; other data sets keep theirs).
    public func className(_ k: Int, _ language: Language) -> String {
        if language == .zh, test.classNames.count == fashionClassNamesZh.count,
           test.classNames.first?.lowercased().hasPrefix("t-shirt") == true { return fashionClassNamesZh[k] }
        return k < test.classNames.count ? test.classNames[k] : "\(k)"
    }

    /// Predicted class and its probability for every test image (computed once, in batches).
    func allPredictions() -> [(predicted: Int, confidence: Double)] {
        if let predictions { return predictions }
        let classes = explainer.classCount, per = test.pixelsPerImage
        var result: [(Int, Double)] = []
        result.reserveCapacity(test.count)
        var start = 0
        while start < test.count {
            let n = Swift.min(500, test.count - start)
            let images = Array(test.images[(start * per)..<((start + n) * per)])
            let logits = withNoGrad {
                model.forward(Tensor(shape: Shape([n] + test.imageShape), scalars: images)).softmax(axis: 1).scalars
            }
            for i in 0..<n {
                let row = logits[(i * classes)..<((i + 1) * classes)]
                let best = row.max() ?? 0
                result.append((row.firstIndex(of: best)! - i * classes, Double(best)))
            }
            start += n
        }
        predictions = result
        return result
    }

    /// Which test images the gallery shows.
    public enum GalleryFilter: String, Codable, CaseIterable, Sendable {
        /// In test-set order.
        case all
        /// Only those the network gets wrong.
        case misclassified
        /// Lowest top probability first.
        case leastConfident
    }

    /// One gallery entry.
    public struct GalleryItem: Codable, Equatable, Sendable {
        /// Index in the test set.
        public var index: Int
        /// True and predicted class, the predicted class's probability.
        public var label: Int, predicted: Int, confidence: Double
        /// The image as a PNG data URL.
        public var thumbnail: String
    }

    /// Up to `limit` test images passing `filter` (and of class `label` when given).
    public func gallery(filter: GalleryFilter, label: Int? = nil, limit: Int = 40) throws -> [GalleryItem] {
        let predictions = allPredictions()
        var indices = Array(0..<test.count).filter { label == nil || test.labels[$0] == label }
        switch filter {
        case .all: break
        case .misclassified: indices = indices.filter { predictions[$0].predicted != test.labels[$0] }
        case .leastConfident: indices.sort { (predictions[$0].confidence, $0) < (predictions[$1].confidence, $1) }
        }
        return try indices.prefix(Swift.max(0, Swift.min(limit, 200))).map { i in
            GalleryItem(index: i, label: test.labels[i], predicted: predictions[i].predicted,
                        confidence: predictions[i].confidence,
                        thumbnail: try PlaygroundSession.dataURL(
                            ExplainFigures.input(Array(test.image(at: i)), width: test.cols, height: test.rows, scale: 2)))
        }
    }

    /// Test image `index` and its label, or an error naming the valid range.
    public func image(_ index: Int) throws -> (values: [Float], label: Int) {
        guard index >= 0 && index < test.count else {
            throw ExplainError.indexOutOfRange(index: index, count: test.count, dataset: "test")
        }
        return (Array(test.image(at: index)), test.labels[index])
    }

    /// Where output cell (row, column) of a spatial layer looks in the input: the cell covers input pixels
    /// `start + jump·i … start + jump·i + size − 1` along each axis (clipped to the image by the page).
    public struct ReceptiveField: Codable, Equatable, Sendable {
        /// Window side in input pixels, pixels between neighbouring cells, and cell 0's first input pixel.
        public var size: Int, jump: Int, start: Int
    }

    /// The receptive field of every conv and pool layer's output, by layer name (standard composition:
    /// start −= padding·jump, size += (kernel − 1)·jump, jump ·= stride).
    public func receptiveFields() -> [String: ReceptiveField] {
        var size = 1, jump = 1, start = 0
        var fields: [String: ReceptiveField] = [:]
        for layer in model.layers {
            let step: (kernel: Int, stride: Int, padding: Int)?
            if let c = layer.module as? Conv2d { step = (c.kernelSize, c.stride, c.padding) }
            else if let p = layer.module as? MaxPool2d { step = (p.kernelSize, p.stride, 0) }
            else if let p = layer.module as? AvgPool2d { step = (p.kernelSize, p.stride, 0) }
            else { step = nil }
            if let step {
                start -= step.padding * jump
                size += (step.kernel - 1) * jump
                jump *= step.stride
            }
            fields[layer.name] = ReceptiveField(size: size, jump: jump, start: start)
        }
        return fields
    }
}
