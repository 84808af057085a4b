import Datasets
import Foundation
import Render
import TensorGrad

extension ForwardLesson {
    /// Architecture DOT (docs/ARCHITECTURE.md §4): one record per layer (name | output shape | parameters), edges labelled
    /// with the tensor shapes flowing along them, the total parameter count in the graph label.
    static func architectureDOT(_ parameters: Parameters, points: Int, zh: Bool) -> String {
        let h = hidden
        let p1 = parameters.w1.count + parameters.b1.count, p2 = parameters.w2.count + parameters.b2.count
        let words = zh ? (input: "输入 X", params: "个参数", linear: "全连接层", total: "")
                       : (input: "input X", params: "parameters", linear: "Linear", total: "parameters in total")
        let layers: [(name: String, shape: [Int], parameters: String)] = [
            (words.input, [points, 2], "0 \(words.params)"),
            ("\(words.linear) 2 → \(h)\\nz₁ = X·W₁ + b₁", [points, h],
             "W₁ 2×\(h) + b₁ \(h) = \(p1) \(words.params)"),
            ("ReLU", [points, h], "0 \(words.params)"),
            ("\(words.linear) \(h) → 1\\nz₂ = a₁·W₂ + b₂", [points, 1],
             "W₂ \(h)×1 + b₂ 1 = \(p2) \(words.params)"),
            ("sigmoid σ", [points, 1], "0 \(words.params)"),
        ]
        let title = zh ? "二分类网络 2 → \(h) → 1：共 \(p1 + p2) 个参数"
                       : "Classifier 2 → \(h) → 1: \(p1 + p2) \(words.total)"
        var dot = """
            digraph architecture {
              graph [rankdir=TB, fontname="\(PictureOutput.fontName)", fontsize=14, labelloc=t, label="\(title)",
                     nodesep=0.3, ranksep=0.45, pad=0.2, bgcolor=white];
              node [shape=record, style="rounded,filled", fillcolor="#eef3fb", color="#4a6fa5",
                    fontname="\(PictureOutput.fontName)", fontsize=11];
              edge [fontname="\(PictureOutput.fontName)", fontsize=10, color="#555555"];

            """
        for (i, layer) in layers.enumerated() {
            let fill = layer.parameters.hasPrefix("0") ? "#f4f4f4" : "#eef3fb"
            dot += "  l\(i) [fillcolor=\"\(fill)\", label=\"\(layer.name) | \(NumberFormat.shape(layer.shape))"
                + " | \(layer.parameters)\"];\n"
        }
        for i in 1..<layers.count {
            dot += "  l\(i - 1) -> l\(i) [label=\"[\(layers[i - 1].shape.map(String.init).joined(separator: ", "))]\"];\n"
        }
        return dot + "}\n"
    }

    /// The untrained network's P(class 1) over a box around the points, computed in one batch.
    static func boundary(_ parameters: Parameters, data: PointSet, resolution: Int, zh: Bool) -> DecisionBoundaryPlot {
        let xs = data.xs, ys = data.ys
        let padX = (xs.max()! - xs.min()!) * 0.1, padY = (ys.max()! - ys.min()!) * 0.1
        let xRange = (xs.min()! - padX)...(xs.max()! + padX), yRange = (ys.min()! - padY)...(ys.max()! + padY)
        var grid: [Double] = []
        grid.reserveCapacity(resolution * resolution * 2)
        for r in 0..<resolution {
            let y = yRange.lowerBound + (yRange.upperBound - yRange.lowerBound) * Double(r) / Double(resolution - 1)
            for c in 0..<resolution {
                grid.append(xRange.lowerBound + (xRange.upperBound - xRange.lowerBound) * Double(c) / Double(resolution - 1))
                grid.append(y)
            }
        }
        let probabilities = withNoGrad {
            parameters.output(Tensor<Double>(shape: [resolution * resolution, 2], scalars: grid)).scalars
        }
        var plot = DecisionBoundaryPlot(
            title: zh ? "未训练网络的决策边界（\(data.count) 个点）" : "Untrained network: decision boundary on \(data.count) points",
            x: xs, y: ys, labels: data.labels, classNames: zh ? ["类别 0", "类别 1"] : ["class 0", "class 1"],
            probability: Grid2D(columns: resolution, rows: resolution, xRange: xRange, yRange: yRange,
                                values: probabilities))
        plot.boundaryLabel = zh ? "边界 P = 0.5" : "boundary P = 0.5"
        return plot
    }
}
