import Explain
import Foundation
import Render

/// The saliency pictures and tables, drawn once for `dlexplain explain`, the saliency lesson and the explorer:
/// one map over its image, the panel of every method, and the Adebayo sanity check as a strip, a table and a CSV.
public enum SaliencyFigures {
    /// The text block beside the panel: the image, its true class, the prediction with its probability, and the
    /// class explained when it is not the predicted one.
    /// `subject` replaces "test image <index>" for a picture of the learner's own (its file name).
    public static func info(_ e: Explanation, index: Int, trueClass: String, className: (Int) -> String,
                            language: Language, subject: String? = nil) -> String {
        let zh = language == .zh
        let probability = String(format: "%.1f%%", 100 * e.probabilities[e.predicted])
        var lines = zh ? [subject ?? "测试图像 \(index)", "真实：\(trueClass)", "预测：\(className(e.predicted)) \(probability)"]
                       : [subject ?? "test image \(index)", "true: \(trueClass)", "predicted: \(className(e.predicted)) \(probability)"]
        if e.target != e.predicted { lines.append((zh ? "解释的类别：" : "explained: ") + className(e.target)) }
        return lines.joined(separator: "\n")
    }

    /// One method's map over the input, titled with the model, image and class.
    public static func single(_ map: SaliencyMap, image: [Float], index: Int, className: String, model: String,
                              detail: String, subject: String? = nil) -> Figure {
        ExplainFigures.single(HeatTile(map), image: image,
                              title: "\(map.method.title): \(subject ?? "test image \(index)"), class \(className)",
                              subtitle: "\(model) · \(map.method.unit) · \(detail)")
    }

    /// Every method's map side by side over the input, with the info block.
    public static func panel(_ e: Explanation, image: [Float], index: Int, className: String, model: String,
                             info: String, language: Language, subject: String? = nil) -> Figure {
        let zh = language == .zh
        return ExplainFigures.panel(
            e.maps.map { HeatTile($0, language: language) }, image: image,
            title: zh ? "\(model)看哪里：\(subject ?? "测试图像 \(index)")，类别 \(className)"
                      : "What \(model) looks at: \(subject ?? "test image \(index)"), class \(className)",
            subtitle: zh ? "六种显著性方法叠加在灰度输入上，每张图按自己的范围着色"
                         : "six saliency methods over the grey input, each map on its own scale",
            info: info, language: language)
    }

    /// The cascading randomisation as a strip: per method, the trained map and the maps as layers are re-initialised
    /// from the top, each with its Spearman ρ; flagged methods marked ⚑ (`flagged`, default: this draw's own).
    public static func sanityStrip(_ check: SanityCheck, image: [Float], index: Int, className: String,
                                   model: String, language: Language, flagged: [SaliencyMethod]? = nil,
                                   subject: String? = nil) -> Figure {
        let zh = language == .zh
        let cascade = check.cascade
        let flagged = flagged ?? check.flagged
        return ExplainFigures.sanityStrip(
            rows: check.methods.enumerated().map { i, m in
                let tiles = [HeatTile(check.trained[i], title: zh ? "训练好的" : "trained")]
                    + cascade.map { HeatTile($0.maps[i], title: "→ \($0.layer)") }
                return (m.title(language) + (flagged.contains(m) ? " ⚑" : ""), tiles, [nil] + cascade.map { $0.correlation(m) })
            },
            image: image,
            title: zh ? "健全性检查：\(subject ?? "测试图像 \(index)")（\(className)），\(model)"
                      : "Sanity check: \(subject ?? "test image \(index)") (\(className)), \(model)",
            subtitle: zh ? "从顶层开始逐层随机重置（级联）；ρ = |图| 与训练好的图的 Spearman 秩相关；"
                + "⚑ = 全部层随机后仍有 ρ ≥ \(check.threshold)：并没有解释模型"
                : "layers re-initialised from the top down (cascading); ρ = Spearman rank correlation of |map| with "
                + "the trained map; ⚑ = still ρ ≥ \(check.threshold) with every layer random: does not explain the model",
            language: language)
    }

    /// The sanity check as rows: method, ρ after each cascading and each independent step, verdict.
    /// `digits` decimals (2 for a terminal, 6 for the CSV).
    static func sanityRows(_ check: SanityCheck, digits: Int, verdict: (Bool) -> String) -> [[String]] {
        let steps = check.cascade + check.independent
        return check.methods.map { m in
            [m.rawValue] + steps.map { String(format: "%.\(digits)f", $0.correlation(m) ?? .nan) }
                + [verdict(check.flagged.contains(m))]
        }
    }

    /// The sanity check as a terminal table (→layer: cumulative randomisation; only layer: one at a time).
    public static func sanityTable(_ check: SanityCheck) -> Table {
        let header = ["method"] + check.cascade.map { "→\($0.layer)" } + check.independent.map { "only \($0.layer)" }
            + ["verdict"]
        return Table(header: header, rows: sanityRows(check, digits: 2) { $0 ? "flagged" : "ok" })
    }

    /// The sanity check over several re-initialisations: per method, ρ with every layer random in each draw,
    /// its smallest, mean and largest value, and the verdict (given only when every draw agrees).
    public static func sanityDrawsTable(_ draws: SanityDraws) -> Table {
        let header = ["method"] + draws.seeds.map { "seed \($0)" } + ["min", "mean", "max", "verdict"]
        let rows = draws.methods.enumerated().map { k, m -> [String] in
            let s = draws.spread(m)
            return [m.rawValue] + draws.finals.map { String(format: "%.2f", $0[k]) }
                + [s.min, s.mean, s.max].map { String(format: "%.2f", $0) } + [draws.verdict(m).rawValue]
        }
        return Table(header: header, rows: rows)
    }

    /// The sanity check as CSV: `method,cascade_<layer>…,independent_<layer>…,flagged`.
    public static func sanityCSV(_ check: SanityCheck) -> String {
        let header = ["method"] + check.cascade.map { "cascade_\($0.layer)" }
            + check.independent.map { "independent_\($0.layer)" } + ["flagged"]
        return ([header] + sanityRows(check, digits: 6) { $0 ? "1" : "0" })
            .map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
    }
}
