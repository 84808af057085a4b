import Groundwork
import Foundation

extension ImageDataset {
    /// Splits into training and validation sets after one seeded shuffle: validation takes the first
    /// `validationCount` shuffled examples, training the rest (capped at `limit` for quick runs).
    ///
    /// Same seed → same split, on every machine. For Fashion-MNIST's 60 000 training images the default gives
    /// the usual 55 000 / 5 000. Keeps `self` and copies only the examples it keeps (a lesson taking 600 of
    /// 60 000 copies 600); `splitOffValidation` gives the same sets without a second copy of the whole set.
    public func split(validationCount: Int = 5000, seed: UInt64, limit: Int? = nil) throws
        -> (train: ImageDataset, validation: ImageDataset)
    {
        let order = try splitOrder(validationCount: validationCount, seed: seed, limit: limit)
        return (subset(order.training), subset(order.validation))
    }

    /// The split of `split(validationCount:seed:limit:)` done in place: returns the validation set and leaves the
    /// training set in `self`, its images reordered where they lie. Loading Fashion-MNIST's training file and
    /// splitting it this way holds one 188 MB copy of its pixels instead of two (the whole set and the
    /// training set) at the peak.
    public mutating func splitOffValidation(validationCount: Int = 5000, seed: UInt64, limit: Int? = nil) throws
        -> ImageDataset
    {
        let order = try splitOrder(validationCount: validationCount, seed: seed, limit: limit)
        let validation = subset(order.validation)
        // Position i takes example training[i]; every other example goes after them, where the truncation below
        // drops it. A full permutation, applied cycle by cycle.
        let kept = Set(order.training)
        permuteInPlace(order.training + (0..<count).filter { !kept.contains($0) })
        images.removeLast((count - order.training.count) * pixelsPerImage)
        labels.removeLast(count - order.training.count)
        return validation
    }

    /// The examples each side of the split takes, in order, after checking the counts.
    func splitOrder(validationCount: Int, seed: UInt64, limit: Int?) throws -> (training: [Int], validation: [Int]) {
        guard validationCount >= 0, validationCount < count else {
            throw DataError.invalidSplit(reason: "\(validationCount) validation examples out of \(count); "
                + "expected 0 ≤ validation < \(count) so some remain for training")
        }
        if let limit, limit <= 0 {
            throw DataError.invalidSplit(reason: "limit \(limit); expected a positive number of training examples")
        }
        var generator = SeededGenerator(seed: seed)
        let order = generator.permutation(of: count)
        var training = order[validationCount...]
        if let limit { training = training.prefix(limit) }
        return (Array(training), Array(order[..<validationCount]))
    }

    /// Reorders the examples so that position i holds what was at `gather[i]` (a permutation of the indices),
    /// moving each image once with one image of scratch space.
    mutating func permuteInPlace(_ gather: [Int]) {
        let n = pixelsPerImage, total = count
        var placed = [Bool](repeating: false, count: total)
        var scratch = [Float](repeating: 0, count: n)
        let oldLabels = labels
        images.withUnsafeMutableBufferPointer { pixels in
            let base = pixels.baseAddress!
            for start in 0..<total where !placed[start] {
                scratch.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: base + start * n, count: n) }
                var destination = start
                while true {
                    placed[destination] = true
                    let source = gather[destination]
                    if source == start {
                        scratch.withUnsafeBufferPointer { (base + destination * n).update(from: $0.baseAddress!, count: n) }
                        break
                    }
                    (base + destination * n).update(from: base + source * n, count: n)
                    destination = source
                }
            }
        }
        labels = gather.map { oldLabels[$0] }
    }

    /// The first `n` examples after a seeded shuffle (a quick, still class-balanced-on-average sample).
    public func shuffledPrefix(_ n: Int, seed: UInt64) -> ImageDataset {
        var generator = SeededGenerator(seed: seed)
        return subset(Array(generator.permutation(of: count).prefix(max(n, 0))))
    }
}
