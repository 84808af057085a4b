import ArgumentParser
import Foundation
import NN
import Showcase
import Training

/// `dlexplain train`: trains seed/wide/mlp on Fashion-MNIST (or `--data DIR`), or evaluates a checkpoint.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a CNN or MLP on Fashion-MNIST: progress, validation, test accuracy, confusion matrix.",
        discussion: "Writes Output/train/<arch>.dlxckpt after every epoch and Output/train/<arch>-history.csv. "
            + "--resume continues from the checkpoint to the same result as an uninterrupted run.")

    @Option(help: "Architecture: seed, wide or mlp.") var arch: Architecture = .seed
    @Option(help: "Epochs to train (a resumed run continues up to this many; at most \(SizeLimit.epochs.upperBound)).",
            transform: Checked.whole(SizeLimit.epochs)) var epochs = 1
    @Option(help: "Mini-batch size.", transform: Checked.whole(SizeLimit.batch)) var batch = 64
    @Option(help: "Optimizer: \(OptimizerKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var optimizer: OptimizerKind = .sgd
    @Option(help: "Learning rate (default: 0.01 for sgd/adagrad/rmsprop, 0.001 for adam/adamw).",
            transform: Checked.float(.learningRate)) var lr: Float?
    @Option(help: "Momentum for sgd and rmsprop.", transform: Checked.float(.momentum)) var momentum: Float = 0.5
    @Flag(help: "Nesterov momentum (sgd).") var nesterov = false
    @Option(help: "Weight decay (decoupled for adamw).", transform: Checked.float(.penalty)) var weightDecay: Float = 0
    @Option(help: "L1 penalty strength added to the loss.", transform: Checked.float(.penalty)) var l1: Float = 0
    @Option(help: "L2 penalty strength added to the loss.", transform: Checked.float(.penalty)) var l2: Float = 0
    @Option(help: "Step schedule: multiply the learning rate by --gamma every N epochs.",
            transform: Checked.whole(SizeLimit.epochs)) var stepSize: Int?
    @Option(help: "Step schedule factor.", transform: Checked.float(.shrinkFactor)) var gamma: Float = 0.1
    @Option(help: "Seed for initialisation, split, batch order and dropout.", transform: Checked.seed) var seed: UInt64 = 1
    @Option(help: "Threads (OpenBLAS and the engine's loops; at most \(SizeLimit.threads.upperBound)).",
            transform: Checked.whole(SizeLimit.threads)) var threads = 2
    @Option(help: "Train on only the first N training images.", transform: Checked.whole(SizeLimit.images)) var limit: Int?
    @Option(help: "Checkpoint path (default Output/train/<arch>.dlxckpt).") var checkpoint: String?
    @Flag(help: "Continue from the checkpoint.") var resume = false
    @Flag(help: "Evaluate a model on the test set instead of training: --evaluate --model FILE (a checkpoint or FILE.onnx).")
    var evaluate = false
    @Option(help: "With --evaluate: the model file (a dlexplain checkpoint or an ONNX file).") var model: String?
    @Option(help: "With --evaluate: write the test set's logits as NumPy .npy (float32 [images, classes]).")
    var saveLogits: String?
    @Option(help: "Directory with MNIST-format files (default: /usr/share/datasets/fashion-mnist).") var data: String?
    @Option(help: "Output directory.") var out = "Output/train"
    @Flag(help: "Record gradient health per layer and epoch (gradient norm, update/weight ratio, dead ReLUs).")
    var health = false

    func validate() throws {
        // Ranges are checked while parsing (CheckedOption.swift); what is left relates options to each other.
        if nesterov && (optimizer != .sgd || momentum == 0) {
            throw ValidationError("--nesterov needs --optimizer sgd and --momentum > 0")
        }
        if evaluate && resume { throw ValidationError("give either --evaluate or --resume, not both") }
        if saveLogits != nil && !evaluate { throw ValidationError("--save-logits needs --evaluate") }
        if !evaluate && model != nil {
            throw ValidationError("--model is read only with --evaluate (train --evaluate --model FILE)")
        }
        if evaluate && [model, checkpoint].compactMap({ $0 }).count != 1 {
            throw ValidationError("--evaluate needs exactly one model: --model FILE (or --checkpoint PATH)")
        }
    }

    var trainingConfiguration: TrainingConfiguration {
        var c = TrainingConfiguration()
        c.architecture = arch
        (c.epochs, c.batchSize, c.optimizer) = (epochs, batch, optimizer)
        c.learningRate = lr ?? optimizer.defaultLearningRate
        (c.momentum, c.nesterov, c.weightDecay, c.l1Penalty, c.l2Penalty) = (momentum, nesterov, weightDecay, l1, l2)
        (c.scheduleStepSize, c.scheduleGamma) = (stepSize, gamma)
        (c.seed, c.threads, c.limit, c.outputDirectory, c.checkpointPath) = (seed, threads, limit, out, checkpoint)
        return c
    }

    func run() throws {
        try reporting("train", lock: evaluate ? nil : out) {
            if evaluate, let file = model ?? checkpoint {
                return show(try TrainedModel.evaluate(model: file, data: data, saveLogits: saveLogits))
            }
            let progress = TrainingOutput(epochs: epochs, batchSize: batch, isTerminal: isatty(STDOUT_FILENO) != 0)
            // Two runs with one --checkpoint outside their --out would overwrite each other's checkpoint.
            if let checkpoint, !checkpoint.isEmpty { try RunGuard.lockOutput(RunGuard.folder(of: checkpoint), command: commandLine) }
            do {
                let (outcome, signal) = try RunGuard.interruptible {
                    try TrainingRuns.train(trainingConfiguration, data: data, resume: resume, health: health,
                                           command: commandLine, say: { print($0); fflush(stdout) },
                                           progress: progress.show)
                }
                if let outcome { show(outcome, filePrefix: "wrote ") }
                if let signal { throw ExitCode(RunGuard.exitStatus(for: signal)) }
            } catch let TrainingError.interrupted(signal, epoch, checkpoint) {
                // Progress already printed to a redirected stdout must reach its file before the exit.
                fflush(stdout)
                let kept = checkpoint.map { "checkpoint \($0) is epoch \(epoch)" } ?? "no checkpoint was written"
                let again = checkpoint == nil ? "run again with: " + commandLine
                    : "resume with: " + RunGuard.resumeCommand(Array(CommandLine.arguments.dropFirst()))
                printError("dlexplain train: interrupted after epoch \(epoch); \(kept); \(again)")
                throw ExitCode(RunGuard.exitStatus(for: signal))
            }
        }
    }
}

extension OptimizerKind: ExpressibleByArgument {}
