import Explain
import Foundation
import Render
import Showcase

/// The Adebayo sanity check on one image: maps as the layers are re-initialised from the top, their Spearman
/// correlation with the trained maps, the methods flagged, and how much each trained map resembles the image.
struct SanityStudy {
    let study: SaliencyStudy
    let draws: SanityDraws
    var check: SanityCheck { draws.first }
    let language: Language
    /// Spearman ρ of |trained map| with |x − black| (how much the map simply redraws the input).
    let inputCorrelation: [Double]
    /// Largest change of a trained map recomputed after the check (0 when the weights were restored).
    let restoredGap: Double

    /// Random re-initialisations the verdict rests on.
    static let drawCount = 5

    init(explainer: Explainer, study: SaliencyStudy, seed: UInt64, language: Language) throws {
        self.study = study
        self.language = language
        let seeds = (0..<UInt64(Self.drawCount)).map { seed &* 1000 &+ 7 &+ $0 }
        draws = try SanityDraws.run(explainer, image: study.image, target: study.label, seeds: seeds)
        let black = study.net.test.normalization.normalize(0)
        let input = study.image.map { abs($0 - black) }
        inputCorrelation = draws.first.trained.map { Self.rankCorrelation($0.values.map { abs($0) }, input) }
        let again = try explainer.saliency(.gradcam, study.image, target: study.label)
        let before = draws.first.trained.first { $0.method == .gradcam }?.values ?? []
        restoredGap = zip(again.values, before).reduce(0) { max($0, Double(abs($1.0 - $1.1))) }
    }

    /// Spearman's ρ written out again (Pearson correlation of average ranks), independent of Explain's.
    static func rankCorrelation(_ a: [Float], _ b: [Float]) -> Double {
        func ranks(_ v: [Float]) -> [Double] {
            let order = v.indices.sorted { v[$0] < v[$1] }
            var r = [Double](repeating: 0, count: v.count)
            var i = 0
            while i < order.count {
                var j = i
                while j + 1 < order.count, v[order[j + 1]] == v[order[i]] { j += 1 }
                for k in i...j { r[order[k]] = Double(i + j) / 2 + 1 }
                i = j + 1
            }
            return r
        }
        let ra = ranks(a), rb = ranks(b), n = Double(a.count)
        let ma = ra.reduce(0, +) / n, mb = rb.reduce(0, +) / n
        let cov = zip(ra, rb).reduce(0) { $0 + ($1.0 - ma) * ($1.1 - mb) }
        let va = ra.reduce(0) { $0 + ($1 - ma) * ($1 - ma) }, vb = rb.reduce(0) { $0 + ($1 - mb) * ($1 - mb) }
        return va > 0 && vb > 0 ? cov / (va * vb).squareRoot() : 0
    }

    func write(to directory: String, command: String) throws -> [String] {
        let strip = SaliencyFigures.sanityStrip(check, image: study.image, index: study.index, className: study.name,
                                                model: language == .zh ? "seed 网络" : "seed net", language: language,
                                                flagged: flagged)
        return try strip.write(to: directory, name: "saliency-\(study.index)-sanity", command: command)
    }

    /// Methods that multiply the gradient by the input (x − black), so the image's shape is built into the map.
    static let inputTimesGradient: Set<SaliencyMethod> = [.gradxinput, .ig]

    /// Methods every draw flags.
    var flagged: [SaliencyMethod] { draws.methods.filter { draws.verdict($0) == .flagged } }

    func verdictWord(_ v: SanityDraws.Verdict) -> String {
        let zh = language == .zh
        switch v {
        case .flagged: return zh ? "标记" : "flagged"
        case .passes: return zh ? "通过" : "passes"
        case .unstable: return zh ? "不稳定" : "unstable"
        }
    }

    var placeholders: [String: String] {
        let zh = language == .zh
        let cascade = check.cascade, independent = check.independent
        let cascadeRows = check.methods.enumerated().map { i, m -> [String] in
            [SaliencyStudy.title(m, language)] + cascade.map { fmt($0.correlation(m) ?? .nan, digits: 2) } + [fmt(inputCorrelation[i], digits: 2)]
        }
        let independentRows = check.methods.map { m -> [String] in
            [SaliencyStudy.title(m, language)] + independent.map { fmt($0.correlation(m) ?? .nan, digits: 2) }
        }
        let drawRows = check.methods.map { m -> [String] in
            let s = draws.spread(m)
            return [SaliencyStudy.title(m, language)] + draws.finals.map { fmt($0[check.methods.firstIndex(of: m)!], digits: 2) }
                + [fmt(s.mean, digits: 2), "\(fmt(s.min, digits: 2)) … \(fmt(s.max, digits: 2))", verdictWord(draws.verdict(m))]
        }
        let names = { (list: [SaliencyMethod]) in
            list.map { SaliencyStudy.title($0, self.language) }.joined(separator: zh ? "、" : ", ")
        }
        let spread = { (m: SaliencyMethod) -> String in
            let s = self.draws.spread(m)
            return "\(fmt(s.min, digits: 2)) … \(fmt(s.max, digits: 2))"
        }
        let list = { (values: [String]) in values.joined(separator: zh ? "、" : ", ") }
        let image = { (m: SaliencyMethod) in fmt(self.inputCorrelation[self.check.methods.firstIndex(of: m)!], digits: 2) }
        let flagged = self.flagged
        let passing = check.methods.filter { draws.verdict($0) == .passes }
        let unstable = check.methods.filter { draws.verdict($0) == .unstable }
        let n = draws.seeds.count
        var verdict: [String] = []
        if flagged.isEmpty {
            verdict.append(zh ? "在全部 \(n) 次抽取中，没有方法始终保持 ρ ≥ \(fmt(check.threshold, digits: 1))，所以没有方法被标记。"
                              : "No method kept ρ ≥ \(fmt(check.threshold, digits: 1)) in all \(n) draws, so none is flagged.")
        } else {
            verdict.append(zh ? "在全部 \(n) 次抽取中都被标记的是 **\(names(flagged))**：所有层都随机之后，ρ 仍在 \(list(flagged.map(spread))) 之间。"
                              : "Flagged in all \(n) draws: **\(names(flagged))**. With every layer random, ρ still lies in \(list(flagged.map(spread))).")
            let multiply = flagged.filter { Self.inputTimesGradient.contains($0) }
            if !multiply.isEmpty {
                verdict.append(zh
                    ? "\(names(multiply)) 把梯度乘以输入（积分梯度乘以输入与黑色基线之差），图像的形状就写在结果里："
                        + "训练好的图与图像本身 |x − 黑| "
                        + "的相关为 ρ = \(list(multiply.map(image)))。无论模型学到什么，它们画出的主要是衣物本身。"
                    : "\(names(multiply)) \(multiply.count == 1 ? "multiplies" : "multiply") the gradient by the input (Integrated Gradients by "
                        + "its difference from black), so the image's shape is "
                        + "built into the result: the trained maps correlate with the image itself, |x − black|, at "
                        + "ρ = \(list(multiply.map(image))). Whatever the model learned, "
                        + (multiply.count == 1 ? "it mostly draws the garment." : "they mostly draw the garment."))
            }
            let other = flagged.filter { !Self.inputTimesGradient.contains($0) }
            if !other.isEmpty {
                verdict.append(zh
                    ? "\(names(other)) 不乘以输入，但即使是随机的卷积层也会对图像的边缘起反应，所以随机网络的图仍然勾勒出衣物的轮廓。"
                    : "\(names(other)) \(other.count == 1 ? "does" : "do") not multiply by the input, but even random convolutions respond to the image's "
                        + "edges, so the random network's maps still trace the garment's outline.")
            }
        }
        if !unstable.isEmpty {
            verdict.append(zh
                ? "\(names(unstable)) 没有结论：ρ 在 \(list(unstable.map(spread))) 之间，有的抽取高于阈值，有的低于阈值，判断取决于随机抽到的权重。"
                : "No verdict for \(names(unstable)): ρ ranges over \(list(unstable.map(spread))), some draws above the threshold "
                    + "and some below, so the outcome depends on which random weights were drawn.")
        }
        if !passing.isEmpty {
            verdict.append(zh ? "在每次抽取中都通过的是 \(names(passing))：层被随机化后，它们的图就散了——它们确实依赖于网络学到的东西。"
                              : "Passing in every draw: \(names(passing)). Their maps fall apart as the layers are randomised — "
                                + "they really depend on what the network learned.")
        }
        func adebayo(_ m: SaliencyMethod) -> String {
            let zh = language == .zh
            let ours = verdictWord(draws.verdict(m))
            return zh ? "\(SaliencyStudy.title(m, language))：这里\(ours)" : "\(SaliencyStudy.title(m, language)): \(ours) here"
        }
        return [
            "index": "\(study.index)", "class": study.name, "strip": "saliency-\(study.index)-sanity.png",
            "draws": "\(n)",
            "table": Table(header: [zh ? "方法" : "method"] + cascade.map { "→\($0.layer)" } + [zh ? "与图像" : "vs image"],
                           rows: cascadeRows,
                           alignments: [.left] + Array(repeating: .right, count: cascade.count + 1)).render(),
            "draws_table": Table(header: [zh ? "方法" : "method"] + (1...n).map { zh ? "第 \($0) 次" : "draw \($0)" }
                                     + [zh ? "平均" : "mean", zh ? "范围" : "range", zh ? "结论" : "verdict"],
                                 rows: drawRows,
                                 alignments: [.left] + Array(repeating: .right, count: n + 2) + [.left]).render(),
            "independent_table": Table(header: [zh ? "方法" : "method"] + independent.map { (zh ? "仅 " : "only ") + $0.layer },
                                       rows: independentRows,
                                       alignments: [.left] + Array(repeating: .right, count: independent.count)).render(),
            "threshold": fmt(check.threshold, digits: 1), "verdict": verdict.joined(separator: zh ? "" : " "),
            "adebayo": [SaliencyMethod.saliency, .gradcam].map(adebayo).joined(separator: zh ? "；" : "; "),
            "layers": cascade.map(\.layer).joined(separator: " → "),
        ]
    }

    /// The last cascading row recomputed from the stored maps with the lesson's own Spearman, and the weights
    /// restored afterwards.
    var checks: [SelfCheckRow] {
        guard let last = check.cascade.last else { return [] }
        var rows = check.methods.enumerated().map { i, m in
            SelfCheckRow(name: "sanity ρ \(m.rawValue), all layers random",
                         shown: last.correlations[i],
                         expected: Self.rankCorrelation(check.trained[i].values.map { abs($0) },
                                                        last.maps[i].values.map { abs($0) }), atol: 1e-9, rtol: 1e-9)
        }
        rows.append(SelfCheckRow(name: "weights restored: max|Δ Grad-CAM|", shown: restoredGap, expected: 0,
                                 atol: 0, rtol: 0))
        return rows
    }
}
