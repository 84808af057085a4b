import Datasets
import Explain
import Groundwork
import Interchange
import NN
import Training

/// A trained model read from a checkpoint or an ONNX file, with the test set it is shown on: what `explain`,
/// `filters`, `graph` and `train --evaluate` (and later the explorer) look inside.
public struct TrainedModel {
    /// The network, in evaluation mode.
    public let model: Sequential
    /// Its architecture when it came from a checkpoint; nil for an imported ONNX model.
    public let architecture: Architecture?
    /// What figures and file names call it: the architecture's name, or the ONNX file's stem.
    public let name: String
    /// The checkpoint or ONNX file it came from.
    public let path: String
    /// The test set (`--data DIR`, else Fashion-MNIST).
    public let test: ImageDataset
    /// What importing an ONNX file did besides mapping nodes to layers (empty for checkpoints).
    public let notes: [String]

    /// Reads the checkpoint and the test set; errors name the file and what was expected.
    public init(checkpoint path: String, data: String? = nil, expectArchitecture: Architecture? = nil) throws {
        let loaded = try TrainedModel.network(model: path, expectArchitecture: expectArchitecture)
        (model, architecture, name, notes) = (loaded.model, loaded.architecture, loaded.name, loaded.notes)
        self.path = path
        test = try TrainedModel.testSet(data, for: name, inputShape: loaded.inputShape)
    }

    /// True when `path` names an ONNX file (by its extension) rather than a dlexplain checkpoint.
    public static func isONNX(_ path: String) -> Bool { path.lowercased().hasSuffix(".onnx") }

    /// The network in a checkpoint or an ONNX file (by extension), with its name and one example's input shape.
    /// An ONNX model must take the images of the data sets dlexplain reads: [1, 28, 28] or [784].
    public static func network(model path: String, expectArchitecture: Architecture? = nil) throws
        -> (model: Sequential, architecture: Architecture?, name: String, inputShape: [Int], notes: [String])
    {
        guard isONNX(path) else {
            let loaded = try Trainer.loadModel(from: path, expectArchitecture: expectArchitecture)
            return (loaded.model, loaded.architecture, loaded.architecture.rawValue, Architecture.imageShape, [])
        }
        let imported = try ONNXImport.load(path)
        let accepted = [Architecture.imageShape, [Architecture.imageShape.reduce(1, *)]]
        guard accepted.contains(imported.inputShape) else {
            throw ONNXError.invalidGraph(reason: "\(path) takes inputs of shape \(imported.inputShape); expected "
                + "[1, 28, 28] or [784] (one grey 28 × 28 image, as the data sets dlexplain reads)")
        }
        let model = imported.inputShape.count == 1
            ? Sequential([("flatten_input", Flatten())] + imported.model.layers) : imported.model
        model.eval()
        return (model, nil, PathText.stem(path), Architecture.imageShape, imported.notes)
    }

    /// The test set of `data` (nil: Fashion-MNIST), refused before any work unless its images have the size
    /// `architecture` takes — the one check `train --evaluate`, `explain`, `filters` and `graph` share.
    public static func testSet(_ data: String?, for architecture: Architecture) throws -> ImageDataset {
        try testSet(data, for: architecture.rawValue, inputShape: Architecture.imageShape)
    }

    /// The test set of `data` for a model called `name` taking one-channel images of `inputShape`.
    static func testSet(_ data: String?, for name: String, inputShape: [Int]) throws -> ImageDataset {
        let test = try ImageDataset.load(.test, from: data, imageSize: (inputShape[1], inputShape[2]),
                                         purpose: "the size \(name) takes")
        guard test.count > 0 else {
            throw DataError.invalidSplit(reason: "the test file holds no images; expected at least 1 to show the model on")
        }
        return test
    }

    /// A freshly initialised network of `architecture` (seed 1), for diagrams that need no weights.
    public static func untrained(_ architecture: Architecture) -> (model: Sequential, architecture: Architecture) {
        (architecture.makeModel(seed: 1, stream: RandomStream(seed: 1)), architecture)
    }

    /// Test image `index` (normalised values) and its label, or an error naming the valid range.
    public func image(_ index: Int) throws -> (values: [Float], label: Int) {
        guard index >= 0 && index < test.count else {
            throw ExplainError.indexOutOfRange(index: index, count: test.count, dataset: "test")
        }
        return (Array(test.image(at: index)), test.labels[index])
    }

    /// An explainer over the test set's normalisation.
    public var explainer: Explainer {
        Explainer(model: model, imageShape: test.imageShape, normalization: test.normalization)
    }

    /// The conv filters, and the feature maps of `input` at every conv and pool layer (`filters-<name>.*`,
    /// `feature-maps-<prefix>.*`); with `saveMaps`, every layer's feature maps as `.npy` in that folder.
    public func writeInside(_ input: ModelInput, saveMaps: String? = nil, to directory: String,
                            command: String) throws -> Outcome {
        let (image, label, subject, prefix) = try resolve(input)
        let explainer = explainer
        let banks = explainer.filters()
        guard !banks.isEmpty else { throw ExplainError.noConvolution(method: "filters") }
        let arch = name, names = test.classNames
        let trueClass = label.map { names[$0] } ?? "unknown"
        let filters = ModelFigures.filters(banks, title: "Filters of \(arch) (\(path))", language: .en)
        let featureMaps = try explainer.featureMaps(image)
        let maps = ModelFigures.featureMaps(
            featureMaps, image: image, width: test.cols, height: test.rows,
            trueClass: trueClass, predictedClass: names[explainer.predictedClass(image)],
            title: "Feature maps of \(subject)\(label.map { " (\(names[$0]))" } ?? "") in \(arch)", language: .en)
        var outcome = Outcome(files: try filters.write(to: directory, name: "filters-\(arch)", command: command)
            + maps.write(to: directory, name: "feature-maps-\(prefix)", command: command))
        if case .picture(let picture) = input {
            outcome.text.append("conversion: " + picture.steps)
            outcome.files += try ImageInputFigure.figure(picture).write(to: directory, name: "\(prefix)-input", command: command)
        }
        if let saveMaps {
            let saved = try TrainedModel.saveFeatureMaps(featureMaps, prefix: "feature-maps-\(prefix)", to: saveMaps)
            outcome.text.append("\(saved.count) layers' feature maps saved as float32 .npy [channels, height, width]")
            outcome.files += saved
        }
        return outcome
    }

    /// `writeInside(.test(index: index), …)`.
    public func writeInside(index: Int, to directory: String, command: String) throws -> Outcome {
        try writeInside(.test(index: index), to: directory, command: command)
    }
}
