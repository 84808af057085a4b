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
                      "seed": Double(c.seed), "threads": Double(c.threads), "batch": Double(c.batchSize),
                      "base_lr": Double(c.learningRate), "l1": Double(c.l1Penalty), "l2": Double(c.l2Penalty),
                      "gamma": Double(c.scheduleGamma), "step_size": Double(c.scheduleStepSize ?? 0),
                      "limit": Double(c.limit ?? 0), "nesterov": c.nesterov ? 1 : 0],
            rngState: stream.generator.state,
            metadata: ["optimizer": c.optimizer.rawValue,
                       "history": ([EpochRecord.learningCurveHeader] + history.map(\.learningCurveLine))
                           .joined(separator: "\n")]
                .merging(changes.isEmpty ? [:] : ["changes": changes.joined(separator: "\n")]) { kept, _ in kept })
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
            throw CheckpointError.corrupt(name: source, reason: "it was trained with optimizer '\(Printable.escape(saved))', "
                + "expected '\(configuration.optimizer.rawValue)' to resume")
        }
        let differences = settingsDiffering(from: checkpoint)
        guard differences.isEmpty else { throw TrainingError.resumeMismatch(path: source, differences: differences) }
        changes = (checkpoint.metadata["changes"] ?? "").split(separator: "\n").map(String.init)
        if let saved = savedBaseRate(checkpoint), Float(saved) != configuration.learningRate {
            // A new learning rate on resume makes sense (fine-tuning, or recovering from a blow-up): allowed,
            // said by the caller, and recorded.
            changes.append("after epoch \(checkpoint.epoch): learning rate \(Float(saved)) → \(configuration.learningRate)")
        }
        guard checkpoint.epoch < configuration.epochs else {
            throw TrainingError.nothingToTrain(path: source, epoch: checkpoint.epoch, epochs: configuration.epochs)
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

    /// The settings this run would change against the checkpoint's ("--seed 6 (checkpoint: 5)"), in option
    /// order; the learning rate may change (`changes`). Checkpoints written before a setting was recorded are not held to it. --threads may change: it
    /// changes only the summation grouping, not what is trained.
    func settingsDiffering(from checkpoint: Checkpoint) -> [String] {
        let c = configuration
        let saved = checkpoint.scalars
        let mine: [(option: String, key: String?, value: Double)] = [
            ("--seed", "seed", Double(c.seed)),
            ("--batch", "batch", Double(c.batchSize)), ("--limit", "limit", Double(c.limit ?? 0)),
            ("--momentum", "momentum", Double(c.momentum)), ("--weight-decay", "weight_decay", Double(c.weightDecay)),
            ("--l1", "l1", Double(c.l1Penalty)), ("--l2", "l2", Double(c.l2Penalty)),
            ("--gamma", "gamma", Double(c.scheduleGamma)), ("--step-size", "step_size", Double(c.scheduleStepSize ?? 0)),
            ("--nesterov", "nesterov", c.nesterov ? 1 : 0),
        ]
        return mine.compactMap { option, key, value in
            guard let key, let theirs = saved[key] else { return nil }
            // Float settings were stored through Double: compare at Float precision.
            guard Float(theirs) != Float(value) else { return nil }
            func show(_ v: Double) -> String {
                if option == "--limit" || option == "--step-size" { return v == 0 ? "none" : String(Int(v)) }
                if option == "--nesterov" { return v == 0 ? "off" : "on" }
                if option == "--seed" || option == "--batch" { return String(UInt64(max(v, 0))) }
                return String(Float(v))
            }
            return "\(option) \(show(value)) (checkpoint: \(show(theirs)))"
        }
    }

    /// The base learning rate the checkpoint was trained with (older checkpoints: the last rate, when no schedule).
    func savedBaseRate(_ checkpoint: Checkpoint) -> Double? {
        checkpoint.scalars["base_lr"] ?? (configuration.scheduleStepSize == nil ? checkpoint.scalars["lr"] : nil)
    }

    /// Takes the wall-clock columns the checkpoint leaves out from the history CSV on disk, for the epochs whose
    /// learning-curve figures match it (a CSV from another run is ignored).
    func restoreTimings() {
        guard let text = try? FileBytes.text(configuration.historyPath) else { return }
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
    /// throwing `TrainingError.unwritableOutput` naming the path; refuses a checkpoint path that names a directory
    /// or anything other than a dlexplain checkpoint (`checkCheckpointTarget`).
    public func checkOutputsWritable() throws {
        try Trainer.checkCheckpointTarget(configuration.resolvedCheckpointPath)
        for path in [configuration.resolvedCheckpointPath, configuration.historyPath] {
            let folder = PathText.parent(path)
            // The nearest part of the path that exists must be a directory.
            let existing = PathText.nearestExisting(folder)
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

    /// A checkpoint overwrites only a dlexplain checkpoint or nothing: an empty path, a path ending in "/", a
    /// directory, a device, a FIFO, a symbolic link or a regular file without the checkpoint magic (notes, the
    /// run's own training data) is refused before any training, naming what is there.
    public static func checkCheckpointTarget(_ path: String) throws {
        func refuse(_ reason: String) throws { throw TrainingError.checkpointTarget(path: path, reason: reason) }
        if path.isEmpty { try refuse("the path is empty, expected a file name") }
        if path.hasSuffix("/") { try refuse("the path ends in \"/\", so it names a directory, not a file") }
        guard let kind = FileBytes.kind(of: path) else { return }
        guard kind == "a regular file" else { try refuse("it is \(kind), not a checkpoint file"); return }
        let prefix: Data
        do { prefix = try FileBytes.readPrefix(path, count: Checkpoint.magic.count) } catch let failure as FileBytes.Failure {
            try refuse("it cannot be read to check what it is (\(failure.reason))")
            return
        }
        if prefix.isEmpty { return }  // an empty file holds nothing to lose
        guard Array(prefix) == Checkpoint.magic else {
            try refuse("it is a file of \(fileSize(path)) bytes that is not a dlexplain checkpoint "
                + "(it does not start with DLXCKPT\\0) and would be overwritten")
            return
        }
    }

    private static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }
}
