import Groundwork
import Foundation

/// A reusable batch: the caller keeps one and `Batches.Iterator.next(into:)` refills it, so an epoch allocates
/// nothing after the first batch.
public struct Batch: Sendable {
    /// `count × 1 × rows × cols` normalised pixel values, image after image.
    public var images: [Float] = []
    /// `count` class indices.
    public var labels: [Int] = []
    /// Positions of these examples in the data set (for explanations that point back at an image).
    public var indices: [Int] = []

    /// An empty batch to be filled.
    public init() {}

    /// Number of examples in the batch (the last batch of an epoch may be short).
    public var count: Int { labels.count }
}

/// One epoch of mini-batches over a data set, in a seeded order.
///
/// The order depends only on `(seed, epoch)`: the same pair gives the same batches, and each epoch is a fresh
/// shuffle without any generator state carried between epochs (which is what makes `--resume` reproducible).
public struct Batches: Sequence, Sendable {
    /// The data set batched (arrays are shared, not copied).
    public let dataset: ImageDataset
    /// Examples per batch.
    public let batchSize: Int
    /// Dataset indices in visiting order.
    public let order: [Int]
    /// Whether a final short batch is skipped.
    public let dropLast: Bool

    /// Batches for `epoch`, shuffled from `(seed, epoch)`; `shuffle: false` visits examples in stored order.
    public init(_ dataset: ImageDataset, batchSize: Int, seed: UInt64, epoch: Int = 0, shuffle: Bool = true,
                dropLast: Bool = false) {
        precondition(batchSize > 0, "batch size must be positive, got \(batchSize)")
        self.dataset = dataset
        self.batchSize = batchSize
        self.dropLast = dropLast
        self.order = shuffle ? Batches.order(count: dataset.count, seed: seed, epoch: epoch) : Array(0..<dataset.count)
    }

    /// The visiting order for one epoch: a permutation fixed by `(seed, epoch)`.
    public static func order(count: Int, seed: UInt64, epoch: Int) -> [Int] {
        // Mixed so epoch streams differ from each other and from the split's stream for the same seed.
        var generator = SeededGenerator(seed: seed ^ (0x5851_F42D_4C95_7F2D &* (UInt64(truncatingIfNeeded: epoch) &+ 1)))
        return generator.permutation(of: count)
    }

    /// Number of batches in the epoch.
    public var count: Int {
        dropLast ? order.count / batchSize : (order.count + batchSize - 1) / batchSize
    }

    /// An iterator from the first batch.
    public func makeIterator() -> Iterator { Iterator(batches: self) }

    /// Walks the batches; `next(into:)` refills a caller-owned `Batch`, `next()` returns a new one.
    public struct Iterator: IteratorProtocol, Sendable {
        let batches: Batches
        var position = 0

        init(batches: Batches) { self.batches = batches }

        /// The next batch as a fresh value (one allocation per batch, none per example).
        public mutating func next() -> Batch? {
            var batch = Batch()
            return next(into: &batch) ? batch : nil
        }

        /// Fills `batch` with the next batch, reusing its storage; false at the end of the epoch.
        public mutating func next(into batch: inout Batch) -> Bool {
            let order = batches.order
            let remaining = order.count - position
            let size = Swift.min(batches.batchSize, remaining)
            guard size > 0, !(batches.dropLast && size < batches.batchSize) else { return false }
            let pixels = batches.dataset.pixelsPerImage
            resize(&batch.images, to: size * pixels)
            resize(&batch.labels, to: size)
            resize(&batch.indices, to: size)
            let labels = batches.dataset.labels
            batches.dataset.images.withUnsafeBufferPointer { src in
                batch.images.withUnsafeMutableBufferPointer { dst in
                    for row in 0..<size {
                        let index = order[position + row]
                        (dst.baseAddress! + row * pixels).update(from: src.baseAddress! + index * pixels, count: pixels)
                    }
                }
            }
            for row in 0..<size {
                let index = order[position + row]
                batch.labels[row] = labels[index]
                batch.indices[row] = index
            }
            position += size
            return true
        }

        /// Grows or shrinks without giving capacity back, so a short last batch costs no reallocation next epoch.
        private func resize<T: Numeric>(_ array: inout [T], to count: Int) {
            if array.count > count {
                array.removeLast(array.count - count)
            } else if array.count < count {
                array.append(contentsOf: repeatElement(0, count: count - array.count))
            }
        }
    }
}
