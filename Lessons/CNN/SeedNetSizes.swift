import Groundwork
import Datasets
import Foundation
import NN
import Render
import Showcase
import TensorGrad

/// Output sizes by the formula (W − K + 2P)/S + 1 against shapes the engine produces on a real forward pass,
/// for the seed net and the two other nets in the seed documents; parameter counts by formula against the layers.
struct SeedNetSizes {
    /// One spatial layer of a net: what the formula says and what the forward pass gave.
    struct Step {
        var net: String, layer: String, kind: String
        var width: Int, kernel: Int, padding: Int, stride: Int
        var formula: Int, engine: [Int]
    }

    let language: Language
    let seedSteps: [Step], cifarSteps: [Step], mnistSteps: [Step]
    /// The flattened size entering the first Linear layer: formula and engine, per other net.
    let cifarFlat: (formula: Int, engine: Int), mnistFlat: (formula: Int, engine: Int)
    /// Per layer with parameters: name, the formula written out, its value, the layer's own count.
    let parameters: [(layer: String, formula: String, value: Int, engine: Int)]
    let description: ArchitectureDescription

    init(language: Language) throws {
        self.language = language
        var g = SeededGenerator(seed: 0)
        let seed = Architecture.seed.makeModel(seed: 0, stream: RandomStream(seed: 0))
        seedSteps = Self.steps("seed", seed.layers, input: [1] + Architecture.imageShape)
        // Seed document 003's CIFAR-10 net: Conv(3→6, 5), pool 2, Conv(6→16, 5), pool 2, then Linear(16·5·5, 120).
        let c1 = Conv2d(3, 6, kernelSize: 5, generator: &g)
        let c2 = Conv2d(6, 16, kernelSize: 5, generator: &g)
        cifarSteps = Self.steps("CIFAR", [("conv1", c1), ("pool", MaxPool2d(2)), ("conv2", c2), ("pool", MaxPool2d(2))],
                                input: [1, 3, 32, 32])
        // Seed document 000's MNIST net (this project's `wide`): Conv(1→32, 3), pool, Conv(32→64, 3), pool.
        let wide = Architecture.wide.makeModel(seed: 0, stream: RandomStream(seed: 0))
        mnistSteps = Self.steps("MNIST", wide.layers, input: [1] + Architecture.imageShape)
        let cifarLast = cifarSteps.last!, mnistLast = mnistSteps.last!
        cifarFlat = (16 * cifarLast.formula * cifarLast.formula, cifarLast.engine.reduce(1, *))
        mnistFlat = (64 * mnistLast.formula * mnistLast.formula, mnistLast.engine.reduce(1, *))
        parameters = seed.layers.compactMap { layer in
            if let c = layer.module as? Conv2d {
                let value = c.inChannels * c.outChannels * c.kernelSize * c.kernelSize + c.outChannels
                return (layer.name, "\(c.inChannels)·\(c.outChannels)·\(c.kernelSize)·\(c.kernelSize) + \(c.outChannels)",
                        value, c.parameterCount)
            }
            if let l = layer.module as? Linear {
                return (layer.name, "\(l.inFeatures)·\(l.outFeatures) + \(l.outFeatures)",
                        l.inFeatures * l.outFeatures + l.outFeatures, l.parameterCount)
            }
            return nil
        }
        description = ArchitectureDescription(name: "seed", model: seed, inputShape: Architecture.imageShape)
    }

    /// Runs zeros of shape `input` through `layers`, recording each conv/pool layer's formula and real shape.
    static func steps(_ net: String, _ layers: [(name: String, module: any Module)], input: [Int]) -> [Step] {
        var x = Tensor<Float>(repeating: 0, shape: Shape(input))
        var result: [Step] = []
        for (name, module) in layers {
            let w = x.shape.rank == 4 ? x.shape[3] : 0
            let y = withNoGrad { module.forward(x) }
            var geometry: (k: Int, p: Int, s: Int)?
            if let c = module as? Conv2d { geometry = (c.kernelSize, c.padding, c.stride) }
            if let m = module as? MaxPool2d { geometry = (m.kernelSize, 0, m.stride) }
            if let (k, p, s) = geometry {
                result.append(Step(net: net, layer: name, kind: module.summary, width: w, kernel: k, padding: p, stride: s,
                                   formula: (w - k + 2 * p) / s + 1, engine: Array(y.shape.dims.dropFirst())))
            }
            x = y
        }
        return result
    }

    /// A table row per step: W, K, P, S, the formula worked, the engine's shape.
    func table(_ steps: [Step]) -> String {
        let zh = language == .zh
        let rows = steps.map { s -> [String] in
            [s.layer, s.kind, "\(s.width)", "\(s.kernel)", "\(s.padding)", "\(s.stride)",
             "(\(s.width) − \(s.kernel) + 2·\(s.padding))/\(s.stride) + 1 = \(s.formula)",
             NumberFormat.shape(s.engine)]
        }
        return Table(header: zh ? ["层", "类型", "W", "K", "P", "S", "公式", "引擎输出"]
                                : ["layer", "kind", "W", "K", "P", "S", "formula", "engine output"],
                     rows: rows, alignments: [.left, .left, .right, .right, .right, .right, .left, .left]).render()
    }

    var placeholders: [String: String] {
        let zh = language == .zh
        let total = parameters.reduce(0) { $0 + $1.value }
        let paramRows = parameters.map { [$0.layer, $0.formula, "\($0.value)", "\($0.engine)"] }
            + [[zh ? "合计" : "total", "", "\(total)", "\(description.totalParameters)"]]
        let last = mnistSteps.last!
        return [
            "seed_table": table(seedSteps), "cifar_table": table(cifarSteps), "mnist_table": table(mnistSteps),
            "flat": "\(description.layers.first { $0.name == "flatten" }?.outputShape.first ?? 0)",
            "cifar_flat": "\(cifarFlat.formula)", "cifar_conv2_in": NumberFormat.shape(cifarSteps[1].engine),
            "cifar_conv2_out": NumberFormat.shape(cifarSteps[2].engine),
            "mnist_flat": "\(mnistFlat.formula)", "mnist_side": "\(last.formula)",
            "mnist_claim": "\(Self.mnistClaimSide)·\(Self.mnistClaimSide)·64 = \(Self.mnistClaimSide * Self.mnistClaimSide * 64)",
            "mnist_pool_in": "\(last.width)", "mnist_k": "\(mnistSteps[0].kernel)",
            "claim_side": "\(Self.mnistClaimSide)", "claim_padding": "\(claimPadding)",
            "cifar_input": "\(cifarSteps[0].width)×\(cifarSteps[0].width)", "cifar_claim": "6×28×28", "claimed_convs": "3",
            "cifar_convs": "\(cifarSteps.filter { $0.layer.hasPrefix("conv") }.count)",
            "pixels": "\(pixels)", "fc_width": "\(fcWidth)", "fc_params": "\(pixels * fcWidth + fcWidth)",
            "param_table": Table(header: zh ? ["层", "公式", "值", "层自己的计数"] : ["layer", "formula", "value", "layer's own count"],
                                 rows: paramRows, alignments: [.left, .left, .right, .right]).render(),
            "conv1_params": "\(parameters[0].formula) = \(parameters[0].value)", "total": "\(total)",
            "architecture": "architecture-seed.png",
        ]
    }

    /// Seed document 000 flattens a map of this side (7·7·64).
    static let mnistClaimSide = 7
    /// Input pixels of one image.
    var pixels: Int { Architecture.imageShape.reduce(1, *) }
    /// The narrowest fully connected layer on the raw pixels with more parameters than the whole seed net.
    var fcWidth: Int {
        let total = parameters.reduce(0) { $0 + $1.value }
        return (1...).first { pixels * $0 + $0 > total }!
    }
    /// The padding both of document 000's convolutions would need for its claimed map side.
    var claimPadding: Int {
        (0...4).first { p in
            var w = Architecture.imageShape[2]
            for s in mnistSteps { w = (w - s.kernel + 2 * (s.layer.hasPrefix("conv") ? p : 0)) / s.stride + 1 }
            return w == Self.mnistClaimSide
        } ?? 0
    }

    /// Formula against engine for every size and parameter count shown.
    var checks: [SelfCheckRow] {
        let zh = language == .zh
        var rows = (seedSteps + cifarSteps + mnistSteps).map {
            SelfCheckRow(name: zh ? "\($0.net) \($0.layer) 输出宽度" : "\($0.net) \($0.layer) output width",
                         shown: Double($0.formula), expected: Double($0.engine.last ?? 0))
        }
        let flattened = zh ? "展平后的长度" : "flattened size"
        rows.append(SelfCheckRow(name: "CIFAR \(flattened)", shown: Double(cifarFlat.formula), expected: Double(cifarFlat.engine)))
        rows.append(SelfCheckRow(name: "MNIST \(flattened)", shown: Double(mnistFlat.formula), expected: Double(mnistFlat.engine)))
        rows += parameters.map {
            SelfCheckRow(name: zh ? "\($0.layer) 的参数个数" : "parameters of \($0.layer)", shown: Double($0.value),
                         expected: Double($0.engine))
        }
        return rows
    }

    /// The architecture diagram of the seed net (DOT, SVG, PNG).
    func writeDiagram(to directory: String, command: String) throws -> [String] {
        try ModelGraphs.writeArchitecture(description, to: directory, command: command, language: language)
    }
}
