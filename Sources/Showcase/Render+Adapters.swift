import Explain
import NN
import Render

// The bridges from engine-side values to Render's engine-free ones, in one place: Render never imports an
// engine, so the layer above both (Lessons, used by the CLI too) converts.

extension ArchitectureDiagram {
    /// The diagram of an NN architecture description.
    public init(_ d: ArchitectureDescription) {
        self.init(name: d.name, inputShape: d.inputShape, layers: d.layers.map {
            Layer(name: $0.name, kind: $0.kind, outputShape: $0.outputShape, parameterCount: $0.parameterCount)
        })
    }
}

extension HeatTile {
    /// A saliency map as a figure tile.
    public init(_ map: SaliencyMap, title: String? = nil, language: Language = .en) {
        self.init(title: title ?? map.method.title(language), values: map.values, width: map.width, height: map.height,
                  signed: map.method.isSigned)
    }
}

extension SaliencyMethod {
    /// The method's name in `language`: the one table of saliency method names for figures and lessons.
    public func title(_ language: Language) -> String {
        guard language == .zh else { return title }
        switch self {
        case .saliency: return "梯度 |∂s/∂x|"
        case .gradxinput: return "梯度 × 输入"
        case .smoothgrad: return "SmoothGrad"
        case .ig: return "积分梯度"
        case .gradcam: return "Grad-CAM"
        case .occlusion: return "遮挡"
        }
    }
}
