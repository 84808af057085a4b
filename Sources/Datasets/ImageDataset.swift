import Foundation

/// Which MNIST-format data set a directory holds; decides class names and normalisation statistics.
public enum DatasetKind: String, Sendable, CaseIterable, Codable {
    /// Zalando's Fashion-MNIST: 28×28 grey clothing images in 10 classes.
    case fashionMNIST = "fashion-mnist"
    /// LeCun's MNIST handwritten digits.
    case mnist

    /// The name people use for it, for messages.
    public var displayName: String {
        switch self {
        case .fashionMNIST: return "Fashion-MNIST"
        case .mnist: return "MNIST"
        }
    }

    /// Class names in label order.
    public var classNames: [String] {
        switch self {
        case .fashionMNIST:
            return ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
        case .mnist:
            return (0...9).map(String.init)
        }
    }

    /// Mean and standard deviation of the training pixels scaled to [0, 1] (the figures PyTorch users normalise with).
    public var pixelStatistics: (mean: Float, std: Float) {
        switch self {
        case .fashionMNIST: return (0.2860, 0.3530)
        case .mnist: return (0.1307, 0.3081)
        }
    }

    /// Guesses the kind from a directory name: anything mentioning "fashion" is Fashion-MNIST, the rest MNIST.
    public static func detect(directory: String) -> DatasetKind {
        directory.lowercased().contains("fashion") ? .fashionMNIST : .mnist
    }
}

/// How raw bytes became the floats in `ImageDataset.images`: `x = (byte / 255 − mean) / std`.
///
/// Recorded with the data so explanations can map values back to pixels (`restore`).
public struct Normalization: Sendable, Equatable, Codable {
    /// Subtracted after scaling to [0, 1].
    public var mean: Float
    /// Divided by after subtracting the mean.
    public var std: Float

    /// Pixels scaled to [0, 1] only.
    public static let unitInterval = Normalization(mean: 0, std: 1)

    /// Standardisation with the data set's own statistics (`DatasetKind.pixelStatistics`).
    public static func standardized(for kind: DatasetKind) -> Normalization {
        let stats = kind.pixelStatistics
        return Normalization(mean: stats.mean, std: stats.std)
    }

    /// Standardisation with the mean and standard deviation measured on `pixels` (raw bytes, e.g. an images
    /// IDX body), for data sets whose statistics are not built in. Counts a 256-bin histogram, so it is exact
    /// and takes one pass; all-equal pixels get std 1 instead of a division by zero.
    public static func measured(pixels: [UInt8]) -> Normalization {
        var histogram = [Int](repeating: 0, count: 256)
        for byte in pixels { histogram[Int(byte)] += 1 }
        let n = Double(max(pixels.count, 1))
        let mean = histogram.enumerated().reduce(0.0) { $0 + Double($1.offset) / 255 * Double($1.element) } / n
        let variance = histogram.enumerated().reduce(0.0) {
            let d = Double($1.offset) / 255 - mean
            return $0 + d * d * Double($1.element)
        } / n
        return Normalization(mean: Float(mean), std: variance > 0 ? Float(variance.squareRoot()) : 1)
    }

    /// A normalisation with the given mean and (positive) standard deviation of [0, 1] pixels.
    public init(mean: Float, std: Float) {
        precondition(std > 0, "a normalisation needs a positive standard deviation, got \(std)")
        self.mean = mean
        self.std = std
    }

    /// The normalised value of one raw byte.
    @inlinable
    public func normalize(_ byte: UInt8) -> Float { (Float(byte) / 255 - mean) / std }

    /// Maps a normalised value back to a [0, 1] intensity (not clamped).
    @inlinable
    public func restore(_ value: Float) -> Float { value * std + mean }

    /// The 256 normalised values, so decoding a data set is one table look-up per pixel.
    public var table: [Float] { (0...255).map { normalize(UInt8($0)) } }
}

/// Labelled grey images in memory, ready for batching: `images` is N×1×rows×cols flattened row-major.
public struct ImageDataset: Sendable {
    /// Pixel values after `normalization`, image after image (`count × 1 × rows × cols`).
    public var images: [Float]
    /// One class index per image, in `0..<classNames.count`.
    public var labels: [Int]
    /// Image height in pixels.
    public let rows: Int
    /// Image width in pixels.
    public let cols: Int
    /// Class names in label order.
    public let classNames: [String]
    /// How bytes were turned into `images`.
    public let normalization: Normalization

    /// Builds a data set from decoded values; sizes must agree (programmer error otherwise).
    public init(images: [Float], labels: [Int], rows: Int, cols: Int, classNames: [String],
                normalization: Normalization) {
        precondition(rows > 0 && cols > 0 && images.count == labels.count * rows * cols,
                     "ImageDataset: \(images.count) values for \(labels.count) images of \(rows)×\(cols)")
        self.images = images
        self.labels = labels
        self.rows = rows
        self.cols = cols
        self.classNames = classNames
        self.normalization = normalization
    }

    /// Number of examples.
    public var count: Int { labels.count }

    /// Values per image (channels × rows × cols; one channel).
    public var pixelsPerImage: Int { rows * cols }

    /// The `[1, rows, cols]` shape of one image.
    public var imageShape: [Int] { [1, rows, cols] }

    /// The values of image `index`.
    public func image(at index: Int) -> ArraySlice<Float> {
        images[(index * pixelsPerImage)..<((index + 1) * pixelsPerImage)]
    }

    /// Number of examples of each class, indexed by label.
    public var classHistogram: [Int] {
        var counts = [Int](repeating: 0, count: classNames.count)
        for label in labels { counts[label] += 1 }
        return counts
    }

    /// The examples at `indices`, in that order (one copy per image, no per-pixel work).
    public func subset(_ indices: [Int]) -> ImageDataset {
        let n = pixelsPerImage
        let total = count
        // Uninitialised storage: every value is written exactly once by the copies, so no zero-fill pass.
        let values = [Float](unsafeUninitializedCapacity: indices.count * n) { out, initialized in
            images.withUnsafeBufferPointer { src in
                for (row, index) in indices.enumerated() {
                    precondition(index >= 0 && index < total, "subset index \(index) outside 0..<\(total)")
                    (out.baseAddress! + row * n).initialize(from: src.baseAddress! + index * n, count: n)
                }
            }
            initialized = indices.count * n
        }
        return ImageDataset(images: values, labels: indices.map { labels[$0] }, rows: rows, cols: cols,
                            classNames: classNames, normalization: normalization)
    }

    /// The first `n` examples (all of them when `n ≥ count`).
    public func prefix(_ n: Int) -> ImageDataset {
        subset(Array(0..<min(max(n, 0), count)))
    }
}
