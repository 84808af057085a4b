import Datasets
import Explain
import NN
import Training

/// A trained model read from a checkpoint, with the test set it is shown on: what `explain`, `filters` and
/// `graph` (and later the explorer) look inside.
public struct TrainedModel {
    /// The network, in evaluation mode.
    public let model: Sequential
    /// Its architecture, as the checkpoint names it.
    public let architecture: Architecture
    /// The checkpoint file it came from.
    public let path: String
    /// The test set (`--data DIR`, else Fashion-MNIST).
    public let test: ImageDataset

    /// Reads the checkpoint and the test set; errors name the file and what was expected.
    public init(checkpoint path: String, data: String? = nil, expectArchitecture: Architecture? = nil) throws {
        (model, architecture, _) = try Trainer.loadModel(from: path, expectArchitecture: expectArchitecture)
        self.path = path
        test = try TrainedModel.testSet(data, for: architecture)
    }

    /// The test set of `data` (nil: Fashion-MNIST), refused before any work unless its images have the size
    /// `architecture` takes — the one check `train --evaluate`, `explain`, `filters` and `graph` share.
    public static func testSet(_ data: String?, for architecture: Architecture) throws -> ImageDataset {
        let test = try ImageDataset.load(.test, from: data, imageSize: Architecture.imageSize,
                                         purpose: "the size \(architecture.rawValue) takes")
        guard test.count > 0 else {
            throw DataError.invalidSplit(reason: "the test file holds no images; expected at least 1 to show the model on")
        }
        return test
    }

    /// Only the network and architecture of a checkpoint (no test set), checked against `expectArchitecture`.
    public static func network(checkpoint path: String, expectArchitecture: Architecture? = nil) throws
        -> (model: Sequential, architecture: Architecture)
    {
        let loaded = try Trainer.loadModel(from: path, expectArchitecture: expectArchitecture)
        return (loaded.model, loaded.architecture)
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

    /// The conv filters, and the feature maps of test image `index` at every conv and pool layer
    /// (`filters-<arch>.*`, `feature-maps-<index>.*`).
    public func writeInside(index: Int, to directory: String, command: String) throws -> Outcome {
        let (image, label) = try image(index)
        let explainer = explainer
        let banks = explainer.filters()
        guard !banks.isEmpty else { throw ExplainError.noConvolution(method: "filters") }
        let arch = architecture.rawValue, names = test.classNames
        let filters = ModelFigures.filters(banks, title: "Filters of \(arch) (\(path))", language: .en)
        let maps = ModelFigures.featureMaps(
            try explainer.featureMaps(image), image: image, width: test.cols, height: test.rows,
            trueClass: names[label], predictedClass: names[explainer.predictedClass(image)],
            title: "Feature maps of test image \(index) (\(names[label])) in \(arch)", language: .en)
        let files = try filters.write(to: directory, name: "filters-\(arch)", command: command)
            + maps.write(to: directory, name: "feature-maps-\(index)", command: command)
        return Outcome(files: files)
    }
}
