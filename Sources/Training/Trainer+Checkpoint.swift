import NN
import Groundwork
import Datasets
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
                       "history": ([EpochRecord.learningCurveHeader] + history.map(\.learningCurveLine))
                           .joined(separator: "\n")])
    }

    /// Continues the run saved in `checkpoint` (read from `source`): checks the architecture and optimizer,
    /// loads weights, buffers, optimizer state, counters, the dropout stream and the history.
    public func restore(from checkpoint: Checkpoint, source: String = "checkpoint") throws {
        // No tensor arithmetic today (copies only); bound anyway so a future restore step computes like the run.
        try computing { try restoreState(from: checkpoint, source: source) }
    }

    private func restoreState(from checkpoint: Checkpoint, source: String) throws {
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
        restoreTimings()
    }

    /// Takes the wall-clock columns the checkpoint leaves out from the history CSV on disk, for the epochs whose
    /// learning-curve figures match it (a CSV from another run is ignored).
    func restoreTimings() {
        guard let text = try? FileBytes.readText(configuration.historyPath) else { return }
        let onDisk = text.split(separator: "\n").compactMap { EpochRecord(csvLine: String($0)) }
        for index in history.indices {
            guard let match = onDisk.first(where: { $0.learningCurveLine == history[index].learningCurveLine })
            else { continue }
            (history[index].seconds, history[index].imagesPerSecond) = (match.seconds, match.imagesPerSecond)
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

    /// Writes the history CSV (header + one line per epoch) atomically (temp file, fsync, rename).
    public func writeHistory() throws {
        let path = configuration.historyPath
        let text = ([EpochRecord.csvHeader] + history.map(\.csvLine)).joined(separator: "\n") + "\n"
        do { try AtomicFile.write(text, to: path) } catch let OutputError.unwritable(_, reason) {
            throw TrainingError.unwritableOutput(path: path, reason: reason)
        }
    }

    /// Creates the directories of the checkpoint and the history CSV and proves each writable with a probe file,
    /// throwing `TrainingError.unwritableOutput` naming the path.
    public func checkOutputsWritable() throws {
        for path in [configuration.resolvedCheckpointPath, configuration.historyPath] {
            let directory = (path as NSString).deletingLastPathComponent
            let folder = directory.isEmpty ? "." : directory
            // The nearest part of the path that exists must be a directory.
            var existing = folder
            while !existing.isEmpty, existing != "/", !FileManager.default.fileExists(atPath: existing) {
                existing = (existing as NSString).deletingLastPathComponent
            }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: existing, isDirectory: &isDirectory), !isDirectory.boolValue {
                throw TrainingError.unwritableOutput(path: path, reason: "\(existing) is a file, not a directory")
            }
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw TrainingError.unwritableOutput(path: path, reason: "cannot create directory \(folder)")
            }
            let probe = folder + "/.dlexplain-probe-\(getpid())"
            let fd = open(probe, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard fd >= 0 else {
                throw TrainingError.unwritableOutput(path: path, reason: String(cString: strerror(errno)))
            }
            close(fd)
            unlink(probe)
        }
    }
}
