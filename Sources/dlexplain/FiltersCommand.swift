import ArgumentParser
import Showcase

/// `dlexplain filters`: the conv layers' filters and the feature maps of one test image at every conv/pool layer.
struct FiltersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filters",
        abstract: "Draw the conv filters of a trained model and the feature maps of one test image.")

    @OptionGroup var model: ModelOptions
    @Option(help: "Test image whose feature maps to draw.") var index = 0
    @Option(help: "Output directory.") var out = "Output/filters"

    func validate() throws {
        if model.checkpoint == nil { throw ValidationError("filters needs --checkpoint PATH (a trained model)") }
    }

    func run() throws {
        try reporting("filters", lock: out) {
            show(try model.trained().writeInside(index: index, to: out, command: commandLine))
        }
    }
}
