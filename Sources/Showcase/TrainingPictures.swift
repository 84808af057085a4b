import Foundation
import NN
import Render
import Training

/// The pictures of a training run, drawn the same way by `dlexplain train` (right after training) and by
/// `dlexplain graph --history/--health/--confusion` (later, from the files a run left).
public enum TrainingPictures {
    /// Loss and accuracy curves, train vs validation, per epoch.
    public static func curves(_ records: [EpochRecord], name: String, to directory: String, command: String) throws -> [String] {
        let charts = TrainingCharts.curves(name: name, trainLoss: records.map(\.trainLoss),
                                           validationLoss: records.map(\.validationLoss),
                                           trainAccuracy: records.map(\.trainAccuracy),
                                           validationAccuracy: records.map(\.validationAccuracy))
        return try charts.loss.write(to: directory, name: "\(name)-loss", command: command)
            + charts.accuracy.write(to: directory, name: "\(name)-accuracy", command: command)
    }

    /// The test-set confusion matrix with class names.
    public static func confusion(_ evaluation: Evaluation, classNames: [String], architecture: Architecture,
                          to directory: String, command: String) throws -> [String] {
        let accuracy = String(format: "%.1f", evaluation.accuracy * 100)
        let chart = TrainingCharts.confusion(
            evaluation.confusion, classNames: classNames,
            title: "Confusion matrix, \(architecture.rawValue) on the test set (accuracy \(accuracy) %)")
        return try chart.write(to: directory, name: "confusion-\(architecture.rawValue)", command: command)
    }

    /// Gradient norm, update-to-weight ratio and dead ReLUs per layer and epoch.
    public static func health(_ records: [GradientHealthRecord], name: String, to directory: String, command: String) throws -> [String] {
        try TrainingCharts.health(records.map { ($0.epoch, $0.layer, $0.gradientNorm, $0.updateRatio,
                                                 $0.deadReLUFraction) }, name: name)
            .flatMap { try $0.chart.write(to: directory, name: $0.name, command: command) }
    }
}
