import Groundwork
import Foundation
import Groundwork
import NN
import TensorGrad

/// One layer's gradient health over one epoch (a row of the health CSV).
public struct GradientHealthRecord: Sendable, Equatable {
    /// 1-based epoch.
    public var epoch: Int
    /// The parametrised layer (`"conv1"`).
    public var layer: String
    /// Mean over the epoch's steps of ‖∂L/∂parameters‖ of the layer.
    public var gradientNorm: Double
    /// Mean over the epoch's steps of ‖Δparameters‖ / ‖parameters‖ — healthy training sits near 1e-3.
    public var updateRatio: Double
    /// Fraction of the units of the ReLU after this layer that output 0 for every example of a sampled batch
    /// (mean over the samples); nil when no ReLU follows the layer.
    public var deadReLUFraction: Double?

    /// The CSV header of `csvLine`.
    public static let csvHeader = "epoch,layer,grad_norm,update_ratio,dead_relu_fraction"

    /// This record as a CSV line (an empty last field when there is no ReLU).
    public var csvLine: String {
        "\(epoch),\(layer)," + String(format: "%.6e,%.6e,", gradientNorm, updateRatio)
            + (deadReLUFraction.map { String(format: "%.6f", $0) } ?? "")
    }

    /// A record.
    public init(epoch: Int, layer: String, gradientNorm: Double, updateRatio: Double, deadReLUFraction: Double?) {
        (self.epoch, self.layer, self.gradientNorm) = (epoch, layer, gradientNorm)
        (self.updateRatio, self.deadReLUFraction) = (updateRatio, deadReLUFraction)
    }

    /// Parses a line written by `csvLine`; nil if it is not one.
    public init?(csvLine line: String) {
        let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard f.count == 5, let epoch = Int(f[0]), !f[1].isEmpty, let g = Double(f[2]), let u = Double(f[3]) else {
            return nil
        }
        let dead = Double(f[4])
        guard f[4].isEmpty || dead != nil else { return nil }
        self.init(epoch: epoch, layer: f[1], gradientNorm: g, updateRatio: u, deadReLUFraction: dead)
    }

    /// Reads a health CSV; throws naming the file and the first line that is not a record.
    public static func read(from path: String) throws -> [GradientHealthRecord] {
        let text: String
        do { text = try FileBytes.text(path) } catch let failure as FileBytes.Failure {
            throw TrainingError.unreadable(path: path, expected: "a gradient-health CSV (\(csvHeader)); \(failure.reason)")
        }
        var records: [GradientHealthRecord] = []
        for (number, line) in text.split(whereSeparator: \.isNewline).enumerated() where number > 0 || !line.hasPrefix("epoch") {
            guard let record = GradientHealthRecord(csvLine: String(line)) else {
                throw TrainingError.unreadable(path: path, expected: "line \(number + 1) to read like \(csvHeader)")
            }
            records.append(record)
        }
        return records
    }
}

/// A `TrainingObserver` that records gradient health per parametrised layer and epoch: the gradient norm and the
/// update-to-weight ratio every step, and the fraction of dead ReLUs on every `sampleEvery`-th batch (measured with
/// an extra forward pass in evaluation mode, so dropout draws nothing from the model's random stream and the run's
/// results stay bit for bit the same as without the recorder).
public final class GradientHealthRecorder: TrainingObserver {
    /// Completed epochs' records, in epoch then layer order.
    public private(set) var records: [GradientHealthRecord] = []
    /// Dead ReLUs are measured on one batch in this many.
    public let sampleEvery: Int

    private var gradientSums: [String: Double] = [:], ratioSums: [String: Double] = [:]
    private var deadSums: [String: Double] = [:], steps = 0, samples = 0
    private var before: [[Float]] = []

    /// A recorder sampling dead ReLUs every `sampleEvery` steps.
    public init(sampleEvery: Int = 20) {
        precondition(sampleEvery >= 1, "GradientHealthRecorder: sampleEvery must be ≥ 1")
        self.sampleEvery = sampleEvery
    }

    /// The records as CSV text (header first).
    public var csv: String { ([GradientHealthRecord.csvHeader] + records.map(\.csvLine)).joined(separator: "\n") + "\n" }

    /// The parametrised layers and, for each, the ReLU layer that follows it before the next parametrised one.
    static func layerPairs(_ model: Sequential) -> [(layer: String, modules: [any Module], relu: Int?)] {
        var pairs: [(layer: String, modules: [any Module], relu: Int?)] = []
        for (index, layer) in model.layers.enumerated() {
            if !layer.module.namedParameters.isEmpty {
                pairs.append((layer.name, [layer.module], nil))
            } else if let activation = layer.module as? Activation, activation.function == .relu,
                      let last = pairs.indices.last, pairs[last].relu == nil {
                pairs[last].relu = index
            }
        }
        return pairs
    }

    public func trainer(_ trainer: Trainer, willUpdate model: Sequential, input: Tensor<Float>, epoch: Int) {
        let pairs = Self.layerPairs(model)
        before = pairs.flatMap { $0.modules.flatMap { $0.parameters.map(\.scalars) } }
        for pair in pairs {
            gradientSums[pair.layer, default: 0] += Tensor.jointNorm(pair.modules.flatMap { $0.parameters.map(\.grad) })
        }
        guard steps % sampleEvery == 0 else { return }
        samples += 1
        let wasTraining = model.isTraining
        model.eval()
        defer { model.isTraining = wasTraining }
        let outputs = withNoGrad { () -> [Tensor<Float>] in
            var y = input
            return model.layers.map { y = $0.module.forward(y); return y }
        }
        for pair in pairs {
            guard let relu = pair.relu else { continue }
            deadSums[pair.layer, default: 0] += Self.deadFraction(outputs[relu])
        }
    }

    public func trainer(_ trainer: Trainer, didUpdate model: Sequential, epoch: Int) {
        var next = 0
        for pair in Self.layerPairs(model) {
            var delta = 0.0, size = 0.0
            for p in pair.modules.flatMap(\.parameters) {
                let old = before[next]
                next += 1
                p.withUnsafeBufferPointer { now in
                    for i in now.indices {
                        let d = Double(now[i]) - Double(old[i])
                        delta += d * d
                        size += Double(now[i]) * Double(now[i])
                    }
                }
            }
            ratioSums[pair.layer, default: 0] += size > 0 ? (delta / size).squareRoot() : 0
        }
        steps += 1
    }

    public func trainer(_ trainer: Trainer, didFinish record: EpochRecord) {
        let n = Double(Swift.max(steps, 1)), s = Double(Swift.max(samples, 1))
        for pair in Self.layerPairs(trainer.model) {
            records.append(GradientHealthRecord(
                epoch: record.epoch, layer: pair.layer, gradientNorm: (gradientSums[pair.layer] ?? 0) / n,
                updateRatio: (ratioSums[pair.layer] ?? 0) / n,
                deadReLUFraction: pair.relu == nil ? nil : (deadSums[pair.layer] ?? 0) / s))
        }
        gradientSums = [:]; ratioSums = [:]; deadSums = [:]
        steps = 0; samples = 0
    }

    /// Units (all positions after the batch axis) whose output is 0 for every example of the batch.
    static func deadFraction(_ output: Tensor<Float>) -> Double {
        let n = output.shape[0], units = output.count / Swift.max(n, 1)
        guard units > 0 else { return 0 }
        return output.withUnsafeBufferPointer { v in
            var dead = 0
            for u in 0..<units {
                var alive = false
                for e in 0..<n where v[e * units + u] > 0 { alive = true; break }
                if !alive { dead += 1 }
            }
            return Double(dead) / Double(units)
        }
    }
}
