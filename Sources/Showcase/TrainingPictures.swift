import Foundation
import NN
import Render
import Training

/// The pictures of a training run, drawn the same way by `dlexplain train` (right after training) and by
/// `dlexplain graph --history/--health/--confusion` (later, from the files a run left).
public enum TrainingPictures {
    /// Most epochs drawn on one curve: a 20 000-line history took a minute to draw (legend placement walks every
    /// segment) and no figure 680 px wide shows more; longer histories are thinned, and the title says so.
    public static let maximumDrawnEpochs = 500

    /// Loss and accuracy curves, train vs validation, per epoch. Epochs with a non-finite value are left as gaps
    /// and counted in `gaps`; histories longer than `maximumDrawnEpochs` are thinned to every k-th epoch (the
    /// last always kept), said in the titles and in `note`.
    public static func curves(_ records: [EpochRecord], name: String, to directory: String, command: String) throws -> [String] {
        try drawCurves(records, name: name, to: directory, command: command).files
    }

    /// `curves`, also returning what was done to fit the data into the figure ("" when nothing was).
    public static func drawCurves(_ records: [EpochRecord], name: String, to directory: String, command: String)
        throws -> (files: [String], note: String)
    {
        let every = (records.count + maximumDrawnEpochs - 1) / maximumDrawnEpochs
        let kept = every > 1
            ? records.indices.filter { $0 % every == 0 || $0 == records.count - 1 }
            : Array(records.indices)
        let rows = kept.map { records[$0] }
        let gaps = records.filter {
            ![$0.trainLoss, $0.trainAccuracy, $0.validationLoss, $0.validationAccuracy].allSatisfy(\.isFinite)
        }
        var notes: [String] = []
        if every > 1 { notes.append("every \(every)th of \(records.count) epochs drawn") }
        if !gaps.isEmpty {
            notes.append("\(gaps.count) epoch\(gaps.count == 1 ? "" : "s") with NaN or ∞ left as gaps")
        }
        let note = notes.joined(separator: "; ")
        let charts = TrainingCharts.curves(name: name, trainLoss: rows.map(\.trainLoss),
                                           validationLoss: rows.map(\.validationLoss),
                                           trainAccuracy: rows.map(\.trainAccuracy),
                                           validationAccuracy: rows.map(\.validationAccuracy),
                                           epochs: every > 1 ? kept.map { Double($0 + 1) } : nil,
                                           note: note.isEmpty ? nil : note)
        let files = try charts.loss.write(to: directory, name: "\(name)-loss", command: command)
            + charts.accuracy.write(to: directory, name: "\(name)-accuracy", command: command)
        return (files, note)
    }

    /// The test-set confusion matrix with class names.
    public static func confusion(_ evaluation: Evaluation, classNames: [String], name: String,
                          to directory: String, command: String) throws -> [String] {
        let accuracy = String(format: "%.1f", evaluation.accuracy * 100)
        let chart = TrainingCharts.confusion(
            evaluation.confusion, classNames: classNames,
            title: "Confusion matrix, \(name) on the test set (accuracy \(accuracy) %)")
        return try chart.write(to: directory, name: "confusion-\(name)", command: command)
    }

    /// Gradient norm, update-to-weight ratio and dead ReLUs per layer and epoch.
    public static func health(_ records: [GradientHealthRecord], name: String, to directory: String, command: String) throws -> [String] {
        try TrainingCharts.health(records.map { ($0.epoch, $0.layer, $0.gradientNorm, $0.updateRatio,
                                                 $0.deadReLUFraction) }, name: name)
            .flatMap { try $0.chart.write(to: directory, name: $0.name, command: command) }
    }
}
