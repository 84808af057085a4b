import ArgumentParser
import Explain
import Foundation
import Lessons
import Render
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
        try reporting("filters") {
            let loaded = try LoadedModel(checkpoint: model.checkpoint!, data: model.data)
            let (image, label) = try loaded.image(index)
            let explainer = loaded.explainer
            let banks = explainer.filters()
            guard !banks.isEmpty else { throw ExplainError.noConvolution(method: "filters") }
            let arch = loaded.architecture.rawValue
            var filters = Figure(title: "Filters of \(arch) (\(model.checkpoint!))",
                                 subtitle: "weights, each filter on its own scale ±max|w|: red positive, blue negative, white 0")
            for bank in banks {
                filters.addRow([ExplainFigures.filters(layer: bank.layer, weights: bank.weights,
                                                       outChannels: bank.outChannels, inChannels: bank.inChannels,
                                                       kernelHeight: bank.kernelHeight, kernelWidth: bank.kernelWidth)],
                               label: bank.layer)
            }
            filters.addRow([.colorBar(map: .diverging, min: -1, max: 1, label: "weight ÷ the filter's max|w|")])
            var paths = try filters.write(to: out, name: "filters-\(arch)", command: commandLine)

            let predicted = explainer.predictedClass(image)
            let names = loaded.test.classNames
            var maps = Figure(title: "Feature maps of test image \(index) (\(names[label])) in \(arch)",
                              subtitle: "every channel of every conv and pool layer; one shared viridis scale per layer, "
                                  + "blue–red where a layer has negative values (before its ReLU)")
            maps.addRow([.image(ExplainFigures.input(image, width: loaded.test.cols, height: loaded.test.rows),
                                caption: "input"),
                         .text("true: \(names[label])\npredicted: \(names[predicted])")], label: "input")
            for layer in try explainer.featureMaps(image) {
                maps.addRow(ExplainFigures.featureMapRow(kind: layer.kind, values: layer.values, channels: layer.channels,
                                                         height: layer.height, width: layer.width),
                            label: layer.layer)
            }
            paths += try maps.write(to: out, name: "feature-maps-\(index)", command: commandLine)
            for path in paths { print(path) }
        }
    }
}
