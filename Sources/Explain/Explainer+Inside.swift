import NN
import TensorGrad

/// One layer's output for one input: `channels` maps of `height × width`.
public struct FeatureMaps: Sendable, Equatable {
    /// The layer's name (`"conv1"`) and what it is (`"Conv2d 1→10 5×5"`).
    public var layer: String, kind: String
    /// Output channels and map size.
    public var channels: Int, height: Int, width: Int
    /// `channels · height · width` activations, row-major.
    public var values: [Float]

    /// Channel `c`'s map, row-major.
    public func channel(_ c: Int) -> ArraySlice<Float> { values[(c * height * width)..<((c + 1) * height * width)] }
}

/// The weights of one convolution layer.
public struct FilterBank: Sendable, Equatable {
    /// The layer's name and description.
    public var layer: String, kind: String
    /// Weight shape [out channels, in channels, kernel height, kernel width].
    public var outChannels: Int, inChannels: Int, kernelHeight: Int, kernelWidth: Int
    /// The weights in that order.
    public var weights: [Float]
    /// One bias per output channel.
    public var bias: [Float]
}

extension Explainer {
    /// The outputs of every convolution and pooling layer for `image`, in layer order.
    public func featureMaps(_ image: [Float]) throws -> [FeatureMaps] {
        try check(image)
        let outputs = inEvaluation { withNoGrad { layerOutputs(batch(image, count: 1, requiresGrad: false)) } }
        return zip(scoreLayers, outputs).compactMap { layer, output in
            guard Self.isSpatial(layer.module), output.shape.rank == 4 else { return nil }
            return FeatureMaps(layer: layer.name, kind: layer.module.summary, channels: output.shape[1],
                               height: output.shape[2], width: output.shape[3], values: output.scalars)
        }
    }

    /// The weights of every convolution layer.
    public func filters() -> [FilterBank] {
        model.layers.compactMap { layer in
            guard let conv = layer.module as? Conv2d else { return nil }
            return FilterBank(layer: layer.name, kind: conv.summary, outChannels: conv.outChannels,
                              inChannels: conv.inChannels, kernelHeight: conv.kernelSize, kernelWidth: conv.kernelSize,
                              weights: conv.weight.scalars, bias: conv.bias?.scalars ?? [])
        }
    }

    /// Grad-CAM on the last convolution layer: channel weights αₖ = mean over positions of ∂score/∂Aₖ. The
    /// `.standard` map (default, Selvaraju et al.) is ReLU(Σₖ αₖ Aₖ) upsampled bilinearly with half-pixel centres;
    /// the `.rectified` variant is ReLU(Σₖ αₖ max(Aₖ, 0)) with each map cell placed at the centre of its receptive
    /// field (`receptiveField`), so a cell lights up the input pixels it actually looks at.
    public func gradCAM(_ image: [Float], target: Int) throws -> SaliencyMap {
        guard let last = scoreLayers.lastIndex(where: { $0.module is Conv2d }) else {
            throw ExplainError.noConvolution(method: "Grad-CAM")
        }
        let position = last - scoreLayers.startIndex
        let (a, g) = inEvaluation { () -> ([Float], [Float]) in
            let outputs = layerOutputs(batch(image, count: 1, requiresGrad: true))
            outputs.last!.slice(axis: 1, target..<(target + 1)).sum().backward()
            let activation = outputs[position]
            return (activation.scalars, activation.grad?.scalars ?? [Float](repeating: 0, count: activation.count))
        }
        let layers = Array(scoreLayers[...last])
        let convShape = layers.reduce([1] + imageShape) { $1.module.outputShape(for: $0) }
        let (k, h, w) = (convShape[1], convShape[2], convShape[3])
        var cam = [Float](repeating: 0, count: h * w)
        for channel in 0..<k {
            var alpha: Float = 0
            for i in 0..<(h * w) { alpha += g[channel * h * w + i] }
            alpha /= Float(h * w)
            let rectify = settings.gradCAMVariant == .rectified
            // Rectified variant: the seed net's ReLU comes after pooling (they commute), and a strongly negative
            // (absent) feature times a negative weight would otherwise count as evidence for the class.
            for i in 0..<(h * w) {
                let value = a[channel * h * w + i]
                cam[i] += alpha * (rectify ? Swift.max(0, value) : value)
            }
        }
        cam = cam.map { Swift.max(0, $0) }
        // Standard upsampling: output pixel x samples the map at (x + ½)/s − ½ with s = input size / map size.
        let field = settings.gradCAMVariant == .rectified
            ? Self.receptiveField(layers.map(\.module))
            : (scale: Float(imageShape[2]) / Float(w), offset: (Float(imageShape[2]) / Float(w) - 1) / 2)
        return SaliencyMap(method: .gradcam, width: imageShape[2], height: imageShape[1],
                           values: Self.resample(cam, width: w, height: h, toWidth: imageShape[2],
                                                 toHeight: imageShape[1], scale: field.scale, offset: field.offset))
    }

    /// Where output cell i of `layers` is centred in the input: at `scale · i + offset` pixels (conv and pool
    /// layers compose as input = stride · output + (kernel − 1)/2 − padding; others keep positions).
    static func receptiveField(_ layers: [any Module]) -> (scale: Float, offset: Float) {
        var scale: Float = 1, offset: Float = 0
        for module in layers {
            let step: (stride: Int, kernel: Int, padding: Int)?
            if let c = module as? Conv2d { step = (c.stride, c.kernelSize, c.padding) }
            else if let p = module as? MaxPool2d { step = (p.stride, p.kernelSize, 0) }
            else if let p = module as? AvgPool2d { step = (p.stride, p.kernelSize, 0) }
            else { step = nil }
            guard let step else { continue }
            // Composing input = s·mid + o with mid = stride·out + (k − 1)/2 − p.
            offset += scale * (Float(step.kernel - 1) / 2 - Float(step.padding))
            scale *= Float(step.stride)
        }
        return (scale, offset)
    }

    /// Bilinear resampling of a `width × height` map whose cell (i, j) sits at input pixel
    /// (`scale`·j + `offset`, `scale`·i + `offset`); pixels beyond the outer cells take the edge values.
    static func resample(_ values: [Float], width: Int, height: Int, toWidth: Int, toHeight: Int,
                         scale: Float, offset: Float) -> [Float] {
        var out = [Float](repeating: 0, count: toWidth * toHeight)
        for y in 0..<toHeight {
            let sy = Swift.min(Swift.max((Float(y) - offset) / scale, 0), Float(height - 1))
            let y0 = Int(sy), y1 = Swift.min(y0 + 1, height - 1), fy = sy - Float(y0)
            for x in 0..<toWidth {
                let sx = Swift.min(Swift.max((Float(x) - offset) / scale, 0), Float(width - 1))
                let x0 = Int(sx), x1 = Swift.min(x0 + 1, width - 1), fx = sx - Float(x0)
                let top = values[y0 * width + x0] * (1 - fx) + values[y0 * width + x1] * fx
                let bottom = values[y1 * width + x0] * (1 - fx) + values[y1 * width + x1] * fx
                out[y * toWidth + x] = top * (1 - fy) + bottom * fy
            }
        }
        return out
    }

    /// Convolution and pooling layers (their outputs are maps).
    static func isSpatial(_ module: any Module) -> Bool {
        module is Conv2d || module is MaxPool2d || module is AvgPool2d
    }
}
