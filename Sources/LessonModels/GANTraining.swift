import Foundation
import Groundwork
import NN
import Render
import TensorGrad

/// One GAN training run on the ring: alternating Adam steps on D and G with the non-saturating generator loss,
/// recording both losses at every step and snapshots (generated points, D over the plane) at chosen steps.
public struct GANRun {
    public struct Settings {
        public var steps: Int
        public var hidden = 64
        public var batch = 128
        public var learningRate: Float = 1e-3
        /// Generator updates per discriminator update (1 is the usual setting).
        public var generatorSteps = 1
        public var seed: UInt64

        /// `steps` alternating updates with the other settings at their usual values.
        public init(steps: Int, seed: UInt64) {
            self.steps = steps
            self.seed = seed
        }
    }

    public struct Snapshot {
        public var step: Int
        public var generated: [Double]
        public var discriminator: Grid2D
        public var coverage: (covered: Int, perMode: [Int], quality: Double)
    }

    public let settings: Settings
    public let ring: Ring
    public let generator: GANNet<Float>
    public let discriminator: GANNet<Float>
    public var dLoss: [Double] = []
    public var gLoss: [Double] = []
    public var snapshots: [Snapshot] = []
    public var seconds = 0.0

    /// The plot box of every snapshot.
    public static let box = -3.0...3.0

    /// Trains with `settings`, snapshotting at `snapshotSteps` (0 = before training).
    public init(_ settings: Settings, ring: Ring, snapshotSteps: [Int]) {
        self.settings = settings
        self.ring = ring
        var random = SeededGenerator(seed: settings.seed &* 31 &+ UInt64(settings.generatorSteps))
        generator = GANNet.random(hidden: settings.hidden, outputs: 2, generator: &random)
        discriminator = GANNet.random(hidden: settings.hidden, outputs: 1, generator: &random)
        let gOptimizer = Adam(generator.named, learningRate: settings.learningRate, beta1: 0.5)
        let dOptimizer = Adam(discriminator.named, learningRate: settings.learningRate, beta1: 0.5)
        let b = settings.batch
        let clock = ContinuousClock(), start = clock.now
        for step in 0...settings.steps {
            if snapshotSteps.contains(step) { snapshots.append(snapshot(step, random: &random)) }
            if step == settings.steps { break }
            // Discriminator: real points labelled 1, generated ones 0; G is held fixed (its output detached).
            let real = Tensor<Float>(shape: [b, 2], scalars: ring.sample(b, generator: &random).map(Float.init))
            let fake = withNoGrad { generator(Tensor<Float>.randomNormal([b, 2], using: &random)) }
            for p in discriminator.tensors { p.zeroGrad() }
            let d = GANLoss.discriminator(real: discriminator(real), fake: discriminator(fake))
            d.backward()
            dOptimizer.step()
            // Generator: −log D(G(z)); only G's parameters are stepped.
            var g = 0.0
            for _ in 0..<settings.generatorSteps {
                for p in generator.tensors + discriminator.tensors { p.zeroGrad() }
                let loss = GANLoss.nonSaturating(fake: discriminator(generator(Tensor<Float>.randomNormal([b, 2], using: &random))))
                loss.backward()
                gOptimizer.step()
                g = Double(loss.item)
            }
            dLoss.append(Double(d.item))
            gLoss.append(g)
        }
        seconds = (clock.now - start).inSeconds
    }

    /// Generated points (1000) and D(x) over the plot box now.
    private func snapshot(_ step: Int, random: inout SeededGenerator) -> Snapshot {
        let points = samples(1000, random: &random)
        let side = 90
        var xy: [Float] = []
        for r in 0..<side { for c in 0..<side {
            xy += [Float(Self.box.lowerBound + 6 * Double(c) / Double(side - 1)),
                   Float(Self.box.lowerBound + 6 * Double(r) / Double(side - 1))]
        } }
        let d = withNoGrad { discriminator(Tensor(shape: [side * side, 2], scalars: xy)).sigmoid() }.scalars
        let grid = Grid2D(columns: side, rows: side, xRange: Self.box, yRange: Self.box, values: d.map(Double.init))
        return Snapshot(step: step, generated: points, discriminator: grid, coverage: ring.coverage(points))
    }

    /// `count` generated points as [x, y] pairs.
    public func samples(_ count: Int, random: inout SeededGenerator) -> [Double] {
        withNoGrad { generator(Tensor<Float>.randomNormal([count, 2], using: &random)) }.scalars.map(Double.init)
    }
}
