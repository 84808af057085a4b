import Datasets
import Explain
import Foundation
import Groundwork
import NN
import TensorGrad
import Training

/// The numbers behind the pictures, written as NumPy `.npy` files a learner loads with `numpy.load`: the test
/// set's logits (`train --evaluate --save-logits`), every saliency map with a CSV index (`explain --save-maps`),
/// every feature map (`filters --save-maps`).
extension TrainedModel {
    /// The network without a trailing log-softmax: its outputs are the class scores (logits), the quantity the
    /// saliency methods differentiate.
    public var scoreNetwork: Sequential {
        if let last = model.layers.last?.module as? Activation, last.function == .logSoftmax {
            return Sequential(Array(model.layers.dropLast()))
        }
        return model
    }

    /// The logits of every test image, [count, classes] row-major, computed in batches of `batchSize`.
    public func testLogits(batchSize: Int = 500) -> (values: [Float], classes: Int) {
        let network = scoreNetwork
        network.eval()
        var values: [Float] = []
        var classes = 0
        var start = 0
        while start < test.count {
            let n = min(batchSize, test.count - start)
            let x = Tensor<Float>(shape: Shape([n] + test.imageShape),
                                  scalars: Array(test.images[(start * test.pixelsPerImage)..<((start + n) * test.pixelsPerImage)]))
            let y = withNoGrad { network.forward(x) }
            classes = y.shape[1]
            values += y.withUnsafeBufferPointer(Array.init)
            start += n
        }
        return (values, classes)
    }

    /// The test-set results of the checkpoint or ONNX model at `path` (`train --evaluate`), and with `saveLogits`
    /// the logits as a [count, classes] `.npy` file. The loss is the cross-entropy of the logits, so a model that
    /// ends without log-softmax (most ONNX exports) gets the same loss as one that ends with it.
    public static func evaluate(model path: String, data: String?, saveLogits: String?) throws -> Outcome {
        let trained = try TrainedModel(checkpoint: path, data: data)
        let network = Sequential(Array(trained.scoreNetwork.layers) + [("log_softmax", LogSoftmax())])
        var header = "ONNX model \(path): \(trained.model.layers.count) layers, \(trained.model.parameterCount) "
            + "parameters" + trained.notes.map { " · " + $0 }.joined()
        if !isONNX(path) {
            let epoch = try Trainer.loadModel(from: path).checkpoint.epoch
            header = "checkpoint \(path): \(trained.name), epoch \(epoch)"
        }
        var text = [header]
        text.append(TrainingRuns.results(Trainer.evaluate(network, on: trained.test)))
        var files: [String] = []
        if let saveLogits {
            let (values, classes) = trained.testLogits()
            try NumPyFile.write(values, shape: [trained.test.count, classes], to: saveLogits)
            text.append("logits of the \(trained.test.count) test images written as float32 [\(trained.test.count), "
                + "\(classes)]: numpy.load(\"\(saveLogits)\")")
            files.append(saveLogits)
        }
        return Outcome(text: text, files: files)
    }

    /// Every map of `e` as `<prefix>-<method>.npy` ([height, width], float32) in `directory`, and
    /// `<prefix>-maps.csv` with one row per map: file, method, target class, its score (logit), sum, min, max.
    static func saveMaps(_ e: Explanation, score: Float, className: String, prefix: String,
                         to directory: String) throws -> [String] {
        var csv = "file,method,target_class,target_name,score,sum,min,max\n"
        var files: [String] = []
        for map in e.maps {
            let name = "\(prefix)-\(map.method.rawValue).npy"
            try NumPyFile.write(map.values, shape: [map.height, map.width], to: PathText.join(directory, name))
            files.append(PathText.join(directory, name))
            let sum = map.values.reduce(0.0) { $0 + Double($1) }
            csv += "\(name),\(map.method.rawValue),\(e.target),\(className),\(score),\(sum),"
                + "\(map.values.min() ?? 0),\(map.values.max() ?? 0)\n"
        }
        let index = PathText.join(directory, "\(prefix)-maps.csv")
        try AtomicFile.write(csv, to: index)
        return files + [index]
    }

    /// Every conv and pool layer's feature maps as `<prefix>-<layer>.npy` ([channels, height, width]).
    static func saveFeatureMaps(_ maps: [FeatureMaps], prefix: String, to directory: String) throws -> [String] {
        try maps.map { layer in
            let path = PathText.join(directory, "\(prefix)-\(layer.layer).npy")
            try NumPyFile.write(layer.values, shape: [layer.channels, layer.height, layer.width], to: path)
            return path
        }
    }
}
