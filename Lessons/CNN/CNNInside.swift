import Datasets
import Explain
import Foundation
import NN
import Render
import Showcase
import TensorGrad

/// Inside the trained seed net for one real test image: the conv filters, the feature maps of every conv and
/// pool layer, the most active conv1 channel, and ReLU placed before or after pooling compared numerically.
struct CNNInside {
    let net: SeedNet
    let language: Language
    let index: Int, image: [Float], label: Int, predicted: Int
    let banks: [FilterBank]
    let maps: [FeatureMaps]
    /// The conv1 channel with the largest response, its value and where it is (row, col of the 24×24 map).
    let strongest: (channel: Int, value: Float, row: Int, col: Int)
    /// max |relu(pool(a)) − pool(relu(a))| for max and for average pooling of conv1's output a.
    let maxOrderGap: Double, avgOrderGap: Double
    /// Elements ReLU touches in each order.
    let reluBefore: Int, reluAfter: Int

    /// The class shown: Trouser (two legs make strong vertical edges, like the hand example).
    static let shownClass = 1

    init(net: SeedNet, language: Language) throws {
        self.net = net
        self.language = language
        index = net.firstCorrect(label: Self.shownClass)
        image = Array(net.test.image(at: index))
        label = net.test.labels[index]
        let explainer = net.explainer
        predicted = explainer.predictedClass(image)
        banks = explainer.filters()
        maps = try explainer.featureMaps(image)
        let conv1 = maps[0]
        let best = conv1.values.indices.max { conv1.values[$0] < conv1.values[$1] }!
        let plane = conv1.height * conv1.width
        strongest = (best / plane, conv1.values[best], (best % plane) / conv1.width, best % conv1.width)
        let a = Tensor<Float>(shape: Shape([1, conv1.channels, conv1.height, conv1.width]), scalars: conv1.values)
        let (maxGap, avgGap) = withNoGrad { () -> (Double, Double) in
            let m1 = a.maxPool2d(kernel: 2).relu().scalars, m2 = a.relu().maxPool2d(kernel: 2).scalars
            let v1 = a.avgPool2d(kernel: 2).relu().scalars, v2 = a.relu().avgPool2d(kernel: 2).scalars
            return (Self.maxGap(m1, m2), Self.maxGap(v1, v2))
        }
        (maxOrderGap, avgOrderGap) = (maxGap, avgGap)
        reluBefore = a.count
        reluAfter = a.count / 4
    }

    static func maxGap(_ a: [Float], _ b: [Float]) -> Double {
        zip(a, b).reduce(0) { Swift.max($0, Double(Swift.abs($1.0 - $1.1))) }
    }

    /// The filters figure and the feature-maps figure.
    func write(to directory: String, command: String) throws -> [String] {
        let zh = language == .zh
        let name = { (label: Int) in net.className(label, language) }
        let filters = ModelFigures.filters(banks, title: zh ? "训练好的 seed 网络的卷积核" : "Filters of the trained seed net",
                                           language: language)
        let figure = ModelFigures.featureMaps(
            maps, image: image, width: net.test.cols, height: net.test.rows, trueClass: name(label),
            predictedClass: name(predicted),
            title: zh ? "测试图像 \(index)（\(name(label))）在 seed 网络中的特征图"
                      : "Feature maps of test image \(index) (\(name(label))) in the seed net",
            language: language)
        return try filters.write(to: directory, name: "cnn-filters", command: command)
            + figure.write(to: directory, name: "cnn-feature-maps", command: command)
    }

    var placeholders: [String: String] {
        let conv1 = maps[0]
        let layerRows = maps.map { m -> [String] in
            [m.layer, m.kind, "\(m.channels) × \(m.height)×\(m.width)",
             fmt(Double(m.values.min() ?? 0), digits: 2), fmt(Double(m.values.max() ?? 0), digits: 2)]
        }
        let zh = language == .zh
        return [
            "index": "\(index)", "class": net.className(label, language),
            "predicted": net.className(predicted, language),
            "filters_png": "cnn-filters.png", "maps_png": "cnn-feature-maps.png",
            "conv1_count": "\(banks[0].outChannels)", "conv1_k": "\(banks[0].kernelHeight)",
            "conv2_count": "\(banks[1].outChannels)", "conv2_in": "\(banks[1].inChannels)",
            "map_table": Table(header: zh ? ["层", "类型", "形状", "最小值", "最大值"] : ["layer", "kind", "shape", "min", "max"],
                               rows: layerRows, alignments: [.left, .left, .left, .right, .right]).render(),
            "channel": "\(strongest.channel)", "channel_value": fmt(Double(strongest.value), digits: 2),
            "channel_row": "\(strongest.row)", "channel_col": "\(strongest.col)",
            "side": "\(conv1.width)",
        ]
    }

    var orderPlaceholders: [String: String] {
        [
            "max_gap": fmt(maxOrderGap, digits: 6), "avg_gap": fmt(avgOrderGap, digits: 4),
            "relu_before": "\(reluBefore)", "relu_after": "\(reluAfter)",
            "shape": "\(maps[0].channels)×\(maps[0].height)×\(maps[0].width)",
        ]
    }

    var checks: [SelfCheckRow] {
        let at = "(\(strongest.row),\(strongest.col))"
        return [SelfCheckRow(name: "max|relu(maxpool) − maxpool(relu)|", shown: maxOrderGap, expected: 0, atol: 0, rtol: 0),
         SelfCheckRow(name: language == .zh ? "conv1 在 \(at) 处的最大响应" : "conv1 max response at \(at)",
                      shown: Double(strongest.value),
                      expected: conv1ByHand(channel: strongest.channel, row: strongest.row, col: strongest.col),
                      atol: 1e-4, rtol: 1e-4)]
    }

    /// One conv1 output recomputed from the filter weights with plain loops in Double (Float rounding of a
    /// 25-term sum stays far below the 1e-4 tolerance).
    func conv1ByHand(channel: Int, row: Int, col: Int) -> Double {
        let bank = banks[0], k = bank.kernelHeight, w = net.test.cols
        var sum = Double(bank.bias[channel])
        for u in 0..<k {
            for v in 0..<k {
                sum += Double(bank.weights[channel * k * k + u * k + v]) * Double(image[(row + u) * w + col + v])
            }
        }
        return sum
    }
}
