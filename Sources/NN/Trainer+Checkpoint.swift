import Data
import Foundation
import TensorGrad

extension Trainer {
    /// The run's state now: weights and buffers, optimizer state, epoch, step, the dropout stream, the history.
    public func checkpoint() -> Checkpoint {
        let tensors = (model.namedParameters + model.namedBuffers).map {
            NamedArray(name: $0.name, shape: $0.tensor.shape.dims, values: $0.tensor.scalars)
        }
        let c = configuration
        return Checkpoint(
            architecture: c.architecture.rawValue, architectureDescription: c.architecture.describe().json,
            epoch: epoch, step: step, tensors: tensors, optimizerState: optimizer.exportState(),
            scalars: ["lr": Double(optimizer.learningRate), "optimizer.step": Double(optimizer.stepCount),
                      "momentum": Double(c.momentum), "weight_decay": Double(c.weightDecay),
                      "seed": Double(c.seed), "threads": Double(c.threads), "batch": Double(c.batchSize)],
            rngState: stream.generator.state,
            metadata: ["optimizer": c.optimizer.rawValue,
                       "history": ([EpochRecord.csvHeader] + history.map(\.csvLine)).joined(separator: "\n")])
    }

    /// Continues the run saved in `checkpoint` (read from `source`): checks the architecture and optimizer,
    /// loads weights, buffers, optimizer state, counters, the dropout stream and the history.
    public func restore(from checkpoint: Checkpoint, source: String = "checkpoint") throws {
        try checkpoint.check(architecture: configuration.architecture.rawValue, source: source)
        if let saved = checkpoint.metadata["optimizer"], saved != configuration.optimizer.rawValue {
            throw CheckpointError.corrupt(name: source, reason: "it was trained with optimizer '\(saved)', "
                + "expected '\(configuration.optimizer.rawValue)' to resume")
        }
        try Trainer.load(checkpoint, into: model, source: source)
        try optimizer.importState(checkpoint.optimizerState,
                                  stepCount: Int(checkpoint.scalars["optimizer.step"] ?? Double(checkpoint.step)))
        epoch = checkpoint.epoch
        step = checkpoint.step
        if checkpoint.rngState.count == 4, checkpoint.rngState.contains(where: { $0 != 0 }) {
            stream.generator = SeededGenerator(state: checkpoint.rngState)
        }
        history = (checkpoint.metadata["history"] ?? "").split(separator: "\n").compactMap {
            EpochRecord(csvLine: String($0))
        }
    }

    /// Copies the checkpoint's tensors into `model`'s parameters and buffers, checking every name and shape.
    public static func load(_ checkpoint: Checkpoint, into model: Sequential, source: String = "checkpoint") throws {
        for (name, tensor) in model.namedParameters + model.namedBuffers {
            let values = try checkpoint.values(of: name, shape: tensor.shape.dims, source: source)
            tensor.withUnsafeMutableBufferPointer { dst in
                values.withUnsafeBufferPointer { src in dst.baseAddress!.update(from: src.baseAddress!, count: src.count) }
            }
        }
    }

    /// Reads a checkpoint and builds its model (architecture from the file) in eval mode — `train --evaluate`.
    /// With `expectArchitecture`, a checkpoint of another architecture is refused by name.
    public static func loadModel(from path: String, expectArchitecture: Architecture? = nil) throws
        -> (model: Sequential, architecture: Architecture, checkpoint: Checkpoint)
    {
        let checkpoint = try Checkpoint.read(from: path, expectArchitecture: expectArchitecture?.rawValue)
        guard let architecture = Architecture(rawValue: checkpoint.architecture) else {
            let known = Architecture.allCases.map(\.rawValue).joined(separator: ", ")
            throw CheckpointError.corrupt(name: path, reason: "unknown architecture '\(checkpoint.architecture)' "
                + "(expected one of \(known))")
        }
        let model = architecture.makeModel(seed: 0, stream: RandomStream(seed: 0))
        try load(checkpoint, into: model, source: path)
        model.eval()
        return (model, architecture, checkpoint)
    }

    /// Writes the history CSV (header + one line per epoch) atomically.
    public func writeHistory() throws {
        let path = configuration.historyPath
        let text = ([EpochRecord.csvHeader] + history.map(\.csvLine)).joined(separator: "\n") + "\n"
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw CheckpointError.unwritable(path: path, reason: "\(error.localizedDescription) (history CSV)")
        }
    }
}
