import Explain
import Foundation
import Render
import Showcase

/// One test image explained by all six methods, with the numbers a learner can check by looking: how much of
/// each map lies on the garment, and where Grad-CAM's mass is centred compared with the garment's.
struct SaliencyStudy {
    let net: SeedNet
    let language: Language
    let index: Int, image: [Float], label: Int
    let explanation: Explanation
    /// Pixels of the garment: intensity at least `objectThreshold` of white.
    let object: [Bool]

    /// A pixel belongs to the garment when its intensity is at least this fraction of white.
    static let objectThreshold: Float = 0.1

    init(net: SeedNet, explainer: Explainer, index: Int, language: Language) throws {
        self.net = net
        self.language = language
        self.index = index
        image = Array(net.test.image(at: index))
        label = net.test.labels[index]
        explanation = try explainer.explain(image, target: label)
        let normalization = net.test.normalization
        object = image.map { normalization.restore($0) >= Self.objectThreshold }
    }

    var width: Int { net.test.cols }
    var name: String { net.className(label, language) }

    /// Share of a map's |values| on garment pixels.
    func objectShare(_ map: SaliencyMap) -> Double {
        var on = 0.0, all = 0.0
        for (v, inside) in zip(map.values, object) {
            all += Double(abs(v))
            if inside { on += Double(abs(v)) }
        }
        return all > 0 ? on / all : 0
    }

    /// Centre of mass (row, col) of non-negative weights over the image grid.
    func centre(_ weights: [Double]) -> (row: Double, col: Double) {
        var total = 0.0, r = 0.0, c = 0.0
        for (i, w) in weights.enumerated() where w > 0 {
            total += w
            r += w * Double(i / width)
            c += w * Double(i % width)
        }
        return total > 0 ? (r / total, c / total) : (0, 0)
    }

    var gradCAMCentre: (row: Double, col: Double) {
        centre(explanation.map(.gradcam)?.values.map(Double.init) ?? [])
    }
    var garmentCentre: (row: Double, col: Double) {
        centre(image.map { Double(net.test.normalization.restore($0)) })
    }

    /// Shares of Grad-CAM's mass on the garment, above its top row, below its bottom row, and beside it.
    var gradCAMRegions: (on: Double, above: Double, below: Double, beside: Double) {
        let values = explanation.map(.gradcam)?.values.map { Double(abs($0)) } ?? []
        let rows = object.indices.filter { object[$0] }.map { $0 / width }
        let top = rows.min() ?? 0, bottom = rows.max() ?? 0
        var on = 0.0, above = 0.0, below = 0.0, beside = 0.0
        for (i, v) in values.enumerated() {
            if object[i] { on += v } else if i / width < top { above += v } else if i / width > bottom { below += v }
            else { beside += v }
        }
        let total = on + above + below + beside
        guard total > 0 else { return (0, 0, 0, 0) }
        return (on / total, above / total, below / total, beside / total)
    }

    /// The panel figure of all six maps.
    func writePanel(to directory: String, command: String) throws -> [String] {
        let info = SaliencyFigures.info(explanation, index: index, trueClass: name,
                                        className: { net.className($0, language) }, language: language)
        let panel = SaliencyFigures.panel(explanation, image: image, index: index, className: name,
                                          model: language == .zh ? "seed 网络" : "the seed net", info: info,
                                          language: language)
        return try panel.write(to: directory, name: "saliency-\(index)-panel", command: command)
    }

    /// Self-check rows: |∂score/∂pixel| at the three strongest pixels against central differences of the score
    /// recomputed in Double, and the Double score against the engine's.
    func checks(_ double: SeedNetInDouble) -> [SelfCheckRow] {
        guard let map = explanation.map(.saliency) else { return [] }
        let x = image.map(Double.init)
        func score(_ i: Int, _ t: Double) -> Double {
            var y = x
            y[i] = t
            return double.scores(y)[label]
        }
        // Like PyTorch's gradcheck, stay away from kinks: background pixels feed max-pool windows of equal values,
        // so a step can switch a window's winner. A pixel qualifies when its one-sided slopes agree.
        let h = 1e-4, f0 = double.scores(x)[label]
        let smooth = map.values.indices.sorted { map.values[$0] > map.values[$1] }.lazy.filter { i in
            let right = (score(i, x[i] + h) - f0) / h, left = (f0 - score(i, x[i] - h)) / h
            return abs(right - left) <= 1e-3 * max(abs(right), abs(left), 1e-6)
        }
        var rows = Array(smooth.prefix(3)).map { i -> SelfCheckRow in
            let numeric = centralDifference({ score(i, $0) }, at: x[i])
            return SelfCheckRow(name: "|∂s/∂x| image \(index) pixel (\(i / width),\(i % width))",
                                shown: Double(map.values[i]), expected: abs(numeric))
        }
        let engine = Double(net.explainer.scores(image, count: 1)[label])
        rows.append(SelfCheckRow(name: "score of image \(index) (engine vs Double)", shown: engine,
                                 expected: double.scores(x)[label], atol: 1e-4, rtol: 1e-4))
        if let completeness = completenessCheck(double) { rows.append(completeness) }
        return rows
    }

    // MARK: - Text

    /// A method's name in the lesson's language.
    static func title(_ method: SaliencyMethod, _ language: Language) -> String { method.title(language) }

    static func mapPlaceholders(_ studies: [SaliencyStudy], language: Language) -> [String: String] {
        let zh = language == .zh
        let methods = SaliencyMethod.allCases
        let header = [zh ? "方法" : "method"] + studies.map { "\($0.name) (\($0.index))" }
        let rows = methods.map { m in
            [title(m, language)] + studies.map { s in s.explanation.map(m).map { String(format: "%.0f%%", 100 * s.objectShare($0)) } ?? "" }
        } + [[zh ? "衣物占图像面积" : "garment's share of the image"]
             + studies.map { s in String(format: "%.0f%%", 100 * Double(s.object.filter { $0 }.count) / Double(s.object.count)) }]
        let centres = studies.map { s -> [String] in
            let g = s.gradCAMCentre, o = s.garmentCentre
            let d = ((g.row - o.row) * (g.row - o.row) + (g.col - o.col) * (g.col - o.col)).squareRoot()
            return [s.name, "(\(fmt(g.row, digits: 1)), \(fmt(g.col, digits: 1)))",
                    "(\(fmt(o.row, digits: 1)), \(fmt(o.col, digits: 1)))", fmt(d, digits: 1)]
        }
        let panels = studies.map { "saliency-\($0.index)-panel.png" }.joined(separator: ", ")
        let pct = { (v: Double) in String(format: "%.0f%%", 100 * v) }
        let regionRows = studies.map { s -> [String] in
            let r = s.gradCAMRegions
            return [s.name, pct(r.on), pct(r.above), pct(r.below), pct(r.beside)]
        }
        // The sentence about where Grad-CAM looks is read off the map: its largest region, per image.
        let camWhere = studies.map { s -> String in
            let r = s.gradCAMRegions
            let off: [(String, Double)] = zh ? [("在衣物上方", r.above), ("在衣物下方", r.below), ("在衣物两侧", r.beside)]
                                             : [("above the garment", r.above), ("below the garment", r.below), ("beside the garment", r.beside)]
            let most = off.max { $0.1 < $1.1 }!
            if r.on >= most.1 {
                return zh ? "\(s.name)：\(pct(r.on)) 落在衣物上，最后一个卷积层看的是衣物本身"
                          : "\(s.name): \(pct(r.on)) lies on the garment, so the last convolution layer looks at the garment itself"
            }
            return zh ? "\(s.name)：最大的一块（\(pct(most.1))）\(most.0)，只有 \(pct(r.on)) 落在衣物上——它看的是衣物周围的背景，而不是衣物的某个部分"
                      : "\(s.name): the largest share (\(pct(most.1))) lies \(most.0), only \(pct(r.on)) on the garment — it "
                        + "looks at the background around the garment, not at a part of it"
        }.joined(separator: zh ? "；" : "; ")
        let predictions = studies.map { s -> String in
            let p = s.explanation.probabilities[s.explanation.predicted]
            return (zh ? "测试图像 \(s.index)（\(s.name)）：预测为\(s.net.className(s.explanation.predicted, language))，概率 "
                       : "test image \(s.index) (\(s.name)): predicted \(s.net.className(s.explanation.predicted, language)) with ")
                + String(format: "%.1f%%", 100 * p)
        }.joined(separator: zh ? "；" : "; ")
        return [
            "count": "\(studies.count)", "panels": panels, "predictions": predictions,
            "threshold": String(format: "%.0f%%", 100 * Double(objectThreshold)),
            "share_table": Table(header: header, rows: rows,
                                 alignments: [.left] + studies.map { _ in .right }).render(),
            "centre_table": Table(header: zh ? ["类别", "Grad-CAM 重心（行, 列）", "衣物重心（行, 列）", "距离（像素）"]
                                             : ["class", "Grad-CAM centre (row, col)", "garment centre (row, col)", "distance (px)"],
                                  rows: centres, alignments: [.left, .left, .left, .right]).render(),
            "side": "\(studies[0].width)",
            "region_table": Table(header: zh ? ["类别", "在衣物上", "上方", "下方", "两侧"]
                                             : ["class", "on the garment", "above", "below", "beside"],
                                  rows: regionRows, alignments: [.left, .right, .right, .right, .right]).render(),
            "cam_where": camWhere,
        ]
    }

    static func completenessPlaceholders(_ studies: [SaliencyStudy], double: SeedNetInDouble,
                                         language: Language) -> [String: String] {
        let zh = language == .zh
        let rows = studies.compactMap { s -> [String]? in
            guard let c = s.explanation.completeness else { return nil }
            return [s.name, fmt(c.attributionSum), fmt(c.scoreDifference), String(format: "%.3f%%", 100 * c.relativeError),
                    "\(c.steps)"]
        }
        let tolerance = studies.first?.explanation.completeness?.tolerance ?? 0
        return [
            "ig_table": Table(header: zh ? ["类别", "Σ 归因", "f(x) − f(黑)", "相对误差", "步数"]
                                         : ["class", "Σ attributions", "f(x) − f(black)", "relative error", "steps"],
                              rows: rows, alignments: [.left, .right, .right, .right, .right]).render(),
            "tolerance": String(format: "%.0f%%", 100 * tolerance),
        ]
    }

    /// Σ IG attributions against f(x) − f(black) recomputed in Double, within the completeness tolerance.
    func completenessCheck(_ double: SeedNetInDouble) -> SelfCheckRow? {
        guard let c = explanation.completeness else { return nil }
        let black = Double(net.test.normalization.normalize(0))
        let difference = double.scores(image.map(Double.init))[label]
            - double.scores([Double](repeating: black, count: image.count))[label]
        return SelfCheckRow(name: "IG Σ attributions, image \(index)", shown: c.attributionSum, expected: difference,
                            atol: 0, rtol: c.tolerance)
    }
}
