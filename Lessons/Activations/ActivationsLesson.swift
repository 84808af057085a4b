import Foundation
import Render
import ScalarGrad
import TensorGrad

/// Lesson 2: ReLU, LeakyReLU, sigmoid and tanh with their derivatives (computed by backward through the tensor
/// engine), and how much gradient survives a chain of ten layers of each (scalar engine).
struct ActivationsLesson: Lesson {
    static let name = "activations"
    static let summary: [Language: String] = [
        .en: "ReLU, LeakyReLU, sigmoid, tanh and their derivatives; how much gradient survives 10 layers",
        .zh: "ReLU、LeakyReLU、sigmoid、tanh 及其导数；梯度穿过 10 层之后还剩多少",
    ]

    /// LeakyReLU's slope for negative inputs: 0.1 rather than the usual 0.01 so the plot shows it.
    static let leakySlope = 0.1
    /// The plotted interval.
    static let range = -5.0...5.0
    /// Layers in the saturation chain.
    static let layers = 10
    /// The chain's input.
    static let chainInput = 1.0

    /// The four activations, applied by the tensor engine: its activation ops (`TensorOp.activations`), by name.
    enum Curve: String, CaseIterable {
        case relu, leakyRelu, sigmoid, tanh

        /// The engine op (every case is one, by name: the lesson tests run each).
        var op: TensorOp { TensorOp(rawValue: rawValue)! }

        /// `ReLU`, `LeakyReLU`, `sigmoid`, `tanh`: the op's display name.
        var name: String { op.displayName }

        func apply(_ x: Tensor<Double>) -> Tensor<Double> { x.applying(op, slope: ActivationsLesson.leakySlope) }
    }

    /// φ(x) and φ′(x) at every x: forward, then backward of Σφ(x), whose gradient is φ′ elementwise.
    static func curve(_ curve: Curve, at xs: [Double]) -> (y: [Double], dy: [Double]) {
        let x = Tensor<Double>(shape: [xs.count], scalars: xs, requiresGrad: true)
        let y = curve.apply(x)
        y.sum().backward()
        return (y.scalars, x.grad!.scalars)
    }

    /// The three chained activations of the saturation experiment: scalar-engine function ops, by name.
    enum Chain: String, CaseIterable {
        case sigmoid, tanh, relu

        /// The engine op (every case is one, by name: the lesson tests run each).
        var operation: Value.Operation { Value.Operation(function: rawValue)! }

        /// `sigmoid`, `tanh`, `ReLU`: the op's display name.
        var name: String { operation.displayName }

        func apply(_ v: Value) -> Value { v.applying(operation) }

        /// φ′ written in closed form, to check the engine's product of local derivatives.
        func derivative(_ x: Double) -> Double {
            switch self {
            case .sigmoid:
                let s = 1 / (1 + Foundation.exp(-x))
                return s * (1 - s)
            case .tanh:
                let t = Foundation.tanh(x)
                return 1 - t * t
            case .relu:
                return x > 0 ? 1 : 0
            }
        }
    }

    /// h₀ = x, hₖ = φ(hₖ₋₁) for k = 1…layers; returns every h (h₀ first).
    static func chain(_ chain: Chain, from x: Value) -> [Value] {
        var hs = [x]
        for _ in 0..<layers { hs.append(chain.apply(hs[hs.count - 1])) }
        return hs
    }

    func run(_ context: LessonContext) throws {
        // MARK: The four functions and their derivatives
        let samples = context.quick ? 101 : 401
        let xs = (0..<samples).map {
            Self.range.lowerBound + (Self.range.upperBound - Self.range.lowerBound) * Double($0) / Double(samples - 1)
        }
        var functionSeries: [Series] = [], derivativeSeries: [Series] = []
        var derivatives: [Curve: [Double]] = [:]
        for curve in Curve.allCases {
            let (y, dy) = Self.curve(curve, at: xs)
            derivatives[curve] = dy
            // LeakyReLU dashed: for x > 0 it lies exactly on ReLU, which must stay visible underneath.
            let dashed = curve == .leakyRelu
            let colour = Palette.color(function: curve.rawValue)
            functionSeries.append(Series(curve.name, x: xs, y: y, color: colour, dashed: dashed))
            derivativeSeries.append(Series(curve.name + "′", x: xs, y: dy, color: colour, dashed: dashed))
        }
        let chartRange = Self.range
        try context.write(LineChart(title: context.zh ? "激活函数 φ(x)" : "Activation functions φ(x)", xLabel: "x",
                                    yLabel: "φ(x)", series: functionSeries, xRange: chartRange, yRange: -1.5...3.0,
                                    showZeroLines: true), name: "activations")
        try context.write(LineChart(title: context.zh ? "激活函数的导数 φ′(x)（由反向传播算出）"
                                              : "Their derivatives φ′(x), computed by backpropagation",
                                    xLabel: "x", yLabel: "φ′(x)", series: derivativeSeries, xRange: chartRange,
                                    yRange: -0.1...1.2, showZeroLines: true), name: "derivatives")

        // Key numbers read off the computed derivatives.
        let sigmoidMax = derivatives[.sigmoid]!.max()!, tanhMax = derivatives[.tanh]!.max()!
        let probe = 4.0
        let atProbe = Curve.allCases.map { Self.curve($0, at: [probe, -probe]) }
        let derivativeRows = zip(Curve.allCases, atProbe).map { curve, values -> [String] in
            [curve.name, fmt(derivatives[curve]!.max()!), fmt(values.dy[0]), fmt(values.dy[1])]
        }
        let derivativeTable = Table(
            header: [context.zh ? "激活函数" : "activation", context.zh ? "φ′ 的最大值" : "largest φ′",
                     "φ′(\(fmt(probe, digits: 0)))", "φ′(\(fmt(-probe, digits: 0)))"],
            rows: derivativeRows, alignments: [.left, .right, .right, .right])
        try context.say("intro")
        try context.say("functions", [
            "activations": context.file(named: "activations.png"),
            "derivatives": context.file(named: "derivatives.png"),
            "slope": fmt(Self.leakySlope, digits: 2), "table": indented(derivativeTable),
            "probe": fmt(probe, digits: 0), "sig_max": fmt(sigmoidMax), "tanh_max": fmt(tanhMax),
            "sig_probe": fmt(atProbe[2].dy[0]), "ratio": fmt(sigmoidMax / atProbe[2].dy[0], digits: 0),
        ])
        for (curve, values) in zip(Curve.allCases, atProbe) {
            for (index, x) in [probe, -probe].enumerated() {
                let f = { (v: Double) in Self.curve(curve, at: [v]).y[0] }
                context.check(name: "\(curve.name)′(\(fmt(x, digits: 0)))", shown: values.dy[index],
                              expected: centralDifference(f, at: x))
            }
        }
        context.check(SelfCheckRow(name: context.zh ? "sigmoid′ 最大值 = 1/4" : "max sigmoid′ = 1/4", shown: sigmoidMax,
                                   expected: 0.25, atol: 1e-12, rtol: 0))
        context.check(SelfCheckRow(name: context.zh ? "tanh′ 最大值 = 1" : "max tanh′ = 1", shown: tanhMax, expected: 1,
                                   atol: 1e-12, rtol: 0))

        // MARK: Saturation: backward through ten layers of each
        var gradients: [Chain: [Double]] = [:]   // index d: ∂h_L/∂h_{L−d}
        for chain in Chain.allCases {
            let hs = Self.chain(chain, from: Value(Self.chainInput, label: "x"))
            hs[Self.layers].backward()
            gradients[chain] = (0...Self.layers).map { hs[Self.layers - $0].grad }
            // Closed form: the product of φ′ at each layer's input, from the top down to depth d.
            var product = 1.0, worst = 0.0
            for d in 0...Self.layers {
                if d > 0 { product *= chain.derivative(hs[Self.layers - d].data) }
                let shown = gradients[chain]![d]
                worst = max(worst, product == 0 ? abs(shown) : abs(shown - product) / abs(product))
            }
            context.check(SelfCheckRow(name: context.zh ? "\(chain.name)：各层梯度 vs Πφ′（最大相对差）"
                                                : "\(chain.name): every depth vs Π φ′ (max rel. diff)",
                                       shown: worst, expected: 0, atol: 1e-12, rtol: 0))
            // The whole chain's derivative against a central difference (ε = 1e-4 keeps rounding tiny
            // relative to a derivative of order 1e-7).
            let f = { (x: Double) in Self.chain(chain, from: Value(x)).last!.data }
            let numeric = centralDifference(f, at: Self.chainInput, epsilon: 1e-4)
            // Shown per million so the self-check table's six decimals keep the sigmoid's tiny value readable.
            context.check(SelfCheckRow(name: "\(chain.name): ∂h\(Self.layers)/∂x × 10⁶",
                                       shown: 1e6 * gradients[chain]![Self.layers], expected: 1e6 * numeric,
                                       atol: 1e-8, rtol: 1e-5))
        }
        let depthRows = (0...Self.layers).map { d -> [String] in
            ["\(d)"] + Chain.allCases.flatMap { chain -> [String] in
                let g = gradients[chain]![d]
                return [String(format: "%.3e", g), g > 0 ? fmt(log10(g), digits: 2) : "−∞"]
            }
        }
        let depthTable = Table(
            header: [context.zh ? "回传层数 d" : "layers back d"] + Chain.allCases.flatMap { [$0.name, "log₁₀"] },
            rows: depthRows, alignments: [.right] + Array(repeating: .right, count: 6))
        let depths = (0...Self.layers).map(Double.init)
        try context.write(LineChart(
            title: context.zh ? "梯度穿过 \(Self.layers) 层激活函数后还剩多少" : "Gradient surviving \(Self.layers) layers",
            xLabel: context.zh ? "回传经过的层数 d" : "layers the gradient has passed back through, d",
            yLabel: context.zh ? "log₁₀ 梯度" : "log₁₀ gradient",
            series: Chain.allCases.map { chain in
                Series(chain.name, x: depths, y: gradients[chain]!.map { log10($0) }, color: Palette.color(function: chain.rawValue),
                       markers: true)
            } + [Series("0.25ᵈ", x: depths, y: depths.map { $0 * log10(0.25) }, color: Palette.color(7),
                        dashed: true)],
            xRange: 0...Double(Self.layers),
            yRange: (Foundation.floor(log10(gradients[.sigmoid]!.last!)) - 0.5)...0.5), name: "saturation")

        let bound = pow(0.25, Double(Self.layers))
        let sig = gradients[.sigmoid]![Self.layers], tanh = gradients[.tanh]![Self.layers]
        let sigmoidGradients = gradients[.sigmoid]!
        let factors = (1...Self.layers).map { sigmoidGradients[$0] / sigmoidGradients[$0 - 1] }
        let deadInput = -Self.chainInput
        let dead = Self.chain(.relu, from: Value(deadInput))
        dead[Self.layers].backward()
        context.check(name: "ReLU: ∂h\(Self.layers)/∂x at x = \(fmt(deadInput, digits: 1))",
                      shown: dead[0].grad, expected: centralDifference(
                       { Self.chain(.relu, from: Value($0)).last!.data }, at: deadInput))
        let saturationValues = [
            "layers": "\(Self.layers)", "x": fmt(Self.chainInput, digits: 1), "table": indented(depthTable),
            "chart": context.file(named: "saturation.png"),
            "sig": String(format: "%.3e", sig), "tanh": String(format: "%.3e", tanh),
            "relu": fmt(gradients[.relu]![Self.layers]), "quarter": fmt(0.25, digits: 2),
            "bound": String(format: "%.3e", bound), "sig_ratio": fmt(bound / sig, digits: 1),
            "factor_min": fmt(factors.min()!), "factor_max": fmt(factors.max()!),
            "dead_x": fmt(deadInput, digits: 1), "dead": fmt(dead[0].grad),
        ]
        try context.say("saturation", saturationValues)
        try context.say("correction", saturationValues)
        try context.say("check")
    }
}
