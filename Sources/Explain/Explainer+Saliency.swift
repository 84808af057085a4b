import Groundwork
import Datasets
import NN
import TensorGrad

extension Explainer {
    /// Explains `image` for class `target` (default: the predicted class) with `methods`.
    public func explain(_ image: [Float], target: Int? = nil,
                        methods: [SaliencyMethod] = SaliencyMethod.allCases) throws -> Explanation {
        try check(image)
        let predicted = predictedClass(image)
        let target = target ?? predicted
        try check(target: target)
        var maps: [SaliencyMap] = []
        var completeness: CompletenessCheck?
        for method in SaliencyMethod.allCases where methods.contains(method) {
            if method == .ig {
                let (map, check) = integratedGradients(image, target: target)
                maps.append(map)
                completeness = check
            } else {
                maps.append(try saliency(method, image, target: target))
            }
        }
        return Explanation(target: target, predicted: predicted, probabilities: probabilities(image), maps: maps,
                           completeness: completeness)
    }

    /// One method's map of `image` for class `target`.
    public func saliency(_ method: SaliencyMethod, _ image: [Float], target: Int) throws -> SaliencyMap {
        switch method {
        case .saliency: return vanillaGradient(image, target: target)
        case .gradxinput: return gradientTimesInput(image, target: target)
        case .smoothgrad: return smoothGrad(image, target: target)
        case .ig: return integratedGradients(image, target: target, adaptive: false).map
        case .gradcam: return try gradCAM(image, target: target)
        case .occlusion: return occlusion(image, target: target)
        }
    }

    /// |∂score/∂x|, the largest over channels at each pixel.
    public func vanillaGradient(_ image: [Float], target: Int) -> SaliencyMap {
        let g = inputGradients(image, count: 1, target: target).gradients
        return SaliencyMap(method: .saliency, width: imageShape[2], height: imageShape[1],
                           values: combineChannels(g.map(Swift.abs), by: max))
    }

    /// ∂score/∂x · x, summed over channels (signed: red pushes the score up, blue down).
    public func gradientTimesInput(_ image: [Float], target: Int) -> SaliencyMap {
        let g = inputGradients(image, count: 1, target: target).gradients
        return SaliencyMap(method: .gradxinput, width: imageShape[2], height: imageShape[1],
                           values: combineChannels(zip(g, image).map { $0 * $1 }, by: +))
    }

    /// SmoothGrad: the vanilla map averaged over `settings.smoothGradSamples` copies of the input with Gaussian
    /// noise of σ = `smoothGradNoise` × (max − min of the input), drawn from `settings.seed`. One batched pass.
    public func smoothGrad(_ image: [Float], target: Int) -> SaliencyMap {
        let n = settings.smoothGradSamples
        let sigma = Double(settings.smoothGradNoise) * Double((image.max() ?? 0) - (image.min() ?? 0))
        var generator = SeededGenerator(seed: settings.seed)
        var noisy = [Float](repeating: 0, count: n * image.count)
        for s in 0..<n {
            for i in image.indices { noisy[s * image.count + i] = image[i] + Float(sigma * generator.nextNormal()) }
        }
        let g = inputGradients(noisy, count: n, target: target).gradients
        var mean = [Float](repeating: 0, count: image.count)
        for s in 0..<n {
            for i in image.indices { mean[i] += Swift.abs(g[s * image.count + i]) / Float(n) }
        }
        return SaliencyMap(method: .smoothgrad, width: imageShape[2], height: imageShape[1],
                           values: combineChannels(mean, by: max))
    }

    /// Integrated Gradients from the all-black image x′: (x − x′) · mean over α of ∂score/∂x at x′ + α(x − x′),
    /// α at the midpoints of m equal steps, summed over channels; with the completeness check
    /// Σ attributions ≈ f(x) − f(x′). m starts at `settings.integratedGradientsSteps` and, when `adaptive`, doubles
    /// until the check holds or `settings.integratedGradientsMaxSteps` is reached; the check records the m used.
    /// (The sanity check calls it with `adaptive: false`: it compares rankings of maps, not their sums.)
    public func integratedGradients(_ image: [Float], target: Int,
                                    adaptive: Bool = true) -> (map: SaliencyMap, check: CompletenessCheck) {
        let ends = scores(image + [Float](repeating: black, count: image.count), count: 2)
        let difference = Double(ends[target]) - Double(ends[classCount + target])
        var m = Swift.max(1, settings.integratedGradientsSteps)
        while true {
            let attribution = integratedGradients(image, target: target, steps: m)
            let check = CompletenessCheck(attributionSum: attribution.reduce(0) { $0 + Double($1) },
                                          scoreDifference: difference, tolerance: settings.completenessTolerance,
                                          steps: m)
            if !adaptive || check.passed || m * 2 > settings.integratedGradientsMaxSteps {
                let map = SaliencyMap(method: .ig, width: imageShape[2], height: imageShape[1],
                                      values: combineChannels(attribution, by: +))
                return (map, check)
            }
            m *= 2
        }
    }

    /// IG attributions with `steps` midpoints, in batches of at most 128 path images (bounded memory).
    func integratedGradients(_ image: [Float], target: Int, steps m: Int) -> [Float] {
        var sums = [Double](repeating: 0, count: image.count)
        var start = 0
        while start < m {
            let count = Swift.min(128, m - start)
            var path = [Float](repeating: 0, count: count * image.count)
            for k in 0..<count {
                // Midpoint rule: second-order accurate where the score is smooth along the path.
                let alpha = (Float(start + k) + 0.5) / Float(m)
                for i in image.indices { path[k * image.count + i] = black + alpha * (image[i] - black) }
            }
            let g = inputGradients(path, count: count, target: target).gradients
            for k in 0..<count {
                for i in image.indices { sums[i] += Double(g[k * image.count + i]) }
            }
            start += count
        }
        return image.indices.map { Float(Double(image[$0] - black) * sums[$0] / Double(m)) }
    }

    /// Occlusion: slides a grey `occlusionWindow`² patch with step `occlusionStride` (all positions in one batch)
    /// and records f(x) − f(covered); each pixel gets the mean over the windows covering it.
    public func occlusion(_ image: [Float], target: Int) -> SaliencyMap {
        let (c, h, w) = (imageShape[0], imageShape[1], imageShape[2])
        let size = settings.occlusionWindow, step = settings.occlusionStride
        let ys = Array(stride(from: 0, through: Swift.max(0, h - size), by: step))
        let xs = Array(stride(from: 0, through: Swift.max(0, w - size), by: step))
        var covered = [Float](repeating: 0, count: ys.count * xs.count * image.count)
        for (a, y0) in ys.enumerated() {
            for (b, x0) in xs.enumerated() {
                let base = (a * xs.count + b) * image.count
                for i in image.indices { covered[base + i] = image[i] }
                for ch in 0..<c {
                    for y in y0..<Swift.min(h, y0 + size) {
                        for x in x0..<Swift.min(w, x0 + size) { covered[base + (ch * h + y) * w + x] = grey }
                    }
                }
            }
        }
        let reference = scores(image, count: 1)[target]
        let s = scores(covered, count: ys.count * xs.count)
        var total = [Float](repeating: 0, count: h * w), hits = [Float](repeating: 0, count: h * w)
        for (a, y0) in ys.enumerated() {
            for (b, x0) in xs.enumerated() {
                let drop = reference - s[(a * xs.count + b) * classCount + target]
                for y in y0..<Swift.min(h, y0 + size) {
                    for x in x0..<Swift.min(w, x0 + size) { total[y * w + x] += drop; hits[y * w + x] += 1 }
                }
            }
        }
        return SaliencyMap(method: .occlusion, width: w, height: h,
                           values: zip(total, hits).map { $1 > 0 ? $0 / $1 : 0 })
    }

    /// Per-pixel combination over channels of a [C, H, W] array.
    func combineChannels(_ values: [Float], by combine: (Float, Float) -> Float) -> [Float] {
        let c = imageShape[0], n = pixels
        var out = Array(values[0..<n])
        for ch in 1..<Swift.max(c, 1) {
            for i in 0..<n { out[i] = combine(out[i], values[ch * n + i]) }
        }
        return out
    }
}
