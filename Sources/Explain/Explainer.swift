import Foundation
import Datasets
import NN
import TensorGrad

/// Looks inside a trained `Sequential` network for one input at a time: layer outputs, gradients of a class score
/// with respect to the input or to any layer, and the saliency methods built on them (Explainer+Saliency.swift).
///
/// The *score* of a class is the network's output before a final log-softmax (the logit), as in the saliency
/// literature: log-probabilities couple every class, so their gradient mixes in the evidence for the others.
/// The model is run in evaluation mode (dropout off); its training mode and its parameters' `requiresGrad` flags
/// are restored after every call.
public struct Explainer {
    /// The network explained.
    public let model: Sequential
    /// One example's shape, [channels, height, width].
    public let imageShape: [Int]
    /// The input value of a black pixel (the Integrated Gradients baseline) under the data's normalisation.
    public let black: Float
    /// The input value of the occlusion patch: mid grey (pixel intensity 0.5).
    public let grey: Float
    /// Knobs of the saliency methods (defaults from issue 6).
    public var settings = SaliencySettings()

    /// An explainer for `model` on inputs of `imageShape` ([C, H, W]) normalised by `normalization`.
    public init(model: Sequential, imageShape: [Int], normalization: Normalization) {
        precondition(imageShape.count == 3, "Explainer: image shape must be [channels, height, width]")
        self.model = model
        self.imageShape = imageShape
        black = normalization.normalize(0)
        grey = normalization.normalize(128)
    }

    /// Pixels per channel (H·W) and values per image (C·H·W).
    public var pixels: Int { imageShape[1] * imageShape[2] }
    var valuesPerImage: Int { imageShape.reduce(1, *) }

    /// The layers that compute the class scores: every layer but a trailing log-softmax.
    var scoreLayers: ArraySlice<(name: String, module: any Module)> {
        if let last = model.layers.last, let activation = last.module as? Activation,
           activation.function == .logSoftmax {
            return model.layers.dropLast()
        }
        return model.layers[...]
    }

    /// Number of classes the model scores.
    public var classCount: Int { model.outputShape(for: [1] + imageShape).last ?? 0 }

    /// Throws unless `image` holds one example of `imageShape`.
    public func check(_ image: [Float]) throws {
        guard image.count == valuesPerImage else { throw ExplainError.imageSize(found: image.count, expected: imageShape) }
    }

    /// Throws unless `target` is a class of the model.
    public func check(target: Int) throws {
        guard (0..<classCount).contains(target) else { throw ExplainError.classOutOfRange(index: target, classes: classCount) }
    }

    // MARK: - Running the model

    /// Runs `body` in evaluation mode with the parameters' gradients switched off (only the input's and the
    /// layers' gradients are computed), restoring both afterwards.
    func inEvaluation<R>(_ body: () throws -> R) rethrows -> R {
        let wasTraining = model.isTraining
        let parameters = model.parameters
        let flags = parameters.map(\.requiresGrad)
        model.eval()
        for p in parameters { p.requiresGrad = false }
        defer {
            model.isTraining = wasTraining
            for (p, flag) in zip(parameters, flags) { p.requiresGrad = flag }
        }
        return try body()
    }

    /// The score layers' outputs for `x`, in order (the last is the scores).
    func layerOutputs(_ x: Tensor<Float>) -> [Tensor<Float>] {
        var outputs: [Tensor<Float>] = []
        var y = x
        for layer in scoreLayers {
            y = layer.module.forward(y)
            outputs.append(y)
        }
        return outputs
    }

    /// A batch tensor of `count` images stacked in `images`.
    func batch(_ images: [Float], count: Int, requiresGrad: Bool) -> Tensor<Float> {
        Tensor(shape: Shape([count] + imageShape), scalars: images, requiresGrad: requiresGrad)
    }

    /// Class scores of `count` stacked images, [count][classes] flattened row-major.
    public func scores(_ images: [Float], count: Int) -> [Float] {
        inEvaluation { withNoGrad { layerOutputs(batch(images, count: count, requiresGrad: false)).last!.scalars } }
    }

    /// Class probabilities (softmax of the scores) of one image.
    public func probabilities(_ image: [Float]) -> [Double] {
        let s = scores(image, count: 1).map(Double.init)
        let m = s.max() ?? 0
        let e = s.map { Double.exp($0 - m) }
        let total = e.reduce(0, +)
        return e.map { $0 / total }
    }

    /// The class with the highest score for `image`.
    public func predictedClass(_ image: [Float]) -> Int {
        let s = scores(image, count: 1)
        return s.indices.max { s[$0] < s[$1] } ?? 0
    }

    /// ∂score[target]/∂input for each of `count` stacked images (row-major like `images`), and each image's score.
    func inputGradients(_ images: [Float], count: Int, target: Int) -> (gradients: [Float], scores: [Float]) {
        inEvaluation {
            let x = batch(images, count: count, requiresGrad: true)
            let scores = layerOutputs(x).last!
            scores.slice(axis: 1, target..<(target + 1)).sum().backward()
            let column = scores.scalars.enumerated().filter { $0.offset % classCount == target }.map(\.element)
            return (x.grad?.scalars ?? [Float](repeating: 0, count: images.count), column)
        }
    }
}

/// The two Grad-CAMs: the published definition and the variant the project first shipped.
public enum GradCAMVariant: String, CaseIterable, Sendable, Codable {
    /// Selvaraju et al. 2017: ReLU(Σₖ αₖ Aₖ) on the last convolution layer's output, upsampled bilinearly to the
    /// input (half-pixel centres, as `F.interpolate(mode="bilinear", align_corners=False)`).
    case standard
    /// ReLU(Σₖ αₖ ReLU(Aₖ)), each map cell placed at the centre of its receptive field before bilinear resampling:
    /// a negative (absent) feature times a negative weight no longer counts as evidence for the class.
    case rectified

    /// One line for help texts and lessons.
    public var formula: String {
        switch self {
        case .standard: return "ReLU(Σ αₖ·Aₖ), bilinear upsampling (Selvaraju et al. 2017)"
        case .rectified: return "ReLU(Σ αₖ·ReLU(Aₖ)), cells placed at their receptive-field centres"
        }
    }
}

/// The settings of the six saliency methods (issue 6's defaults).
public struct SaliencySettings: Sendable, Equatable {
    /// SmoothGrad: noisy copies averaged, and the noise's standard deviation as a fraction of the input's range.
    public var smoothGradSamples = 50, smoothGradNoise: Float = 0.15
    /// Integrated Gradients: points on the straight path from the baseline (midpoint rule) to start with; `explain`
    /// doubles them until the completeness check holds or `integratedGradientsMaxSteps` is reached. (64 points
    /// missed completeness by 1.82 % on a weakly trained seed net, where 512 gave 0.002 %.)
    public var integratedGradientsSteps = 64
    /// Integrated Gradients: the most points the adaptive doubling may use.
    public var integratedGradientsMaxSteps = 2048
    /// Which Grad-CAM: the published one (default) or this project's earlier variant.
    public var gradCAMVariant = GradCAMVariant.standard
    /// Integrated Gradients passes its completeness check when |Σ attributions − (f(x) − f(baseline))| is at most
    /// this fraction of |f(x) − f(baseline)|.
    public var completenessTolerance = 0.01
    /// Occlusion: square window side and step, in pixels.
    public var occlusionWindow = 4, occlusionStride = 2
    /// Seed of SmoothGrad's noise.
    public var seed: UInt64 = 1

    /// The defaults.
    public init() {}
}
