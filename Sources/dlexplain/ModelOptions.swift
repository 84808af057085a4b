import ArgumentParser
import Explain
import Foundation
import Showcase

/// Options of the commands that look inside a trained model.
struct ModelOptions: ParsableArguments {
    @Option(help: "Checkpoint written by training (e.g. Output/train/seed.dlxckpt).") var checkpoint: String?
    @Option(help: "Directory with MNIST-format files (default: Fashion-MNIST from dataset-fashion-mnist).")
    var data: String?

    /// The checkpoint's model and the test set; `command` names the command in the message when --checkpoint is
    /// missing (validate() has already refused that case).
    func trained() throws -> TrainedModel {
        guard let checkpoint else { throw ValidationError("needs --checkpoint PATH (a trained model)") }
        return try TrainedModel(checkpoint: checkpoint, data: data)
    }
}

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
