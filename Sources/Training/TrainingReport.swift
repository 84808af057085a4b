import TensorGrad
import NN
import Foundation

/// One epoch's figures (a row of the history CSV).
public struct EpochRecord: Codable, Equatable, Sendable {
    /// 1-based epoch number.
    public var epoch: Int
    /// Mean training loss and accuracy over the epoch's batches (dropout on).
    public var trainLoss: Double, trainAccuracy: Double
    /// Validation loss and accuracy after the epoch (eval mode).
    public var validationLoss: Double, validationAccuracy: Double
    /// Wall time of the training loop (validation excluded) and training images per second.
    public var seconds: Double, imagesPerSecond: Double

    /// The CSV header the history file starts with.
    public static let csvHeader = "epoch,train_loss,train_acc,val_loss,val_acc,seconds,images_per_s"

    /// This record as a CSV line (accuracies as fractions).
    public var csvLine: String {
        String(format: "%d,%.6f,%.6f,%.6f,%.6f,%.3f,%.1f", epoch, trainLoss, trainAccuracy, validationLoss,
               validationAccuracy, seconds, imagesPerSecond)
    }

    /// The header of the learning curve a checkpoint keeps: the CSV's columns without the wall-clock ones.
    public static let learningCurveHeader = "epoch,train_loss,train_acc,val_loss,val_acc"

    /// This record without its timings, as checkpoints store it: timings differ from run to run, and a checkpoint
    /// must be byte-identical for the same seed and thread count.
    public var learningCurveLine: String {
        String(format: "%d,%.6f,%.6f,%.6f,%.6f", epoch, trainLoss, trainAccuracy, validationLoss, validationAccuracy)
    }

    /// Parses a line written by `csvLine` or `learningCurveLine` (timings 0); nil if it is neither.
    public init?(csvLine line: String) {
        let f = line.split(separator: ",").map { Double($0) }
        guard f.count == 7 || f.count == 5, f.allSatisfy({ $0 != nil }) else { return nil }
        // The epoch must be a whole number an Int holds (Int(nan) or Int(1e300) would trap).
        guard let e = f[0], e.isFinite, e == e.rounded(), abs(e) < 1e15 else { return nil }
        self.init(epoch: Int(e), trainLoss: f[1]!, trainAccuracy: f[2]!, validationLoss: f[3]!,
                  validationAccuracy: f[4]!, seconds: f.count == 7 ? f[5]! : 0,
                  imagesPerSecond: f.count == 7 ? f[6]! : 0)
    }

    /// A record.
    public init(epoch: Int, trainLoss: Double, trainAccuracy: Double, validationLoss: Double,
                validationAccuracy: Double, seconds: Double, imagesPerSecond: Double) {
        (self.epoch, self.trainLoss, self.trainAccuracy) = (epoch, trainLoss, trainAccuracy)
        (self.validationLoss, self.validationAccuracy) = (validationLoss, validationAccuracy)
        (self.seconds, self.imagesPerSecond) = (seconds, imagesPerSecond)
    }
}

/// A model's results on a data set: loss, accuracy, confusion matrix.
public struct Evaluation: Codable, Equatable, Sendable {
    /// Mean NLL loss.
    public var loss: Double
    /// Class names in label order.
    public var classNames: [String]
    /// `confusion[true class][predicted class]` = number of examples.
    public var confusion: [[Int]]
    /// The predicted class of every example, in data set order.
    public var predictions: [Int]

    /// Number of examples.
    public var count: Int { predictions.count }
    /// Fraction predicted correctly.
    public var accuracy: Double {
        let correct = confusion.indices.reduce(0) { $0 + confusion[$1][$1] }
        return count == 0 ? 0 : Double(correct) / Double(count)
    }
    /// Per class: examples, correct, and accuracy (recall) — the per-class table.
    public var perClass: [(name: String, count: Int, correct: Int, accuracy: Double)] {
        classNames.indices.map { c in
            let total = confusion[c].reduce(0, +)
            return (classNames[c], total, confusion[c][c], total == 0 ? 0 : Double(confusion[c][c]) / Double(total))
        }
    }
}

/// What a finished run produced.
public struct TrainingReport: Sendable {
    /// Every epoch so far (resumed runs include the earlier ones).
    public var history: [EpochRecord]
    /// The final model on the test set.
    public var test: Evaluation
    /// Files written: the checkpoint and the history CSV.
    public var checkpointPath: String, historyPath: String
}

/// What the trainer tells its caller while it runs (the library never prints).
public enum TrainingProgress: Sendable {
    /// A batch finished: 1-based epoch and batch, batches in the epoch, running mean loss and accuracy,
    /// training images per second so far in this epoch.
    case batch(epoch: Int, batch: Int, of: Int, loss: Double, accuracy: Double, imagesPerSecond: Double)
    /// An epoch finished (validation included) and its checkpoint was written.
    case epoch(EpochRecord)
}

/// Why training stopped.
public enum TrainingError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The loss or a gradient became NaN or ±∞ at `step` (1-based, counted over the whole run); `layer` names the
    /// first layer whose output (or parameter whose gradient) was not finite, `op` what it is.
    case nonFinite(step: Int, epoch: Int, layer: String, op: String, checkpoint: String?)
    /// An option outside its range.
    case invalidConfiguration(String)
    /// The checkpoint or history file cannot be written; `reason` says why.
    case unwritableOutput(path: String, reason: String)
    /// A file a run left (history or health CSV) that is missing or not what was expected.
    case unreadable(path: String, expected: String)
    /// The checkpoint path holds something that is not a dlexplain checkpoint (or is not a file path at all);
    /// training would overwrite it, so it is refused before the first epoch.
    case checkpointTarget(path: String, reason: String)
    /// `--resume` with settings that differ from the checkpoint's: the run would match neither.
    case resumeMismatch(path: String, differences: [String])
    /// `--resume` of a checkpoint already at (or past) the requested number of epochs.
    case nothingToTrain(path: String, epoch: Int, epochs: Int)
    /// SIGINT or SIGTERM arrived; the run stopped between batches. `checkpoint` is the last one written (nil if
    /// none), at `epoch`.
    case interrupted(signal: Int32, epoch: Int, checkpoint: String?)

    public var description: String {
        switch self {
        case let .nonFinite(step, epoch, layer, op, checkpoint):
            let kept = checkpoint.map { "; the last good checkpoint is \($0)" } ?? "; no checkpoint was written yet"
            return "training stopped at step \(step) (epoch \(epoch)): \(layer) (\(op)) produced NaN or infinity "
                + "(expected finite values; try a smaller learning rate)\(kept)"
        case let .invalidConfiguration(reason):
            return "invalid training configuration: \(reason)"
        case let .unwritableOutput(path, reason):
            return "cannot write \(path): \(reason) (expected a writable output directory; try --out DIR or --checkpoint PATH)"
        case let .unreadable(path, expected):
            return "cannot read \(path): expected \(expected)"
        case let .checkpointTarget(path, reason):
            return "refusing to use \(path.isEmpty ? "\"\"" : path) as the checkpoint: \(reason) "
                + "(expected a new file or an existing dlexplain checkpoint; pass another --checkpoint PATH)"
        case let .resumeMismatch(path, differences):
            return "cannot resume \(path) with different settings: " + differences.joined(separator: ", ")
                + " (expected the checkpoint's settings, so the run continues as one; "
                + "start a fresh run with another --checkpoint or --out to change them)"
        case let .nothingToTrain(path, epoch, epochs):
            return "nothing to train: \(path) is already at epoch \(epoch) and --epochs is \(epochs) "
                + "(expected --epochs greater than \(epoch) to continue; --evaluate --model \(path) tests it as it is)"
        case let .interrupted(signal, epoch, checkpoint):
            let kept = checkpoint.map { "checkpoint \($0) is epoch \(epoch)" } ?? "no checkpoint was written"
            return "interrupted (\(signalName(signal))) after epoch \(epoch); \(kept)"
        }
    }
}

/// "SIGINT", "SIGTERM" or "signal N".
func signalName(_ signal: Int32) -> String {
    switch signal {
    case 2: return "SIGINT"
    case 15: return "SIGTERM"
    default: return "signal \(signal)"
    }
}
