import Explain
import Foundation
import Groundwork
import Render

extension TrainedModel {
    /// Random re-initialisations the sanity check's verdict rests on (the saliency lesson uses as many).
    public static let sanityDraws = 5

    /// Saliency maps of test image `index` by `methods` (one figure each, and the panel when there are several),
    /// then, unless `sanity` is false, the Adebayo sanity check (table, `<index>-sanity.csv`, the cascade strip).
    /// `gradCAMVariant` picks the Grad-CAM definition (the published one by default).
    public func writeExplanation(index: Int, methods: [SaliencyMethod], target: Int?, sanity: Bool,
                                 gradCAMVariant: GradCAMVariant = .standard,
                                 to directory: String, command: String) throws -> Outcome {
        let (image, label) = try image(index)
        var explainer = explainer
        explainer.settings.gradCAMVariant = gradCAMVariant
        let e = try explainer.explain(image, target: target, methods: methods)
        let names = test.classNames, arch = architecture.rawValue
        let info = SaliencyFigures.info(e, index: index, trueClass: names[label], className: { names[$0] },
                                        language: .en)
        var outcome = Outcome(text: [info.replacingOccurrences(of: "\n", with: " · ")])
        if let check = e.completeness { outcome.text.append("Integrated Gradients completeness: \(check.summary)") }
        let detail = "true \(names[label]), predicted \(names[e.predicted]) "
            + String(format: "%.1f%%", 100 * e.probabilities[e.predicted])
        for map in e.maps {
            let figure = SaliencyFigures.single(map, image: image, index: index, className: names[e.target],
                                                model: arch, detail: detail)
            outcome.files += try figure.write(to: directory, name: "\(index)-\(map.method.rawValue)", command: command)
        }
        if e.maps.count > 1 {
            let panel = SaliencyFigures.panel(e, image: image, index: index, className: names[e.target], model: arch,
                                              info: info, language: .en)
            outcome.files += try panel.write(to: directory, name: "\(index)-panel", command: command)
        }
        guard sanity else { return outcome }
        // One random re-initialisation decides nothing (ρ varies a lot between draws): the verdict needs every
        // draw to agree. The first draw is shown in full (table, CSV, strip).
        let draws = try SanityDraws.run(explainer, image: image, target: e.target, methods: methods,
                                        seeds: Array(1...UInt64(Self.sanityDraws)))
        let check = draws.first
        outcome.text.append("\nSanity check (Adebayo et al. 2018): Spearman ρ of |map| with the trained model's, as "
            + "layers are randomised from the top (→layer: cumulative) and one at a time (only layer), seed 1.")
        outcome.text.append(SaliencyFigures.sanityTable(check).render())
        outcome.text.append("With every layer random, over \(Self.sanityDraws) re-initialisations (seeds "
            + "1…\(Self.sanityDraws)): flagged = ρ ≥ " + String(format: "%.1f", check.threshold) + " in every draw "
            + "(the map barely depends on the weights, so it does not explain the model); passes = below in every "
            + "draw; unstable = the draws disagree, no verdict. The threshold is this project's choice.")
        outcome.text.append(SaliencyFigures.sanityDrawsTable(draws).render())
        let csv = PathText.join(directory, "\(index)-sanity.csv")
        try AtomicFile.write(SaliencyFigures.sanityCSV(check), to: csv)
        let strip = SaliencyFigures.sanityStrip(check, image: image, index: index, className: names[e.target],
                                                model: arch, language: .en)
        outcome.files += [csv] + (try strip.write(to: directory, name: "\(index)-sanity", command: command))
        return outcome
    }
}
