import ArgumentParser
import Datasets
import Explain
import Foundation
import Lessons
import NN
import Training
import Render

/// Options of the commands that look inside a trained model.
struct ModelOptions: ParsableArguments {
    @Option(help: "Checkpoint written by training (e.g. Output/train/seed.dlxckpt).") var checkpoint: String?
    @Option(help: "Directory with MNIST-format files (default: Fashion-MNIST from dataset-fashion-mnist).")
    var data: String?
}

/// A trained model with the test set it is shown on.
struct LoadedModel {
    let model: Sequential
    let architecture: Architecture
    let test: ImageDataset

    /// Reads the checkpoint and the test set; errors name the file and what was expected.
    init(checkpoint path: String, data: String?) throws {
        (model, architecture, _) = try Trainer.loadModel(from: path)
        test = try ImageDataset.load(.test, from: data)
    }

    /// Test image `index` (normalised values) and its label, or an error naming the valid range.
    func image(_ index: Int) throws -> (values: [Float], label: Int) {
        guard index >= 0 && index < test.count else {
            throw ExplainError.indexOutOfRange(index: index, count: test.count, dataset: "test")
        }
        return (Array(test.image(at: index)), test.labels[index])
    }

    /// An explainer over the test set's normalisation.
    var explainer: Explainer { Explainer(model: model, imageShape: test.imageShape, normalization: test.normalization) }
}

/// The command line as typed, for the pictures' "made by" line.
var commandLine: String { CommandLine.arguments.dropFirst().reduce("dlexplain") { $0 + " " + shellQuoted($1) } }

/// Runs `body`; a thrown error is printed as `dlexplain <command>: <message>` and exits with status 1.
func reporting(_ command: String, _ body: () throws -> Void) throws {
    do { try body() } catch let error as ValidationError { throw error } catch let error as ExitCode { throw error } catch {
        printError("dlexplain \(command): \(error)")
        throw ExitCode.failure
    }
}

extension SaliencyMethod: ExpressibleByArgument {}
