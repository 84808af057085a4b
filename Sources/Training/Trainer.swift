import Groundwork
import NN
import Datasets
import Foundation
import TensorGrad

/// Trains an `Architecture` on `TrainingData`: mini-batch NLL loss, the chosen optimizer, validation after every
/// epoch, an atomic checkpoint per epoch, a history CSV; reports through a callback and never prints.
///
/// Its tensor work runs inside `withThreads(configuration.threads)`, so the thread count is the run's own: other
/// tasks (concurrent tests, a benchmark) using another count cannot change its summation grouping, nor it theirs.
public final class Trainer {
    /// The run's settings.
    public let configuration: TrainingConfiguration
    /// The data sets.
    public let data: TrainingData
    /// The network being trained.
    public let model: Sequential
    /// The optimizer over `model`'s parameters.
    public let optimizer: any Optimizer
    /// The dropout masks' random stream (saved in checkpoints).
    public let stream: RandomStream
    /// Completed epochs and optimizer steps.
    public internal(set) var epoch = 0, step = 0
    /// One record per completed epoch.
    public internal(set) var history: [EpochRecord] = []
    /// Settings changed when the run was resumed ("after epoch 1: learning rate 0.01 → 0.001"), kept in the
    /// checkpoint so the run's record says what it was trained with.
    public internal(set) var changes: [String] = []
    /// Observers called inside the training loop (Trainer+Observer.swift).
    public var observers: [any TrainingObserver] = []

    /// A fresh run: model initialised from the seed, optimizer state empty.
    public init(configuration: TrainingConfiguration, data: TrainingData) throws {
        try Trainer.validate(configuration)
        self.configuration = configuration
        self.data = data
        stream = RandomStream(seed: configuration.seed &* 0x9E37_79B9_7F4A_7C15 &+ 0xD1B5_4A32_D192_ED03)
        model = configuration.architecture.makeModel(seed: configuration.seed, stream: stream)
        optimizer = configuration.optimizer.make(model.namedParameters, learningRate: configuration.learningRate,
                                                 momentum: configuration.momentum,
                                                 weightDecay: configuration.weightDecay,
                                                 nesterov: configuration.nesterov)
    }

    /// Throws `TrainingError.invalidConfiguration` naming the first option out of range.
    public static func validate(_ c: TrainingConfiguration) throws {
        func fail(_ s: String) throws { throw TrainingError.invalidConfiguration(s) }
        if c.epochs < 1 { try fail("epochs is \(c.epochs); expected at least 1") }
        if c.batchSize < 1 { try fail("batch size is \(c.batchSize); expected at least 1") }
        if !(c.learningRate > 0) || !c.learningRate.isFinite { try fail("learning rate is \(c.learningRate); expected > 0") }
        if c.threads < 1 { try fail("threads is \(c.threads); expected at least 1") }
        if c.momentum < 0 || c.weightDecay < 0 || c.l1Penalty < 0 || c.l2Penalty < 0 {
            try fail("momentum, weight decay and penalties must be ≥ 0")
        }
        if let limit = c.limit, limit < 1 { try fail("limit is \(limit); expected at least 1") }
        if let s = c.scheduleStepSize, s < 1 { try fail("schedule step size is \(s); expected at least 1") }
    }

    /// Trains the remaining epochs (up to `configuration.epochs`), writing the checkpoint and the history CSV after
    /// each, then evaluates on the test set.
    /// Checks first that the checkpoint and history can be written, so a bad `--out` costs no training time.
    public func run(progress: (TrainingProgress) -> Void = { _ in }) throws -> TrainingReport {
        try computing { try runEpochs(progress: progress) }
    }

    /// Runs `body` with this run's thread count (`configuration.threads`) for the engine.
    func computing<R>(_ body: () throws -> R) rethrows -> R {
        try withThreads(configuration.threads, body)
    }

    private func runEpochs(progress: (TrainingProgress) -> Void) throws -> TrainingReport {
        try checkOutputsWritable()
        while epoch < configuration.epochs {
            try stopIfInterrupted()
            let record = try trainEpoch(progress: progress)
            history.append(record)
            try checkpoint().write(to: configuration.resolvedCheckpointPath)
            try writeHistory()
            progress(.epoch(record))
        }
        return TrainingReport(history: history, test: evaluate(data.test),
                              checkpointPath: configuration.resolvedCheckpointPath,
                              historyPath: configuration.historyPath)
    }

    /// One epoch over the training set in the order fixed by (seed, epoch), then validation. Throws
    /// `TrainingError.nonFinite` at the first step whose loss, gradients or updated weights are not finite, or when
    /// the validation loss is not finite (nothing is saved, so the last checkpoint stays the last good one).
    public func trainEpoch(progress: (TrainingProgress) -> Void = { _ in }) throws -> EpochRecord {
        try computing { try trainOneEpoch(progress: progress) }
    }

    private func trainOneEpoch(progress: (TrainingProgress) -> Void) throws -> EpochRecord {
        optimizer.learningRate = configuration.learningRate(epoch: epoch)
        model.train()
        let batches = Batches(data.train, batchSize: configuration.batchSize, seed: configuration.seed, epoch: epoch)
        var iterator = batches.makeIterator()
        var batch = Batch()
        var lossSum = 0.0, correct = 0, seen = 0, index = 0
        let clock = ContinuousClock(), start = clock.now
        let imageShape = [data.train.rows, data.train.cols]
        let penalties = configuration.l1Penalty > 0 || configuration.l2Penalty > 0
        while iterator.next(into: &batch) {
            try stopIfInterrupted()
            index += 1
            let x = Tensor<Float>(shape: Shape([batch.count, 1] + imageShape), scalars: batch.images)
            model.zeroGrad()
            let output = model.forward(x)
            var loss = output.nllLoss(batch.labels)
            if penalties {
                if configuration.l1Penalty > 0 { loss = loss + Penalty.l1(model.parameters, strength: configuration.l1Penalty) }
                if configuration.l2Penalty > 0 { loss = loss + Penalty.l2(model.parameters, strength: configuration.l2Penalty) }
            }
            let value = loss.item
            guard value.isFinite else { throw diagnose(x) }
            loss.backward()
            if let bad = model.namedParameters.first(where: { !($0.tensor.grad?.allFinite ?? true) }) {
                throw nonFinite(layer: bad.name, op: "gradient")
            }
            for observer in observers { observer.trainer(self, willUpdate: model, input: x, epoch: epoch) }
            optimizer.step()
            // A finite gradient times a huge learning rate can still overflow the weights.
            if let bad = model.namedParameters.first(where: { !$0.tensor.allFinite }) {
                throw nonFinite(layer: bad.name, op: "\(configuration.optimizer.rawValue) update")
            }
            for observer in observers { observer.trainer(self, didUpdate: model, epoch: epoch) }
            step += 1
            lossSum += Double(value) * Double(batch.count)
            correct += Trainer.correctCount(output, batch.labels)
            seen += batch.count
            let seconds = (clock.now - start).inSeconds
            progress(.batch(epoch: epoch + 1, batch: index, of: batches.count, loss: lossSum / Double(seen),
                            accuracy: Double(correct) / Double(seen), imagesPerSecond: Double(seen) / seconds))
        }
        let seconds = (clock.now - start).inSeconds
        let validation = evaluate(data.validation)
        guard validation.loss.isFinite else { throw diagnoseValidation() }
        epoch += 1
        let record = EpochRecord(epoch: epoch, trainLoss: lossSum / Double(max(seen, 1)),
                                 trainAccuracy: Double(correct) / Double(max(seen, 1)), validationLoss: validation.loss,
                                 validationAccuracy: validation.accuracy, seconds: seconds,
                                 imagesPerSecond: Double(seen) / max(seconds, 1e-9))
        for observer in observers { observer.trainer(self, didFinish: record) }
        return record
    }

    /// The model's loss, predictions and confusion matrix on `dataset` (eval mode, no graph, batches of 1000),
    /// computed with this run's thread count.
    public func evaluate(_ dataset: ImageDataset) -> Evaluation {
        computing { Trainer.evaluate(model, on: dataset) }
    }

    /// Images per evaluation batch. Peak memory is two consecutive activations of a batch: for the wide net's
    /// first conv at 1 000 images that was 2 × 87 MB, and `train --arch wide` peaked at 482 MB while evaluating
    /// against 314 MB while training; 250 images cost no measurable speed.
    public static let evaluationBatch = 250

    /// Evaluates any model on `dataset` in eval mode; restores the model's previous mode afterwards.
    /// Uses the caller's thread count (`withThreads`; 2 unless bound).
    public static func evaluate(_ model: Sequential, on dataset: ImageDataset,
                                batchSize: Int = evaluationBatch) -> Evaluation {
        let wasTraining = model.isTraining
        model.eval()
        defer { model.isTraining = wasTraining }
        let classes = dataset.classNames.count
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
        var predictions: [Int] = []
        predictions.reserveCapacity(dataset.count)
        var lossSum = 0.0
        for batch in Batches(dataset, batchSize: batchSize, seed: 0, shuffle: false) {
            let x = Tensor<Float>(shape: Shape([batch.count, 1, dataset.rows, dataset.cols]), scalars: batch.images)
            let output = withNoGrad { model.forward(x) }
            lossSum += Double(withNoGrad { output.nllLoss(batch.labels, reduction: .sum) }.item)
            let predicted = argmaxRows(output)
            for (label, guess) in zip(batch.labels, predicted) { confusion[label][guess] += 1 }
            predictions += predicted
        }
        return Evaluation(loss: lossSum / Double(max(dataset.count, 1)), classNames: dataset.classNames,
                          confusion: confusion, predictions: predictions)
    }

    /// The index of the largest value in each row of [N, C] (the first on ties).
    public static func argmaxRows(_ scores: Tensor<Float>) -> [Int] {
        let rows = scores.shape[0], classes = scores.shape[1]
        return scores.withUnsafeBufferPointer { p in
            (0..<rows).map { r in
                var best = 0
                for c in 1..<classes where p[r * classes + c] > p[r * classes + best] { best = c }
                return best
            }
        }
    }

    static func correctCount(_ scores: Tensor<Float>, _ labels: [Int]) -> Int {
        zip(argmaxRows(scores), labels).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
    }


    /// Re-runs the forward pass layer by layer to name the first layer whose output is not finite.
    func diagnose(_ x: Tensor<Float>) -> TrainingError {
        let found = withNoGrad { model.firstNonFiniteLayer(x) }
        return nonFinite(layer: found?.name ?? "loss", op: found?.summary ?? "nllLoss")
    }

    /// Finds the first validation batch whose forward pass is not finite and names its first bad layer. The
    /// weights came from the step just taken, so that step is the one reported.
    func diagnoseValidation() -> TrainingError {
        let wasTraining = model.isTraining
        model.eval()
        defer { model.isTraining = wasTraining }
        let dataset = data.validation
        for batch in Batches(dataset, batchSize: Trainer.evaluationBatch, seed: 0, shuffle: false) {
            let x = Tensor<Float>(shape: Shape([batch.count, 1, dataset.rows, dataset.cols]), scalars: batch.images)
            if let found = withNoGrad({ model.firstNonFiniteLayer(x) }) {
                return nonFinite(layer: found.name, op: found.summary + ", on validation images", step: step)
            }
        }
        return nonFinite(layer: "loss", op: "nllLoss, on validation images", step: step)
    }

    /// Throws `TrainingError.interrupted` when SIGINT or SIGTERM arrived (`Interruption`, installed by the CLI):
    /// checked between batches, so the last checkpoint written is whole and is the one named.
    func stopIfInterrupted() throws {
        guard let signal = Interruption.requested else { return }
        let path = configuration.resolvedCheckpointPath
        throw TrainingError.interrupted(signal: signal, epoch: epoch,
                                        checkpoint: epoch > 0 && FileManager.default.fileExists(atPath: path) ? path : nil)
    }

    func nonFinite(layer: String, op: String, step: Int? = nil) -> TrainingError {
        let path = configuration.resolvedCheckpointPath
        return .nonFinite(step: step ?? self.step + 1, epoch: epoch + 1, layer: layer, op: op,
                          checkpoint: epoch > 0 && FileManager.default.fileExists(atPath: path) ? path : nil)
    }
}
