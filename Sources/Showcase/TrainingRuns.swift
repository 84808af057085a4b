import Datasets
import Foundation
import Groundwork
import NN
import Render
import Training

/// Training runs as the front ends start them: train (or resume) a named architecture and draw its pictures,
/// evaluate a checkpoint, and redraw a finished run's charts from the files it left.
public enum TrainingRuns {
    /// Trains `configuration` on Fashion-MNIST (or the MNIST-format files in `data`), resuming from its checkpoint
    /// when `resume`; `say` receives the opening lines, `progress` every batch and epoch. Writes the checkpoint,
    /// the history CSV, the loss/accuracy curves, the confusion matrix, and with `health` the gradient-health CSV
    /// and charts; returns the test results as text and every file written.
    public static func train(_ configuration: TrainingConfiguration, data: String?, resume: Bool, health: Bool,
                             command: String, say: (String) -> Void,
                             progress: @escaping (TrainingProgress) -> Void) throws -> Outcome {
        let c = configuration
        let sets = try TrainingData.load(directory: data, configuration: c)
        let trainer = try Trainer(configuration: c, data: sets)
        if resume {
            let path = c.resolvedCheckpointPath
            try trainer.restore(from: Checkpoint.read(from: path), source: path)
            say("resuming \(path) after epoch \(trainer.epoch)")
            if let change = trainer.changes.last, change.hasPrefix("after epoch \(trainer.epoch):") {
                say("changed on resume, recorded in the checkpoint: \(change)")
            }
        }
        let arch = c.architecture.rawValue
        say("\(arch): \(c.architecture.describe().totalParameters) parameters · \(c.optimizer.rawValue) lr "
            + "\(c.learningRate) · batch \(c.batchSize) · \(sets.train.count) train / \(sets.validation.count) "
            + "validation / \(sets.test.count) test · threads \(c.threads) · seed \(c.seed)")
        let recorder = GradientHealthRecorder()
        if health { trainer.observers.append(recorder) }
        let report = try trainer.run(progress: progress)
        let out = c.outputDirectory
        var files = [report.checkpointPath, report.historyPath]
        files += try TrainingPictures.curves(report.history, name: "\(arch)-history", to: out, command: command)
        files += try TrainingPictures.confusion(report.test, classNames: sets.test.classNames,
                                                name: arch, to: out, command: command)
        if health {
            let csv = PathText.join(out, "\(arch)-health.csv")
            try AtomicFile.write(recorder.csv, to: csv)
            files += [csv] + (try TrainingPictures.health(recorder.records, name: arch, to: out, command: command))
        }
        return Outcome(text: [results(report.test)], files: files)
    }

    /// The test-set results of the checkpoint at `path` (`train --evaluate`).
    public static func evaluate(checkpoint path: String, data: String?) throws -> Outcome {
        let loaded = try Trainer.loadModel(from: path)
        let test = try TrainedModel.testSet(data, for: loaded.architecture)
        return Outcome(text: ["checkpoint \(path): \(loaded.architecture.rawValue), epoch \(loaded.checkpoint.epoch)",
                              results(Trainer.evaluate(loaded.model, on: test))])
    }

    /// The test-set confusion matrix of a trained model, printed and drawn.
    public static func writeConfusion(_ trained: TrainedModel, to directory: String, command: String) throws -> Outcome {
        let evaluation = Trainer.evaluate(trained.model, on: trained.test)
        let files = try TrainingPictures.confusion(evaluation, classNames: trained.test.classNames,
                                                   name: trained.name, to: directory, command: command)
        return Outcome(text: [String(format: "test accuracy %.2f %% on %d images", evaluation.accuracy * 100,
                                     evaluation.count)], files: files)
    }

    /// Loss and accuracy curves from a history CSV a run left (`<name>-loss.*`, `<name>-accuracy.*`).
    public static func writeHistory(csv path: String, to directory: String, command: String) throws -> Outcome {
        let text: String
        do { text = try FileBytes.text(path) } catch let failure as FileBytes.Failure {
            throw TrainingError.unreadable(path: path, expected: "a training history CSV (\(EpochRecord.csvHeader)); "
                + failure.reason)
        }
        // Any line ending (a CSV saved on Windows ends its lines in \r\n, one Character in Swift).
        let lines = text.split(whereSeparator: \.isNewline).dropFirst().filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let records = lines.compactMap { EpochRecord(csvLine: String($0)) }
        guard !records.isEmpty else {
            throw TrainingError.unreadable(path: path,
                                           expected: "at least one epoch line after the header \(EpochRecord.csvHeader)")
        }
        let name = PathText.stem(path)
        let drawn = try TrainingPictures.drawCurves(records, name: name, to: directory, command: command)
        var notes = drawn.note.isEmpty ? [] : [drawn.note]
        if lines.count > records.count {
            notes.append("\(lines.count - records.count) line\(lines.count - records.count == 1 ? "" : "s") not in the "
                + "form \(EpochRecord.csvHeader) skipped")
        }
        return Outcome(text: notes.isEmpty ? [] : ["\(path): \(records.count) epochs drawn; " + notes.joined(separator: "; ")],
                       files: drawn.files)
    }

    /// Gradient-health charts from a health CSV a run left.
    public static func writeHealth(csv path: String, to directory: String, command: String) throws -> Outcome {
        let records = try GradientHealthRecord.read(from: path)
        let file = PathText.stem(path)
        let name = file.hasSuffix("-health") ? String(file.dropLast("-health".count)) : file
        return Outcome(files: try TrainingPictures.health(records, name: name, to: directory, command: command))
    }

    /// Test accuracy, the per-class table and the confusion matrix, as terminal text.
    public static func results(_ test: Evaluation) -> String {
        let rows = test.perClass.enumerated().map { c, row in
            ["\(c)", row.name, "\(row.count)", "\(row.correct)", String(format: "%.1f %%", row.accuracy * 100)]
        }
        let header = [""] + test.classNames.indices.map(String.init)
        let matrix = test.confusion.enumerated().map { c, counts in ["\(c) \(test.classNames[c])"] + counts.map(String.init) }
        return [String(format: "test accuracy %.2f%% (%d images), loss %.4f", test.accuracy * 100, test.count, test.loss),
                Table(header: ["#", "class", "images", "correct", "accuracy"], rows: rows,
                      alignments: [.right, .left, .right, .right, .right]).render(),
                "confusion matrix (rows: true class, columns: predicted)",
                Table(header: header, rows: matrix, alignments: [.left] + test.classNames.map { _ in .right }).render(),
        ].joined(separator: "\n")
    }
}
