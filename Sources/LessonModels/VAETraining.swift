import Datasets
import Render
import Foundation
import Groundwork
import NN
import TensorGrad

/// A trained VAE shared by runs of the vae lesson, the way `SeedNet` shares the cnn lesson's network: trained once
/// into `<parent>/models/<settings>/vae.dlxckpt` and reused afterwards when the file's architecture and every
/// setting that decides the weights (images, epochs, width, β, seed) match. The per-epoch history travels in the
/// checkpoint, so a reused run still draws its training chart.
public struct TrainedVAE {
    /// Every choice that decides the weights.
    public struct Settings: Equatable {
        public var images: Int
        public var epochs: Int
        public var hidden: Int
        public var beta: Double
        public var seed: UInt64
        public var batch = 100
        public var learningRate: Float = 2e-3

        /// The settings of one run; batch 100 and learning rate 2·10⁻³ unless changed afterwards.
        public init(images: Int, epochs: Int, hidden: Int, beta: Double, seed: UInt64) {
            self.images = images
            self.epochs = epochs
            self.hidden = hidden
            self.beta = beta
            self.seed = seed
        }

        /// The folder name under `models/`.
        public var tag: String { "vae-n\(images)-e\(epochs)-h\(hidden)-b\(NumberFormat.compact(beta))-s\(seed)" }
    }

    public let settings: Settings
    public let model: VAEModel<Float>
    /// Mean reconstruction term and KL term per training image, per epoch (epoch 0 = before training, measured
    /// on the first training batches).
    public let reconstruction: [Double]
    public let kl: [Double]
    public let path: String
    /// True when this run trained it (false: reused the checkpoint).
    public let trained: Bool
    /// Seconds spent training (0 when reused).
    public let seconds: Double

    public static let architecture = "vae-mlp-2d"

    /// Loads the checkpoint when it fits `settings`, else trains on the first `settings.images` of `train`.
    public static func obtain(_ settings: Settings, train: ImageDataset, modelsDirectory: String) throws -> TrainedVAE {
        let path = ((modelsDirectory as NSString).appendingPathComponent(settings.tag) as NSString)
            .appendingPathComponent("vae.dlxckpt")
        if FileManager.default.fileExists(atPath: path), let reused = try? load(path, settings: settings) {
            return reused
        }
        let clock = ContinuousClock(), start = clock.now
        var generator = SeededGenerator(seed: settings.seed &* 7919 &+ UInt64(settings.beta * 1000))
        let model = VAEModel<Float>.random(hidden: settings.hidden, generator: &generator)
        let optimizer = Adam(model.named, learningRate: settings.learningRate)
        let n = min(settings.images, train.count), b = settings.batch
        var reconstruction: [Double] = [], kl: [Double] = []
        for epoch in 0...settings.epochs {
            let order = generator.permutation(of: n)
            var sumR = 0.0, sumK = 0.0, batches = 0
            // Epoch 0 only measures (a few batches, no update): the starting point of the chart.
            let count = epoch == 0 ? min(n / b, 10) : n / b
            for k in 0..<count {
                let x = batch(train, Array(order[(k * b)..<((k + 1) * b)]))
                let epsilon = Tensor<Float>.randomNormal([b, 2], using: &generator)
                if epoch == 0 {
                    let l = withNoGrad { model.loss(x, epsilon: epsilon, beta: Float(settings.beta)) }
                    sumR += Double(l.reconstruction.item); sumK += Double(l.kl.item)
                } else {
                    for p in model.tensors { p.zeroGrad() }
                    let l = model.loss(x, epsilon: epsilon, beta: Float(settings.beta))
                    l.total.backward()
                    optimizer.step()
                    sumR += Double(l.reconstruction.item); sumK += Double(l.kl.item)
                }
                batches += 1
            }
            reconstruction.append(sumR / Double(batches))
            kl.append(sumK / Double(batches))
        }
        let seconds = (clock.now - start).inSeconds
        var scalars: [String: Double] = ["seed": Double(settings.seed), "beta": settings.beta,
                                         "images": Double(n), "hidden": Double(settings.hidden)]
        for e in reconstruction.indices {
            scalars["reconstruction.\(e)"] = reconstruction[e]
            scalars["kl.\(e)"] = kl[e]
        }
        let checkpoint = Checkpoint(
            architecture: architecture, architectureDescription: settings.tag, epoch: settings.epochs,
            tensors: zip(VAEModel<Float>.names, model.tensors).map {
                NamedArray(name: $0, shape: Array($1.shape.dims), values: $1.scalars)
            }, scalars: scalars)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try checkpoint.write(to: path)
        return TrainedVAE(settings: settings, model: model, reconstruction: reconstruction, kl: kl, path: path,
                          trained: true, seconds: seconds)
    }

    /// The checkpoint at `path` as a trained VAE, or an error when it was made with other settings.
    public static func load(_ path: String, settings: Settings) throws -> TrainedVAE {
        let checkpoint = try Checkpoint.read(from: path, expectArchitecture: architecture)
        guard checkpoint.architectureDescription == settings.tag, checkpoint.epoch == settings.epochs else {
            throw CheckpointError.corrupt(name: path, reason: "made with settings \(checkpoint.architectureDescription)")
        }
        let shapes = VAEModel<Float>.shapes(hidden: settings.hidden)
        let tensors = try zip(VAEModel<Float>.names, shapes).map { name, shape in
            Tensor<Float>(shape: Shape(shape), scalars: try checkpoint.values(of: name, shape: shape, source: path))
        }
        var reconstruction: [Double] = [], kl: [Double] = []
        for e in 0...settings.epochs {
            guard let r = checkpoint.scalars["reconstruction.\(e)"], let k = checkpoint.scalars["kl.\(e)"] else {
                throw CheckpointError.corrupt(name: path, reason: "no history for epoch \(e)")
            }
            reconstruction.append(r)
            kl.append(k)
        }
        return TrainedVAE(settings: settings, model: VAEModel(tensors: tensors), reconstruction: reconstruction,
                          kl: kl, path: path, trained: false, seconds: 0)
    }

    /// Images `indices` of `data` as a [B, 784] tensor of pixels in [0, 1].
    public static func batch(_ data: ImageDataset, _ indices: [Int]) -> Tensor<Float> {
        var scalars: [Float] = []
        scalars.reserveCapacity(indices.count * 784)
        for i in indices { scalars += data.image(at: i) }
        return Tensor(shape: [indices.count, 784], scalars: scalars)
    }
}
