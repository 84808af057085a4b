import Explain
import Render

/// The two pictures of what a trained CNN holds, drawn once for every front end (`dlexplain filters`, the cnn
/// lesson, later the explorer): its conv filters, and the feature maps one image produces at every conv and pool
/// layer. Titles are the caller's (they name the model and the image); the rest of the wording is here.
public enum ModelFigures {
    /// Every conv layer's filters, one row per layer, each filter on its own ±max|w| scale, and the colour bar.
    public static func filters(_ banks: [FilterBank], title: String, language: Language) -> Figure {
        let zh = language == .zh
        var figure = Figure(title: title,
                            subtitle: zh ? "权重，每个卷积核按自己的 ±max|w| 着色：红为正，蓝为负，白为 0"
                                : "weights, each filter on its own scale ±max|w|: red positive, blue negative, white 0")
        for bank in banks {
            figure.addRow([ExplainFigures.filters(layer: bank.layer, weights: bank.weights,
                                                  outChannels: bank.outChannels, inChannels: bank.inChannels,
                                                  kernelHeight: bank.kernelHeight, kernelWidth: bank.kernelWidth,
                                                  language: language)],
                          label: bank.layer)
        }
        figure.addRow([.colorBar(map: .diverging, min: -1, max: 1,
                                 label: zh ? "权重 ÷ 该卷积核的 max|w|" : "weight ÷ the filter's max|w|")])
        return figure
    }

    /// The input image with its true and predicted class, then every channel of every conv and pool layer, one
    /// shared scale per layer.
    public static func featureMaps(_ maps: [FeatureMaps], image: [Float], width: Int, height: Int,
                                   trueClass: String, predictedClass: String, title: String,
                                   language: Language) -> Figure {
        let zh = language == .zh
        var figure = Figure(title: title,
                            subtitle: zh ? "每个卷积层和池化层的每个通道，通道 0 在最左；每层共用一个色标，"
                                + "有负值的层（ReLU 之前）用蓝–红"
                                : "every channel of every conv and pool layer, channel 0 at the left; one shared "
                                + "scale per layer, blue–red where a layer has negative values (before its ReLU)")
        figure.addRow([.image(ExplainFigures.input(image, width: width, height: height), caption: zh ? "输入" : "input"),
                       .text(zh ? "真实：\(trueClass)\n预测：\(predictedClass)"
                                : "true: \(trueClass)\npredicted: \(predictedClass)")],
                      label: zh ? "输入" : "input")
        for layer in maps {
            figure.addRow(ExplainFigures.featureMapRow(kind: layer.kind, values: layer.values, channels: layer.channels,
                                                       height: layer.height, width: layer.width,
                                                       valuesWord: zh ? "取值" : "values",
                                                       barLabel: zh ? "激活值" : "activation",
                                                       numbering: zh ? "通道 0–\(layer.channels - 1)，从左到右、逐行编号"
                                                                     : "channels 0–\(layer.channels - 1), numbered left to right, row by row"),
                          label: layer.layer)
        }
        return figure
    }
}
