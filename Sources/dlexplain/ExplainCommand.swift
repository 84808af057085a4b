import Groundwork
import ArgumentParser
import Explain
import Foundation
import Lessons
import Render
import Showcase

/// `dlexplain explain`: six saliency methods for one test image, a panel, and the sanity check.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Saliency maps of one test image (six methods), a titled panel, and the Adebayo sanity check.",
        discussion: "Methods: saliency (|∂score/∂x|), gradxinput, smoothgrad (n 50, σ 0.15 of the range), ig "
            + "(black baseline, 64 steps), gradcam (last conv layer), occlusion (window 4, stride 2, grey).")

    enum Method: String, ExpressibleByArgument, CaseIterable {
        case all, saliency, gradxinput, smoothgrad, ig, gradcam, occlusion
    }

    @OptionGroup var model: ModelOptions
    @Option(help: "Test image to explain.") var index = 0
    @Option(help: "Method: \(Method.allCases.map(\.rawValue).joined(separator: ", ")).") var method: Method = .all
    @Option(help: "Class to explain (default: the predicted one).") var target: Int?
    @Flag(help: "Skip the sanity check (it computes every map again for 8 randomised models).") var noSanity = false
    @Option(help: "Output directory.") var out = "Output/explain"

    func validate() throws {
        if model.checkpoint == nil { throw ValidationError("explain needs --checkpoint PATH (a trained model)") }
    }

    func run() throws {
        try reporting("explain") {
            let loaded = try LoadedModel(checkpoint: model.checkpoint!, data: model.data)
            let (image, label) = try loaded.image(index)
            let explainer = loaded.explainer
            let methods = method == .all ? SaliencyMethod.allCases : [SaliencyMethod(rawValue: method.rawValue)!]
            let e = try explainer.explain(image, target: target, methods: methods)
            let names = loaded.test.classNames
            let probability = String(format: "%.1f %%", e.probabilities[e.predicted] * 100)
            let info = "test image \(index)\ntrue: \(names[label])\npredicted: \(names[e.predicted]) \(probability)"
                + "\nexplained: \(names[e.target])"
            print(info.replacingOccurrences(of: "\n", with: " · "))
            if let check = e.completeness { print("Integrated Gradients completeness: \(check.summary)") }
            let arch = loaded.architecture.rawValue
            var paths: [String] = []
            for map in e.maps {
                let figure = ExplainFigures.single(HeatTile(map), image: image,
                                                   title: "\(map.method.title): test image \(index), class \(names[e.target])",
                                                   subtitle: "\(arch) · \(map.method.unit) · true \(names[label]), "
                                                       + "predicted \(names[e.predicted]) \(probability)")
                paths += try figure.write(to: out, name: "\(index)-\(map.method.rawValue)", command: commandLine)
            }
            if e.maps.count > 1 {
                let panel = ExplainFigures.panel(e.maps.map { HeatTile($0) }, image: image,
                                                 title: "What \(arch) looks at: test image \(index), class \(names[e.target])",
                                                 subtitle: "six saliency methods over the grey input, each map on its own scale",
                                                 info: info)
                paths += try panel.write(to: out, name: "\(index)-panel", command: commandLine)
            }
            if !noSanity {
                paths += try sanity(explainer, image: image, target: e.target, methods: methods, className: names[e.target],
                                    arch: arch)
            }
            for path in paths { print(path) }
        }
    }

    /// Runs the sanity check, prints its table and writes the CSV and the cascade strip.
    func sanity(_ explainer: Explainer, image: [Float], target: Int, methods: [SaliencyMethod], className: String,
                arch: String) throws -> [String] {
        let check = try SanityCheck.run(explainer, image: image, target: target, methods: methods)
        let cascade = check.cascade, independent = check.independent
        let header = ["method"] + cascade.map { "→\($0.layer)" } + independent.map { "only \($0.layer)" } + ["verdict"]
        let rows = check.methods.map { m -> [String] in
            [m.rawValue] + (cascade + independent).map { String(format: "%.2f", $0.correlation(m) ?? .nan) }
                + [check.flagged.contains(m) ? "flagged" : "ok"]
        }
        print("\nSanity check (Adebayo et al. 2018): Spearman ρ of |map| with the trained model's, as layers are "
              + "randomised from the top (→layer: cumulative) and one at a time (only layer).\nflagged = ρ ≥ "
              + String(format: "%.1f", check.threshold) + " with every layer random: the map barely changes, so it "
              + "does not explain the model")
        print(Table(header: header, rows: rows).render())
        let csv = ([["method"] + cascade.map { "cascade_\($0.layer)" } + independent.map { "independent_\($0.layer)" }
                    + ["flagged"]] + check.methods.map { m in
            [m.rawValue] + (cascade + independent).map { String(format: "%.6f", $0.correlation(m) ?? .nan) }
                + [check.flagged.contains(m) ? "1" : "0"]
        }).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
        let csvPath = (out as NSString).appendingPathComponent("\(index)-sanity.csv")
        try AtomicFile.write(csv, to: csvPath)
        let strip = ExplainFigures.sanityStrip(
            rows: check.methods.enumerated().map { i, m in
                let tiles = [HeatTile(check.trained[i], title: "trained")]
                    + cascade.map { HeatTile($0.maps[i], title: "→ \($0.layer)") }
                return (m.title + (check.flagged.contains(m) ? " ⚑" : ""), tiles,
                        [nil] + cascade.map { $0.correlation(m) })
            },
            image: image, title: "Sanity check: test image \(index), class \(className), \(arch)",
            subtitle: "layers re-initialised from the top down (cascading); ρ = Spearman rank correlation of |map| "
                + "with the trained map; ⚑ = still ρ ≥ \(check.threshold) with every layer random: "
                + "does not explain the model")
        return [csvPath] + (try strip.write(to: out, name: "\(index)-sanity", command: commandLine))
    }
}
