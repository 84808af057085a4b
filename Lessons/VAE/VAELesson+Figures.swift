import Datasets
import Foundation
import LessonModels
import Render
import TensorGrad

/// The vae lesson's pictures: the latent map, the decoded grid over the latent plane, reconstructions.
extension VAELesson {
    /// The encoder's μ of every test image, the share inside the decoded grid's square ±2.5, and the root mean
    /// square distance of μ from the origin.
    struct Latent {
        var x: [Double]
        var y: [Double]
        var inside: Double
        var rms: Double
    }

    func latentMap(_ model: VAEModel<Float>, _ test: ImageDataset) -> Latent {
        var xs: [Double] = [], ys: [Double] = []
        for start in stride(from: 0, to: test.count, by: 500) {
            let x = TrainedVAE.batch(test, Array(start..<min(start + 500, test.count)))
            let mu = withNoGrad { model.encode(x).mu }.scalars
            for i in 0..<(mu.count / 2) {
                xs.append(Double(mu[2 * i]))
                ys.append(Double(mu[2 * i + 1]))
            }
        }
        let inside = zip(xs, ys).filter { Swift.abs($0) <= 2.5 && Swift.abs($1) <= 2.5 }.count
        let rms = (zip(xs, ys).map { $0 * $0 + $1 * $1 }.reduce(0, +) / Double(xs.count)).squareRoot()
        return Latent(x: xs, y: ys, inside: Double(inside) / Double(xs.count), rms: rms)
    }

    /// The latent map as a scatter chart, one colour per class, on a square box around ±3 (wider when needed).
    func latentChart(_ latent: Latent, test: ImageDataset, names: [String], title: String, zh: Bool) -> ScatterChart {
        let reach = max(3, (latent.x + latent.y).map(Swift.abs).sorted()[Int(Double(latent.x.count * 2) * 0.995)])
        let groups = (0..<10).map { label in
            let members = test.labels.indices.filter { test.labels[$0] == label }
            return PointGroup(names[label], x: members.map { latent.x[$0] }, y: members.map { latent.y[$0] },
                              color: Palette.color(label), radius: 2.4, opacity: 0.7)
        }
        return ScatterChart(title: title, xLabel: zh ? "潜变量 z₁（μ₁）" : "latent z₁ (μ₁)",
                            yLabel: zh ? "潜变量 z₂（μ₂）" : "latent z₂ (μ₂)", groups: groups,
                            box: ((-reach)...reach, (-reach)...reach))
    }

    /// Class centroids of the latent map: the class farthest from the origin, and the two closest classes.
    func classSpread(_ latent: Latent, _ test: ImageDataset) -> (farthest: Int, distance: Double,
                                                                  closePair: (Int, Int), closeDistance: Double) {
        let centroids = (0..<10).map { label -> (Double, Double) in
            let members = test.labels.indices.filter { test.labels[$0] == label }
            let n = Double(max(members.count, 1))
            return (members.map { latent.x[$0] }.reduce(0, +) / n, members.map { latent.y[$0] }.reduce(0, +) / n)
        }
        let norms = centroids.map { ($0.0 * $0.0 + $0.1 * $0.1).squareRoot() }
        let farthest = norms.indices.max { norms[$0] < norms[$1] }!
        var best = (0, 1), bestDistance = Double.infinity
        for a in 0..<10 { for b in (a + 1)..<10 {
            let d = ((centroids[a].0 - centroids[b].0) * (centroids[a].0 - centroids[b].0)
                + (centroids[a].1 - centroids[b].1) * (centroids[a].1 - centroids[b].1)).squareRoot()
            if d < bestDistance { (best, bestDistance) = ((a, b), d) }
        } }
        return (farthest, norms[farthest], best, bestDistance)
    }

    /// A 28×28 grey tile of pixel values in [0, 1] (white = 1), scaled up.
    static func tile(_ pixels: [Float], scale: Int = 2) -> PNGImage {
        PNGImage(width: 28, height: 28, format: .gray,
                 pixels: pixels.map { UInt8((min(1, max(0, $0)) * 255).rounded()) }).upscaled(by: scale)
    }

    /// The decoder's image at every point of a `side`×`side` grid over [−limit, limit]², z₂ decreasing downwards.
    func decodedGrid(_ model: VAEModel<Float>, side: Int, limit: Double, zh: Bool) -> Figure {
        let values = (0..<side).map { -limit + 2 * limit * Double($0) / Double(side - 1) }
        var z: [Float] = []
        for row in 0..<side { for column in 0..<side { z += [Float(values[column]), Float(values[side - 1 - row])] } }
        let images = withNoGrad { model.decode(Tensor(shape: [side * side, 2], scalars: z)).sigmoid() }.scalars
        let tiles = (0..<(side * side)).map { Self.tile(Array(images[($0 * 784)..<(($0 + 1) * 784)]), scale: 1) }
        var figure = Figure(title: zh ? "解码器在潜平面上画出的图像" : "What the decoder draws across the latent plane",
                            subtitle: zh ? "z₁ 从左到右、z₂ 从下到上，各取 −\(fmt(limit, digits: 1)) 到 \(fmt(limit, digits: 1)) 之间等距的 \(side) 个值"
                                : "z₁ left to right and z₂ bottom to top, \(side) evenly spaced values from −\(fmt(limit, digits: 1)) to \(fmt(limit, digits: 1))")
        figure.addRow([.image(TileGrid(columns: side, gap: 1).compose(tiles).upscaled(by: 2),
                              caption: zh ? "每格：σ(解码器(z))，白 = 1，黑 = 0" : "each cell: σ(decoder(z)), white 1, black 0")])
        return figure
    }

    /// Originals (top row) and their reconstructions from μ (bottom row), one image per class.
    func reconstructions(_ model: VAEModel<Float>, _ test: ImageDataset, indices: [Int], names: [String],
                         zh: Bool) -> Figure {
        let x = TrainedVAE.batch(test, indices)
        let decoded = withNoGrad { model.decode(model.encode(x).mu).sigmoid() }.scalars
        var figure = Figure(title: zh ? "原图与重构（每类一张测试图像）" : "Originals and reconstructions (one test image per class)",
                            subtitle: zh ? "重构 = σ(解码器(μ))：只经过两个数 (μ₁, μ₂)" : "reconstruction = σ(decoder(μ)): through two numbers (μ₁, μ₂) only")
        figure.addRow(indices.indices.map { k in
            .image(Self.tile(Array(test.image(at: indices[k])), scale: 3), caption: names[test.labels[indices[k]]])
        }, label: zh ? "原图" : "original")
        figure.addRow(indices.indices.map { k in
            .image(Self.tile(Array(decoded[(k * 784)..<((k + 1) * 784)]), scale: 3), caption: "")
        }, label: zh ? "重构" : "reconstruction")
        return figure
    }
}
