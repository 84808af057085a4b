import Groundwork
import Datasets
import Foundation
import NN
import TensorGrad
import Training

/// Training throughput of an architecture (`dlexplain bench train`): images/s over real batches, GFLOPS against
/// the sgemm peak measured in the same run, and where the time goes layer by layer.
public enum TrainBenchmark {
    /// Time spent in one layer over the timed batches.
    public struct LayerTime: Sendable {
        /// Layer name and kind.
        public var name: String, kind: String
        /// Forward and backward seconds (summed over batches); backward is the time of the backward steps of
        /// the graph nodes this layer's forward made.
        public var forwardSeconds: Double, backwardSeconds: Double
    }

    /// The figures of one run.
    public struct Report: Sendable {
        /// Architecture timed.
        public var architecture: Architecture
        /// Batch size and engine workers of the run.
        public var batchSize: Int, threads: Int
        /// Images trained on (after one warm-up batch).
        public var images: Int
        /// Wall time of the timed training steps.
        public var seconds: Double
        /// Per-layer times; backward and optimizer totals (backward includes the loss's own step).
        public var layers: [LayerTime], backwardSeconds: Double, optimizerSeconds: Double
        /// Training FLOPs per image (forward, weight gradients, input gradients of all but the first layer).
        public var flopsPerImage: Double
        /// sgemm 1024³ GFLOPS in this run.
        public var sgemmPeakGFLOPS: Double
        /// Training images per second.
        public var imagesPerSecond: Double { Double(images) / seconds }
        /// Achieved GFLOPS.
        public var gflops: Double { imagesPerSecond * flopsPerImage / 1e9 }

        /// The report as printed by `dlexplain bench train`: throughput, then milliseconds per batch by part.
        public var lines: [String] {
            let perBatch = { (s: Double) in
                String(format: "%8.3f ms/batch", s / Double(images) * Double(batchSize) * 1e3)
            }
            var lines = [
                "\(architecture.rawValue): \(images) images, batch \(batchSize), threads \(threads)",
                String(format: "  %.0f images/s   %.2f GFLOPS (%.1f MFLOP/image) = %.1f %% of sgemm peak %.1f GFLOPS",
                       imagesPerSecond, gflops, flopsPerImage / 1e6, 100 * gflops / sgemmPeakGFLOPS, sgemmPeakGFLOPS),
            ]
            let share = { (s: Double) in String(format: "%5.1f %%", 100 * s / seconds) }
            lines.append("  layer          forward              backward             share  kind")
            lines += layers.map {
                "  " + $0.name.padding(toLength: 12, withPad: " ", startingAt: 0) + perBatch($0.forwardSeconds)
                    + "  " + perBatch($0.backwardSeconds) + "  " + share($0.forwardSeconds + $0.backwardSeconds)
                    + "  " + $0.kind
            }
            // Under the layers' backward column.
            lines.append("  backward total".padding(toLength: 33, withPad: " ", startingAt: 0) + perBatch(backwardSeconds))
            lines.append("  optimizer           " + perBatch(optimizerSeconds))
            lines.append("  total               " + perBatch(seconds))
            return lines
        }
    }

    /// Training FLOPs per image of `architecture`: 2·MACs forward, the same again for weight gradients and for
    /// input gradients (skipped for the first layer, whose input needs none).
    public static func flopsPerImage(_ architecture: Architecture) -> Double {
        let model = architecture.makeModel(seed: 0, stream: RandomStream(seed: 0))
        var shape = [1] + Architecture.imageShape, total = 0.0, first = true
        for layer in model.layers {
            let out = layer.module.outputShape(for: shape)
            var macs = 0.0
            if let conv = layer.module as? Conv2d {
                macs = Double(out.dropFirst().reduce(1, *) * conv.inChannels * conv.kernelSize * conv.kernelSize)
            } else if let linear = layer.module as? Linear {
                macs = Double(linear.inFeatures * linear.outFeatures)
            }
            if macs > 0 { total += 2 * macs * (first ? 2 : 3); first = false }
            shape = out
        }
        return total
    }

    /// Times `architecture` as `dlexplain bench train` does: plain SGD for the seed CNN, Adam at 1e-3 for the
    /// others, on the first `images` training images of the data set in `directory` (default: Fashion-MNIST).
    public static func run(_ architecture: Architecture, threads: Int, batchSize: Int, images: Int,
                           dataDirectory directory: String? = nil) throws -> Report {
        var config = TrainingConfiguration()
        (config.architecture, config.threads, config.batchSize) = (architecture, threads, batchSize)
        if architecture != .seed { (config.optimizer, config.learningRate) = (.adam, 1e-3) }
        return try run(config, dataset: ImageDataset.load(.train, from: directory), images: images)
    }

    /// Trains `architecture` (its default optimizer settings from `configuration`) on `images` examples of
    /// `dataset` in batches of `configuration.batchSize`, timing each part, with `configuration.threads` workers.
    public static func run(_ configuration: TrainingConfiguration, dataset: ImageDataset, images: Int) throws -> Report {
        try withThreads(configuration.threads) { try time(configuration, dataset: dataset, images: images) }
    }

    private static func time(_ configuration: TrainingConfiguration, dataset: ImageDataset, images: Int) throws
        -> Report {
        let peakRow = OpBenchmark.bestTime(repeats: 3) {
            let n = 1024
            let a = [Float](repeating: 0.5, count: n * n), b = a
            var c = [Float](repeating: 0, count: n * n)
            a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in c.withUnsafeMutableBufferPointer { pc in
                BLAS.gemm(false, false, m: n, n: n, k: n, pa.baseAddress!, pb.baseAddress!, pc.baseAddress!)
            } } }
        }
        let data = TrainingData(train: dataset.prefix(images), validation: dataset.prefix(1), test: dataset.prefix(1))
        let trainer = try Trainer(configuration: configuration, data: data)
        let model = trainer.model
        var layerTimes = [Double](repeating: 0, count: model.layers.count), layerBackward = layerTimes
        var backward = 0.0, optimizerTime = 0.0, seen = 0, total = 0.0
        let clock = ContinuousClock()
        var first = true
        for batch in Batches(data.train, batchSize: configuration.batchSize, seed: configuration.seed) {
            let start = clock.now
            let x = Tensor<Float>(shape: Shape([batch.count] + Architecture.imageShape), scalars: batch.images)
            model.zeroGrad()
            var y = x, times = [Double](repeating: 0, count: model.layers.count), outputs: [Tensor<Float>] = []
            for (i, layer) in model.layers.enumerated() {
                let t = clock.now
                y = layer.module.forward(y)
                times[i] = (clock.now - t).inSeconds
                outputs.append(y)
            }
            let loss = y.nllLoss(batch.labels)
            // Which layer made each graph node (not timed): the first layer whose output reaches it.
            let m0 = clock.now
            var owner: [ObjectIdentifier: Int] = [:]
            for (i, output) in outputs.enumerated() {
                for node in output.topologicalOrder() where owner[ObjectIdentifier(node)] == nil {
                    owner[ObjectIdentifier(node)] = i
                }
            }
            var backTimes = [Double](repeating: 0, count: model.layers.count)
            let b0 = clock.now
            loss.backward(nil) { node, step in
                let t = clock.now
                step()
                if let i = owner[ObjectIdentifier(node)] { backTimes[i] += (clock.now - t).inSeconds }
            }
            let o0 = clock.now
            trainer.optimizer.step()
            let end = clock.now
            if first { first = false; continue }  // warm-up: first-touch allocations, BLAS thread start
            for i in times.indices { layerTimes[i] += times[i]; layerBackward[i] += backTimes[i] }
            backward += (o0 - b0).inSeconds
            optimizerTime += (end - o0).inSeconds
            total += (end - start).inSeconds - (b0 - m0).inSeconds
            seen += batch.count
        }
        return Report(architecture: configuration.architecture, batchSize: configuration.batchSize,
                      threads: configuration.threads, images: seen, seconds: total,
                      layers: model.layers.indices.map {
                          LayerTime(name: model.layers[$0].name, kind: model.layers[$0].module.summary,
                                    forwardSeconds: layerTimes[$0], backwardSeconds: layerBackward[$0])
                      },
                      backwardSeconds: backward, optimizerSeconds: optimizerTime,
                      flopsPerImage: flopsPerImage(configuration.architecture),
                      sgemmPeakGFLOPS: 2 * 1024 * 1024 * 1024 / peakRow / 1e9)
    }
}
