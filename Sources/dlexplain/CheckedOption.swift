import ArgumentParser

/// The one place where numeric options are bounded. Each option declares its range through `transform:`, so a
/// value is checked while it is parsed — before any data is read or memory allocated — and a refusal reads
/// `The value 'nan' is invalid for '--momentum <momentum>': expected a finite number from 0 up to (not
/// including) 1`. NaN and ±inf never pass (`Double("nan")` parses, and `nan < 0` is false, which is how
/// `train --momentum nan` used to reach `SGD.step`).
struct Bounds<Number: Comparable & Sendable>: Sendable, CustomStringConvertible {
    /// Least and greatest allowed values.
    var lower: Number, upper: Number
    /// Whether `lower` / `upper` themselves are excluded.
    var lowerOpen = false, upperOpen = false

    /// Whether `value` lies in the range.
    func contains(_ value: Number) -> Bool {
        (lowerOpen ? value > lower : value >= lower) && (upperOpen ? value < upper : value <= upper)
    }

    /// `from 0 to 1`, `greater than 0 and at most 10`, `from 0 up to (not including) 1`.
    var description: String {
        let (low, high) = (Self.show(lower), Self.show(upper))
        if lowerOpen { return "greater than \(low) and " + (upperOpen ? "less than \(high)" : "at most \(high)") }
        return "from \(low) " + (upperOpen ? "up to (not including) \(high)" : "to \(high)")
    }

    /// Whole doubles without `.0` (`10`, not `10.0`).
    private static func show(_ value: Number) -> String {
        if let double = value as? Double, double == double.rounded(), abs(double) < 1e15 { return String(Int(double)) }
        return "\(value)"
    }
}

/// Bound numeric options (see `Bounds`); each function returns an ArgumentParser `transform:`.
enum Checked {
    /// A refusal of a value; ArgumentParser prints its description after the option's name.
    struct Refusal: Error, CustomStringConvertible {
        var description: String
    }

    /// A finite real number in `bounds`.
    static func real(_ bounds: Bounds<Double>) -> @Sendable (String) throws -> Double {
        { text in
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard let value = Double(trimmed) else { throw Refusal(description: "expected a number " + "\(bounds)") }
            guard value.isFinite else {
                throw Refusal(description: "expected a finite number \(bounds), not \(trimmed)")
            }
            guard bounds.contains(value) else { throw Refusal(description: "expected a number \(bounds)") }
            return value
        }
    }

    /// `real(bounds)` as a Float, checked again after rounding (1e39 is finite as a Double, not as a Float).
    static func float(_ bounds: Bounds<Double>) -> @Sendable (String) throws -> Float {
        let check = real(bounds)
        return { text in
            let value = Float(try check(text))
            guard value.isFinite, bounds.contains(Double(value)) else {
                throw Refusal(description: "expected a number \(bounds) (single precision)")
            }
            return value
        }
    }

    /// A seed: any whole number from 0 to 2⁶⁴ − 1 (ArgumentParser alone said only "is invalid" for -1 or 2⁶⁴).
    static func seed(_ text: String) throws -> UInt64 {
        guard let value = UInt64(text.trimmingCharacters(in: .whitespaces)) else {
            throw Refusal(description: "expected a whole number from 0 to \(UInt64.max)")
        }
        return value
    }

    /// A whole number in `bounds`; the bound is named, so `--threads 1000000000` says how many are allowed.
    static func whole(_ bounds: ClosedRange<Int>) -> @Sendable (String) throws -> Int {
        { text in
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard let value = Int(trimmed) else {
                let tooBig = !trimmed.isEmpty && trimmed.allSatisfy { $0.isNumber || $0 == "-" || $0 == "+" }
                throw Refusal(description: tooBig
                              ? "expected a whole number from \(bounds.lowerBound) to \(bounds.upperBound)"
                              : "expected a whole number (from \(bounds.lowerBound) to \(bounds.upperBound))")
            }
            guard bounds.contains(value) else {
                throw Refusal(description: "expected a whole number from \(bounds.lowerBound) to \(bounds.upperBound)")
            }
            return value
        }
    }
}

extension Bounds where Number == Double {
    /// Learning rates: greater than 0, at most 10⁶ (a rate far too large is a lesson in itself: the run stops at
    /// the first non-finite loss and names it, as `TrainingFailureTests` shows with 10⁶).
    static let learningRate = Bounds(lower: 0, upper: 1e6, lowerOpen: true)
    /// Momentum: 0 up to, not including, 1 (at 1 the velocity never forgets; above it, it grows without bound).
    static let momentum = Bounds(lower: 0, upper: 1, upperOpen: true)
    /// Penalties and decays: 0 to 1.
    static let penalty = Bounds(lower: 0, upper: 1)
    /// A factor that shrinks a rate: greater than 0, at most 1 (negative would train uphill, 0 would stop).
    static let shrinkFactor = Bounds(lower: 0, upper: 1, lowerOpen: true)
}

/// Upper bounds of sizes, named in every refusal. Each keeps a run's memory and time within what this machine
/// class offers (24 GiB, a few cores) and far above anything a lesson or benchmark needs.
enum SizeLimit {
    /// Threads: more than this only adds switching (the engine splits work into at most this many parts).
    static let threads = 1...64
    /// Epochs of one training run.
    static let epochs = 1...10_000
    /// Training images per mini-batch (Fashion-MNIST has 60 000).
    static let batch = 1...60_000
    /// Images in one batch of `bench ops`: 4 096 keeps the convolution buffers near 13 MB (10⁸ asked for 313 GB).
    static let benchBatch = 1...4_096
    /// Images: a training subset, the images `bench train` times.
    static let images = 1...10_000_000
}
