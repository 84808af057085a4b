import Foundation
import Render

/// A learner's own PNG through the network, with the conversion shown.
extension CNNInspection {
    /// Decodes `data` (a PNG named `name`), converts it to the network's input (`ImageInput`: luma, padded to a
    /// centred square, area-average resize, inverted when the background is white) and returns the page's view of
    /// it, with the picture as uploaded (in grey, at most 224 pixels on a side) and the conversion's steps.
    public func view(uploaded data: Data, name: String, background: ImageBackground,
                     language: Language) throws -> CNNView {
        let input = try ImageInput(pngData: data, name: name, width: test.cols, height: test.rows,
                                   background: background)
        var view = try view(input.normalized(test.normalization), index: nil, label: nil, language: language)
        let scale = Swift.min(1, 224 / Double(Swift.max(input.grey.width, input.grey.height)))
        let w = Swift.max(1, Int((Double(input.grey.width) * scale).rounded()))
        let h = Swift.max(1, Int((Double(input.grey.height) * scale).rounded()))
        view.original = try PlaygroundSession.dataURL(
            Raster.grey(ImageInput.resize(input.grey, width: w, height: h), width: w, height: h, range: 0...255))
        view.conversion = Self.conversion(input, language)
        return view
    }

    /// The conversion's steps in `language` (`ImageInput.steps` in English).
    static func conversion(_ input: ImageInput, _ language: Language) -> String {
        guard language == .zh else { return input.steps }
        let background = input.background == .white ? "白色" : "黑色"
        return "\(input.source.width) × \(input.source.height) 的图片 → 透明部分铺在\(background)背景上 → 灰度（Rec. 601 亮度）"
            + " → 用\(background)补成居中的正方形 → 按面积平均缩小到 \(input.width) × \(input.height)"
            + (input.background == .white ? " → 反色（白色背景：模型是在黑底浅色物品上训练的）" : "")
    }
}
