import ArgumentParser
import Explain
import Showcase

extension GradCAMVariant: ExpressibleByArgument {}

/// `dlexplain explain`: six saliency methods for one test image, a panel, and the sanity check.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Saliency maps of one test image (six methods), a titled panel, and the Adebayo sanity check.",
        discussion: "Methods: saliency (|∂score/∂x|), gradxinput, smoothgrad (n 50, σ 0.15 of the range), ig "
            + "(black baseline, 64 steps doubled until Σ attributions is within 1 % of f(x) − f(black), at most 2048), "
            + "gradcam (last conv layer; standard: " + GradCAMVariant.standard.formula + "; rectified: "
            + GradCAMVariant.rectified.formula + "), occlusion (window 4, stride 2, grey).")

    enum Method: String, ExpressibleByArgument, CaseIterable {
        case all, saliency, gradxinput, smoothgrad, ig, gradcam, occlusion
    }

    @OptionGroup var model: ModelOptions
    @OptionGroup var picture: PictureOptions
    @Option(help: "Test image to explain (0, 1, …; the range is the test set's).") var index = 0
    @Option(help: "Method: \(Method.allCases.map(\.rawValue).joined(separator: ", ")).") var method: Method = .all
    @Option(help: "Class to explain (default: the predicted one).") var target: Int?
    @Option(help: "Grad-CAM definition: standard (Selvaraju et al.) or rectified (this project's variant).")
    var gradcamVariant: GradCAMVariant = .standard
    @Flag(help: "Skip the sanity check (it computes every map again for each randomised model, over 5 draws).")
    var noSanity = false
    @Option(help: "Also write every map as NumPy .npy (float32 [28, 28]) with a CSV index into this folder.")
    var saveMaps: String?
    @Option(help: "Output directory.") var out = "Output/explain"

    func validate() throws { try model.check("explain") }

    func run() throws {
        try reporting("explain", lock: out) {
            let methods = method == .all ? SaliencyMethod.allCases : [SaliencyMethod(rawValue: method.rawValue)!]
            let trained = try model.trained()
            show(try trained.writeExplanation(picture.input(index: index, for: trained), methods: methods,
                                              target: target, sanity: !noSanity, gradCAMVariant: gradcamVariant,
                                              saveMaps: saveMaps, to: out, command: commandLine))
        }
    }
}
