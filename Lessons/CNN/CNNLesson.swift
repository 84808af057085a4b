import Datasets
import Explain
import Foundation
import NN
import Render
import Showcase
import TensorGrad

/// Convolutional networks: a convolution and a max pooling worked by hand on a 6×6 example (the engine's conv2d,
/// one element as a sum of products, the pooling winners, the kernel's gradient = the input patch), the seed net's
/// output sizes and parameter counts, then the trained net's filters and feature maps on a real image.
struct CNNLesson: Lesson {
    static let name = "cnn"
    static let summary: [Language: String] = [
        .en: "a convolution and max pooling by hand on 6×6; output sizes; a trained CNN's filters and feature maps",
        .zh: "在 6×6 上手算卷积和最大池化；输出尺寸；训练好的 CNN 的卷积核与特征图",
    ]

    func run(_ context: LessonContext) throws {
        try context.say("intro")

        // MARK: 1. Convolution by hand
        let hand = ConvByHand()
        let (r, c) = ConvByHand.element
        let n = ConvByHand.size, k = ConvByHand.kernelSize, o = ConvByHand.outSize
        let y = hand.y.scalars
        try context.write(HeatmapChart(
            title: context.zh ? "输入 X（\(n)×\(n)）：左暗右亮的竖直边缘" : "Input X (\(n)×\(n)): a vertical edge, dark left, bright right",
            matrix: ConvByHand.input, rowLabels: (0..<n).map(String.init), columnLabels: (0..<n).map(String.init),
            xLabel: context.zh ? "列" : "column", yLabel: context.zh ? "行" : "row", valueLabel: context.zh ? "像素值" : "pixel value"
        ), name: "cnn-input")
        try context.write(HeatmapChart(
            title: context.zh ? "卷积输出 Y = X ⋆ K（\(o)×\(o)），引擎的 conv2d" : "Convolution output Y = X ⋆ K (\(o)×\(o)), the engine's conv2d",
            matrix: y, rowLabels: (0..<o).map(String.init), columnLabels: (0..<o).map(String.init),
            xLabel: context.zh ? "列" : "column", yLabel: context.zh ? "行" : "row", valueLabel: context.zh ? "响应" : "response"
        ), name: "cnn-conv")
        try context.say("hand", [
            "n": "\(n)", "k": "\(k)", "o": "\(o)", "r": "\(r)", "c": "\(c)",
            "r2": "\(r + k - 1)", "c2": "\(c + k - 1)",
            "input": ConvByHand.grid(ConvByHand.input, side: n), "kernel": ConvByHand.grid(ConvByHand.kernel, side: k),
            "terms": hand.termByTerm, "y_rc": fmt(y[r * o + c], digits: 0),
            "output": ConvByHand.grid(y, side: o),
            "input_png": "cnn-input.png", "conv_png": "cnn-conv.png",
            "edge_value": fmt(y.max() ?? 0, digits: 0), "flat_value": fmt(y[0], digits: 0),
        ])
        context.check(name: "Y[\(r),\(c)] (conv2d vs Σ by hand)", shown: y[r * o + c],
                      expected: ConvByHand.byHand(r, c))
        context.check(name: "Y[\(o - 1),\(o - 2)] (conv2d vs Σ by hand)", shown: y[(o - 1) * o + o - 2],
                      expected: ConvByHand.byHand(o - 1, o - 2))

        // MARK: 2. Max pooling and its winners
        let windows = hand.poolingWindows
        let p = ConvByHand.pool
        let pooled = hand.pooled.scalars
        let poolRows = windows.map { w -> [String] in
            ["(\(w.window.0),\(w.window.1))", w.values.map { fmt($0, digits: 0) }.joined(separator: ", "),
             "Y[\(w.winner.0),\(w.winner.1)]", fmt(w.value, digits: 0)]
        }
        let marks = hand.winners.map { $0 != 0 }
        try context.say("pool", [
            "p": "\(p)", "o": "\(o)", "po": "\(o / p)",
            "pool_table": Table(header: context.zh ? ["窗口", "四个值", "胜者", "最大值"] : ["window", "four values", "winner", "max"],
                                rows: poolRows, alignments: [.left, .left, .left, .right]).render(),
            "pooled": ConvByHand.grid(pooled, side: o / p),
            "winners": ConvByHand.grid(y, side: o, mark: marks),
            "winner_count": "\(marks.filter { $0 }.count)", "cells": "\(o * o)",
        ])
        for (i, w) in windows.enumerated() {
            context.check(name: "maxpool (\(w.window.0),\(w.window.1)) vs max of window",
                          shown: pooled[i], expected: w.value)
        }
        context.check(name: "∂Σpool/∂Y = 1 at winners", shown: Double(marks.filter { $0 }.count),
                      expected: Double(windows.count))

        // MARK: 3. The gradient of one output element with respect to the kernel
        let patch = ConvByHand.patch(r, c)
        let gradRows = (0..<(k * k)).map { i -> [String] in
            let (u, v) = (i / k, i % k)
            return ["K[\(u),\(v)]", fmt(hand.kernelGradient[i], digits: 0), "X[\(r + u),\(c + v)] = \(fmt(patch[i], digits: 0))"]
        }
        try context.say("gradient", [
            "r": "\(r)", "c": "\(c)",
            "grad_table": Table(header: context.zh ? ["核元素", "∂Y[\(r),\(c)]/∂K（反向传播）", "输入块中的值"]
                                           : ["kernel entry", "∂Y[\(r),\(c)]/∂K (backward)", "input patch"],
                                rows: gradRows, alignments: [.left, .right, .left]).render(),
        ])
        for i in [0, 2, 4, 8] {
            let (u, v) = (i / k, i % k)
            let numeric = centralDifference({ t in
                var kernel = ConvByHand.kernel
                kernel[i] = t
                return ConvByHand.byHand(r, c, kernel: kernel)
            }, at: ConvByHand.kernel[i])
            context.check(name: "∂Y[\(r),\(c)]/∂K[\(u),\(v)]", shown: hand.kernelGradient[i], expected: numeric)
        }

        // MARK: 4. Output sizes and parameters of the seed net
        let sizes = try SeedNetSizes(language: context.language)
        try context.record(sizes.writeDiagram(to: context.outputDirectory, command: context.command))
        try context.say("sizes", sizes.placeholders)
        context.check(sizes.checks)

        // MARK: 5. The trained network
        let net = try SeedNet.obtain(context)
        try context.say("model", net.placeholders(language: context.language))

        // MARK: 6. Filters and feature maps of a real image
        let inside = try CNNInside(net: net, language: context.language)
        try context.record(inside.write(to: context.outputDirectory, command: context.command))
        try context.say("inside", inside.placeholders)

        // MARK: 7. ReLU before or after max pooling
        try context.say("order", inside.orderPlaceholders)
        context.check(inside.checks)

        try context.say("check")
    }
}
