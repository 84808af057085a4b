/// The six saliency methods of issue 6.
public enum SaliencyMethod: String, CaseIterable, Sendable, Codable {
    /// Vanilla gradient |∂score/∂x| (Simonyan et al. 2014).
    case saliency
    /// Gradient × input, signed.
    case gradxinput
    /// SmoothGrad: |∂score/∂x| averaged over noisy copies of the input (Smilkov et al. 2017).
    case smoothgrad
    /// Integrated Gradients from a black baseline (Sundararajan et al. 2017), signed.
    case ig
    /// Grad-CAM on the last convolution layer, upsampled to the input (Selvaraju et al. 2017).
    case gradcam
    /// Occlusion: the drop of the class score when a grey window covers each place (Zeiler & Fergus 2014), signed.
    case occlusion

    /// A short title for figures and tables.
    public var title: String {
        switch self {
        case .saliency: return "Gradient |∂s/∂x|"
        case .gradxinput: return "Gradient × input"
        case .smoothgrad: return "SmoothGrad"
        case .ig: return "Integrated Gradients"
        case .gradcam: return "Grad-CAM"
        case .occlusion: return "Occlusion"
        }
    }

    /// What the map's values are, for colour-bar labels.
    public var unit: String {
        switch self {
        case .saliency: return "|∂score/∂pixel|"
        case .gradxinput: return "∂score/∂pixel × pixel"
        case .smoothgrad: return "mean |∂score/∂pixel| (n noisy copies)"
        case .ig: return "attribution (score units)"
        case .gradcam: return "class activation (ReLU, upsampled)"
        case .occlusion: return "score drop when covered"
        }
    }

    /// Whether the map has a sign (drawn diverging) or is a magnitude (drawn with viridis).
    public var isSigned: Bool { self == .gradxinput || self == .ig || self == .occlusion }
}

/// One saliency map: a value per input pixel (channels combined), row-major `height × width`.
public struct SaliencyMap: Sendable, Equatable {
    /// Which method made it.
    public var method: SaliencyMethod
    /// Size in pixels (the input's).
    public var width: Int, height: Int
    /// `width · height` values, row-major.
    public var values: [Float]

    /// A map; `values.count` must be `width · height`.
    public init(method: SaliencyMethod, width: Int, height: Int, values: [Float]) {
        precondition(values.count == width * height, "SaliencyMap: \(values.count) values for \(width)×\(height)")
        (self.method, self.width, self.height, self.values) = (method, width, height, values)
    }

    /// The largest |value| (0 for an all-zero map).
    public var maxMagnitude: Float { values.reduce(0) { Swift.max($0, Swift.abs($1)) } }
}

/// Integrated Gradients' completeness axiom checked numerically: the attributions sum to f(x) − f(baseline).
public struct CompletenessCheck: Sendable, Equatable {
    /// Σ attributions over every input value.
    public var attributionSum: Double
    /// f(x) − f(baseline) for the target class's score.
    public var scoreDifference: Double
    /// The tolerance the check was made with (a fraction of |f(x) − f(baseline)|).
    public var tolerance: Double
    /// Points on the path the attributions were computed with.
    public var steps: Int

    /// A check of `attributionSum` against `scoreDifference` made with `steps` points.
    public init(attributionSum: Double, scoreDifference: Double, tolerance: Double, steps: Int) {
        (self.attributionSum, self.scoreDifference, self.tolerance, self.steps)
            = (attributionSum, scoreDifference, tolerance, steps)
    }

    /// |sum − difference| / |difference| (the absolute error when the difference is 0).
    public var relativeError: Double {
        let gap = Swift.abs(attributionSum - scoreDifference)
        return Swift.abs(scoreDifference) > 1e-12 ? gap / Swift.abs(scoreDifference) : gap
    }

    /// Whether the relative error is within the tolerance.
    public var passed: Bool { relativeError <= tolerance }

    /// `"Σ attributions 4.1234 vs f(x) − f(black) 4.1301: error 0.16 % (tolerance 1 %, 64 steps) passed"`.
    public var summary: String {
        let f = { (v: Double) in String(format: "%.4f", v) }
        return "Σ attributions \(f(attributionSum)) vs f(x) − f(black) \(f(scoreDifference)): error "
            + String(format: "%.2f %%", relativeError * 100) + " (tolerance "
            + String(format: "%g %%", tolerance * 100) + ", \(steps) steps) " + (passed ? "passed" : "FAILED")
    }
}

/// Everything one explanation of one image produced.
public struct Explanation: Sendable {
    /// The class explained.
    public var target: Int
    /// The class the model predicts, and its softmax probabilities.
    public var predicted: Int, probabilities: [Double]
    /// One map per method asked for, in `SaliencyMethod` order.
    public var maps: [SaliencyMap]
    /// Integrated Gradients' completeness check (when IG was computed).
    public var completeness: CompletenessCheck?

    /// The map of `method`, if computed.
    public func map(_ method: SaliencyMethod) -> SaliencyMap? { maps.first { $0.method == method } }
}
