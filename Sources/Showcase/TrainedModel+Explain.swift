import Explain
import Foundation
import Groundwork
import Render

/// What a model is shown: a test image of its data set, or a learner's own picture.
public enum ModelInput {
    /// Test image `index`.
    case test(index: Int)
    /// A PNG converted to the model's input (`ImageInput`).
    case picture(ImageInput)
}

extension TrainedModel {
    /// Random re-initialisations the sanity check's verdict rests on (the saliency lesson uses as many).
    public static let sanityDraws = 5

    /// The normalised values, the true label (nil for a picture), how figures name it ("test image 3" or the
    /// file's name) and the prefix of the files written about it ("3" or the file's stem).
    func resolve(_ input: ModelInput) throws -> (values: [Float], label: Int?, subject: String, prefix: String) {
        switch input {
        case .test(let index):
            let (values, label) = try image(index)
            return (values, label, "test image \(index)", "\(index)")
        case .picture(let picture):
            return (picture.normalized(test.normalization), nil, PathText.split(picture.name).name,
                    PathText.stem(picture.name))
        }
    }

    /// Saliency maps of `input` by `methods` (one figure each, and the panel when there are several), then, unless
    /// `sanity` is false, the Adebayo sanity check (table, `<prefix>-sanity.csv`, the cascade strip). With
    /// `saveMaps`, every map as `.npy` and a CSV index in that folder; for a picture, its conversion figure.
    /// `gradCAMVariant` picks the Grad-CAM definition (the published one by default).
    public func writeExplanation(_ input: ModelInput, methods: [SaliencyMethod], target: Int?, sanity: Bool,
                                 gradCAMVariant: GradCAMVariant = .standard, saveMaps: String? = nil,
                                 to directory: String, command: String) throws -> Outcome {
        let (image, label, subject, prefix) = try resolve(input)
        var explainer = explainer
        explainer.settings.gradCAMVariant = gradCAMVariant
        let e = try explainer.explain(image, target: target, methods: methods)
        let names = test.classNames, arch = name, index = Int(prefix) ?? 0
        let trueClass = label.map { names[$0] } ?? "unknown (your picture)"
        let info = SaliencyFigures.info(e, index: index, trueClass: trueClass, className: { names[$0] },
                                        language: .en, subject: subject)
        var outcome = Outcome(text: [info.replacingOccurrences(of: "\n", with: " · ")])
        if case .picture(let picture) = input {
            outcome.text.append("conversion: " + picture.steps)
            outcome.files += try ImageInputFigure.figure(picture).write(to: directory, name: "\(prefix)-input", command: command)
        }
        if let check = e.completeness { outcome.text.append("Integrated Gradients completeness: \(check.summary)") }
        let detail = "true \(trueClass), predicted \(names[e.predicted]) "
            + String(format: "%.1f%%", 100 * e.probabilities[e.predicted])
        for map in e.maps {
            let figure = SaliencyFigures.single(map, image: image, index: index, className: names[e.target],
                                                model: arch, detail: detail, subject: subject)
            outcome.files += try figure.write(to: directory, name: "\(prefix)-\(map.method.rawValue)", command: command)
        }
        if e.maps.count > 1 {
            let panel = SaliencyFigures.panel(e, image: image, index: index, className: names[e.target], model: arch,
                                              info: info, language: .en, subject: subject)
            outcome.files += try panel.write(to: directory, name: "\(prefix)-panel", command: command)
        }
        if let saveMaps {
            let score = explainer.scores(image, count: 1)[e.target]
            let saved = try TrainedModel.saveMaps(e, score: score, className: names[e.target], prefix: prefix, to: saveMaps)
            outcome.text.append("\(e.maps.count) map\(e.maps.count == 1 ? "" : "s") saved as float32 .npy "
                + "[\(test.rows), \(test.cols)] with the index \(saved.last!)")
            outcome.files += saved
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
        let csv = PathText.join(directory, "\(prefix)-sanity.csv")
        try AtomicFile.write(SaliencyFigures.sanityCSV(check), to: csv)
        let strip = SaliencyFigures.sanityStrip(check, image: image, index: index, className: names[e.target],
                                                model: arch, language: .en,
                                                flagged: draws.methods.filter { draws.verdict($0) == .flagged },
                                                subject: subject)
        outcome.files += [csv] + (try strip.write(to: directory, name: "\(prefix)-sanity", command: command))
        return outcome
    }

    /// `writeExplanation(.test(index: index), …)`, as before pictures could be given.
    public func writeExplanation(index: Int, methods: [SaliencyMethod], target: Int?, sanity: Bool,
                                 gradCAMVariant: GradCAMVariant = .standard,
                                 to directory: String, command: String) throws -> Outcome {
        try writeExplanation(.test(index: index), methods: methods, target: target, sanity: sanity,
                             gradCAMVariant: gradCAMVariant, to: directory, command: command)
    }
}

/// The figure of a picture's conversion to a model input: the picture in grey at up to 280 px, then what the
/// model sees, with each step stated.
enum ImageInputFigure {
    static func figure(_ picture: ImageInput) -> Figure {
        var figure = Figure(title: "Your picture as the model sees it: \(PathText.split(picture.name).name)",
                            subtitle: "the conversion, step by step")
        let side = 280
        let scale = Double(side) / Double(max(picture.grey.width, picture.grey.height))
        let (w, h) = scale < 1 ? (max(1, Int(Double(picture.grey.width) * scale)), max(1, Int(Double(picture.grey.height) * scale)))
            : (picture.grey.width, picture.grey.height)
        let shown = scale < 1 ? ImageInput.resize(picture.grey, width: w, height: h) : picture.grey.pixels.map(Float.init)
        figure.addRow([.image(Raster.grey(shown, width: w, height: h, range: 0...255),
                              caption: "your picture, grey\n\(picture.source.width) × \(picture.source.height)"),
                       .image(ExplainFigures.input(picture.values, width: picture.width, height: picture.height),
                              caption: "model input\n\(picture.width) × \(picture.height)"
                                + (picture.background == .white ? ", inverted" : "")),
                       .text(picture.stepLines.joined(separator: "\n"))])
        return figure
    }
}
