import ArgumentParser
import Showcase

/// `dlexplain filters`: the conv layers' filters and the feature maps of one test image at every conv/pool layer.
struct FiltersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filters",
        abstract: "Draw the conv filters of a trained model and the feature maps of one test image.")

    @OptionGroup var model: ModelOptions
    @OptionGroup var picture: PictureOptions
    @Option(help: "Test image whose feature maps to draw.") var index = 0
    @Option(help: "Also write every layer's feature maps as NumPy .npy (float32 [channels, height, width]) here.")
    var saveMaps: String?
    @Option(help: "Output directory.") var out = "Output/filters"

    func validate() throws { try model.check("filters") }

    func run() throws {
        try reporting("filters", lock: out) {
            let trained = try model.trained()
            show(try trained.writeInside(picture.input(index: index, for: trained), saveMaps: saveMaps, to: out,
                                         command: commandLine))
        }
    }
}
