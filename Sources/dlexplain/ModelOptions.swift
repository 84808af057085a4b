import ArgumentParser
import Explain
import Foundation
import Showcase

/// Options of the commands that look inside a trained model.
struct ModelOptions: ParsableArguments {
    @Option(help: "Checkpoint written by training (e.g. Output/train/seed.dlxckpt).") var checkpoint: String?
    @Option(help: "A model file: a dlexplain checkpoint or an ONNX file (FILE.onnx, e.g. from torch.onnx.export).")
    var model: String?
    @Option(help: "Directory with MNIST-format files (default: Fashion-MNIST from dataset-fashion-mnist).")
    var data: String?

    /// The model file given by --model or --checkpoint (nil when neither).
    var path: String? { model ?? checkpoint }

    /// Refuses both --model and --checkpoint, and (with `required`) neither.
    func check(_ command: String, required: Bool = true) throws {
        if model != nil && checkpoint != nil { throw ValidationError("give either --model FILE or --checkpoint PATH, not both") }
        if required && path == nil {
            throw ValidationError("\(command) needs --checkpoint PATH or --model FILE (a checkpoint or an .onnx file)")
        }
    }

    /// The model and the test set (validate() has already refused a missing path).
    func trained() throws -> TrainedModel {
        guard let path else { throw ValidationError("needs --checkpoint PATH or --model FILE (a trained model)") }
        return try TrainedModel(checkpoint: path, data: data)
    }
}

/// A learner's own picture instead of a test image (`explain --image`, `filters --image`).
struct PictureOptions: ParsableArguments {
    @Option(help: "A PNG of your own (grey, colour, palette, 16-bit) instead of a test image, made 28 × 28 grey by area averaging.")
    var image: String?
    @Option(help: "The picture's background: black (kept, as in Fashion-MNIST) or white (inverted).")
    var background: ImageBackground = .black

    /// The model input: the picture when --image is given, else test image `index`.
    func input(index: Int, for trained: TrainedModel) throws -> ModelInput {
        guard let image else { return .test(index: index) }
        return .picture(try ImageInput(file: image, width: trained.test.cols, height: trained.test.rows,
                                       background: background))
    }
}

extension ImageBackground: ExpressibleByArgument {}

/// The command line as typed, for the pictures' "made by" line.
var commandLine: String { Provenance.commandLine(Array(CommandLine.arguments.dropFirst())) }

/// Runs `body`; a thrown error is printed as `dlexplain <command>: <message>` and exits with status 1. With
/// `lock`, that output directory is locked against other runs first (`RunGuard.lockOutput`).
func reporting(_ command: String, lock: String? = nil, _ body: () throws -> Void) throws {
    do {
        if let lock { try RunGuard.lockOutput(lock, command: commandLine) }
        try body()
    } catch let error as ValidationError { throw error } catch let error as ExitCode { throw error } catch {
        printError("dlexplain \(command): \(error)")
        throw ExitCode.failure
    }
}

/// Prints an outcome: its text, then the files written (each prefixed with `filePrefix`).
func show(_ outcome: Outcome, filePrefix: String = "") {
    outcome.text.forEach { print($0) }
    outcome.files.forEach { print(filePrefix + $0) }
}

extension SaliencyMethod: ExpressibleByArgument {}
