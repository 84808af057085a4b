import Groundwork
import Foundation

extension ImageDataset {
    /// Splits into training and validation sets after one seeded shuffle: validation takes the first
    /// `validationCount` shuffled examples, training the rest (capped at `limit` for quick runs).
    ///
    /// Same seed → same split, on every machine. For Fashion-MNIST's 60 000 training images the default gives
    /// the usual 55 000 / 5 000.
    public func split(validationCount: Int = 5000, seed: UInt64, limit: Int? = nil) throws
        -> (train: ImageDataset, validation: ImageDataset)
    {
        guard validationCount >= 0, validationCount < count else {
            throw DataError.invalidSplit(reason: "\(validationCount) validation examples out of \(count); "
                + "expected 0 ≤ validation < \(count) so some remain for training")
        }
        if let limit, limit <= 0 {
            throw DataError.invalidSplit(reason: "limit \(limit); expected a positive number of training examples")
        }
        var generator = SeededGenerator(seed: seed)
        let order = generator.permutation(of: count)
        let validation = Array(order[..<validationCount])
        var training = order[validationCount...]
        if let limit { training = training.prefix(limit) }
        return (subset(Array(training)), subset(validation))
    }

    /// The first `n` examples after a seeded shuffle (a quick, still class-balanced-on-average sample).
    public func shuffledPrefix(_ n: Int, seed: UInt64) -> ImageDataset {
        var generator = SeededGenerator(seed: seed)
        return subset(Array(generator.permutation(of: count).prefix(max(n, 0))))
    }
}
