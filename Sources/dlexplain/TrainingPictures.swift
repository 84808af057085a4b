import Explain
import Foundation
import NN
import Render

/// The pictures of a training run, drawn the same way by `dlexplain train` (right after training) and by
/// `dlexplain graph --history/--health/--confusion` (later, from the files a run left).
enum TrainingPictures {
    /// Loss and accuracy curves, train vs validation, per epoch.
    static func curves(_ records: [EpochRecord], name: String, to directory: String) throws -> [String] {
        let charts = TrainingCharts.curves(name: name, trainLoss: records.map(\.trainLoss),
                                           validationLoss: records.map(\.validationLoss),
                                           trainAccuracy: records.map(\.trainAccuracy),
                                           validationAccuracy: records.map(\.validationAccuracy))
        return try charts.loss.write(to: directory, name: "\(name)-loss", command: commandLine)
            + charts.accuracy.write(to: directory, name: "\(name)-accuracy", command: commandLine)
    }

    /// The test-set confusion matrix with class names.
    static func confusion(_ evaluation: Evaluation, classNames: [String], architecture: Architecture,
                          to directory: String) throws -> [String] {
        let accuracy = String(format: "%.1f", evaluation.accuracy * 100)
        let chart = TrainingCharts.confusion(
            evaluation.confusion, classNames: classNames,
            title: "Confusion matrix, \(architecture.rawValue) on the test set (accuracy \(accuracy) %)")
        return try chart.write(to: directory, name: "confusion-\(architecture.rawValue)", command: commandLine)
    }

    /// Gradient norm, update-to-weight ratio and dead ReLUs per layer and epoch.
    static func health(_ records: [GradientHealthRecord], name: String, to directory: String) throws -> [String] {
        try TrainingCharts.health(records.map { ($0.epoch, $0.layer, $0.gradientNorm, $0.updateRatio,
                                                 $0.deadReLUFraction) }, name: name)
            .flatMap { try $0.chart.write(to: directory, name: $0.name, command: commandLine) }
    }
}
