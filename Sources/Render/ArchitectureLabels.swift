/// Every word an architecture diagram draws, one table per language (like `TraceLabels` for traces). Layer
/// names (`conv1`) and kinds (`Conv2d 1→10 5×5`) are code, the same in both.
public struct ArchitectureLabels: Sendable {
    /// The forward diagram's title: architecture name and trainable parameter count (already grouped).
    public var title: @Sendable (_ name: String, _ parameters: String) -> String
    /// The forward diagram's subtitle.
    public var subtitle: String
    /// The backprop diagram's title: name, batch size, loss (formatted).
    public var backpropTitle: @Sendable (_ name: String, _ batch: Int, _ loss: String) -> String
    /// The backprop diagram's subtitle, given the decades its colour scale spans.
    public var backpropSubtitle: @Sendable (_ decades: Int) -> String
    /// The input record's name; a layer's parameter count (grouped), and the text for none.
    public var input: String, parameters: @Sendable (_ count: String) -> String, noParameters: String

    /// English.
    public static let english = ArchitectureLabels(
        title: { name, count in "Architecture \(name): \(count) trainable parameters" },
        subtitle: "each box: layer · what it computes · output shape (one example) · parameters; "
            + "edges: the tensor passed on",
        backpropTitle: { name, batch, loss in
            "Backprop flow, \(name): gradient norms of one batch of \(batch) (loss \(loss))" },
        backpropSubtitle: { decades in
            "edge: ‖grad‖ = ‖∂L/∂tensor‖ flowing back; width and colour on a log scale over \(decades) decades "
                + "below the largest · box: ‖∂L/∂W‖ of the layer's parameters" },
        input: "input", parameters: { "\($0) params" }, noParameters: "no params")

    /// 中文.
    public static let chinese = ArchitectureLabels(
        title: { name, count in "网络结构 “\(name)”：\(count) 个可训练参数" },
        subtitle: "每个框：层 · 它计算什么 · 输出形状（一个样本） · 参数个数；边：传给下一层的张量",
        backpropTitle: { name, batch, loss in
            "反向传播流程 “\(name)”：一批 \(batch) 张图像的梯度范数（损失 \(loss)）" },
        backpropSubtitle: { decades in
            "边：反向流动的 ‖梯度‖ = ‖∂L/∂张量‖；粗细和颜色按对数刻度，覆盖最大值以下 \(decades) 个数量级 · "
                + "框：该层参数的 ‖∂L/∂W‖" },
        input: "输入", parameters: { "\($0) 个参数" }, noParameters: "无参数")

    /// The table of `language`.
    public static func of(_ language: Language) -> ArchitectureLabels { language == .zh ? chinese : english }
}
