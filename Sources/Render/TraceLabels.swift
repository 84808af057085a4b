/// Every word a trace diagram draws, one table per language (the Chinese edition's diagrams are in Chinese).
/// Symbols (∂, ×, names such as `x1`, numbers) are the same in both.
public struct TraceLabels: Sendable {
    /// "Computation graph", "Backprop flow".
    public var graph: String, backpropFlow: String
    /// The flipbook frame title: step k of n, the op's symbol, the node's name.
    public var step: @Sendable (_ k: Int, _ n: Int, _ op: String, _ node: String) -> String
    /// A frame's file title: "Backprop step k of n".
    public var stepFile: @Sendable (_ k: Int, _ n: Int) -> String
    /// Graph subtitles: scalar (with the output's name), tensor, shapes only.
    public var graphSubtitle: @Sendable (_ output: String) -> String
    public var graphSubtitleTensor: String, shapesOnly: String
    /// Backprop subtitles and the frame subtitle.
    public var backpropSubtitle: String, backpropSubtitleTensor: String, frameSubtitle: String
    /// The legend's heading and the node kinds.
    public var legend: String, input: String, parameter: String, constant: String, operation: String,
               result: String, output: String
    /// Record field prefixes: a value's data and its gradient; the shape field of a 0-d tensor.
    public var data: String, grad: String, scalarShape: String
    /// After a running gradient that is still missing contributions.
    public var soFar: String
    /// Between a title and what it is about: ": " or "：".
    public var separator: String

    /// English.
    public static let english = TraceLabels(
        graph: "Computation graph", backpropFlow: "Backprop flow",
        step: { k, n, op, node in "step \(k) of \(n): backprop through \(op) at \(node)" },
        stepFile: { k, n in "Backprop step \(k) of \(n)" },
        graphSubtitle: { o in "each box: name · data = its value · grad = ∂\(o)/∂(that value)" },
        graphSubtitleTensor: "each box: name · shape · values · gradients", shapesOnly: "shapes only (level shapes)",
        backpropSubtitle: "edge ①: upstream grad × local ∂ = contribution to the input's grad · red > 0, blue < 0, "
            + "thicker = larger",
        backpropSubtitleTensor: "gradient edges point back to the inputs, numbered in backward order",
        frameSubtitle: "yellow: node being processed · — : gradient not reached yet",
        legend: "legend:", input: "input", parameter: "parameter", constant: "constant", operation: "operation",
        result: "result", output: "output", data: "data", grad: "grad", scalarShape: "scalar", soFar: "(so far)", separator: ": ")

    /// 中文.
    public static let chinese = TraceLabels(
        graph: "计算图", backpropFlow: "反向传播流程",
        step: { k, n, op, node in "第 \(k) 步（共 \(n) 步）：在 \(node) 处反向经过 \(op)" },
        stepFile: { k, n in "反向传播第 \(k) 步（共 \(n) 步）" },
        graphSubtitle: { o in "每个框：名称 · 值 = 它的数值 · 梯度 = ∂\(o)/∂(该值)" },
        graphSubtitleTensor: "每个框：名称 · 形状 · 数值 · 梯度", shapesOnly: "只有形状（记录级别：形状）",
        backpropSubtitle: "边 ①：上游梯度 × 局部导数 ∂ = 对输入梯度的贡献 · 红 > 0，蓝 < 0，越粗越大",
        backpropSubtitleTensor: "梯度边指回输入，按反向传播的顺序编号",
        frameSubtitle: "黄色：正在处理的节点 · —：梯度尚未到达",
        legend: "图例：", input: "输入", parameter: "参数", constant: "常数", operation: "运算",
        result: "中间结果", output: "输出", data: "值", grad: "梯度", scalarShape: "标量", soFar: "（累计中）", separator: "：")

    /// The table of `language`.
    public static func of(_ language: Language) -> TraceLabels { language == .zh ? chinese : english }
}
