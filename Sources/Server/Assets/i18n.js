// The page's own words in both languages (the narration and figures come from the server in the chosen one).
"use strict";
const WORDS = {
  en: {
    playground: "Trace playground", lessons: "Lessons", expression: "Expression", variables: "Variables",
    check: "Gradient check: backward vs central differences", node: "Node", "click-node": "Click a node of the graph.",
    graph: "Graph", backprop: "Backprop flow", narration: "Narration",
    variable: "variable", backward: "backward", central: "central diff", abserr: "abs error", ok: "ok",
    value: "value", gradient: "gradient", step: "step", of: "of", latency: "input → redrawn graph",
    median: "median", starters: ["the neuron", "a value used twice", "softmax of two logits", "a small MSE"],
    "no-vars": "The expression has no variables.", "checking": "central-difference check of this value",
    "not-variable": "A constant gets no gradient check: no gradient flows to a constant.",
    "lesson-list": "Lessons", "self-check": "Self-check: shown vs independent computation", shown: "shown",
    independent: "independent", diff: "|diff|", running: "Running the lesson on the server (the first time can take a while)…",
    "all-passed": "All checks passed.", "some-failed": "checks failed.", "pick-lesson": "Pick a lesson.",
    "full-size": "Click to open full size", command: "Same in a terminal:",
      training: "Training playground", cnn: "Inside the CNN", data: "Data", dataset: "Data set", points: "Points",
    noise: "Noise", validation: "Validation share", scale: "x₁ scale", seed: "Seed", network: "Network",
    hidden: "Hidden layers", activation: "Activation", optimizer: "Optimizer", lr: "Learning rate", batch: "Batch size",
    dropout: "Dropout", "restart-note": "Changing a setting starts a fresh network (widths comma-separated, up to 6 × 32).",
    presets: "Try:", "preset-vanish": "sigmoid × 6", "preset-dead": "ReLU, learning rate too high",
    "preset-scaled": "badly scaled: SGD", "preset-adam": "badly scaled: Adam", play: "▶ Play", pause: "❚❚ Pause",
    "one-step": "One step", reset: "Reset", "click-neuron": "Network — click a neuron", neuron: "Neuron",
    "pick-neuron": "Click a neuron to see its weights, their gradients and its activation.",
    health: "Gradient health (latest step)", "health-note": "Update ratio ‖Δθ‖/‖θ‖ near 1e-3 is healthy; a layer whose gradient norm is orders of magnitude below the others' barely learns (vanishing gradients); dead = share of ReLU units that output 0 for the whole batch.",
    "opt-spirals": "spirals (3 classes)", "opt-moons": "moons", "opt-circles": "circles", "opt-xor": "xor", "opt-blobs": "blobs (3 classes)",
    "opt-tanh": "tanh", "opt-relu": "ReLU", "opt-sigmoid": "sigmoid", "opt-leakyRelu": "leaky ReLU",
    "opt-adam": "Adam", "opt-sgd": "SGD", "opt-momentum": "SGD + momentum 0.9", "opt-adagrad": "Adagrad", "opt-rmsprop": "RMSProp",
    full: "All {n} training sessions of this server are in use: close another playground tab, or try again later.", stopped: "Training stopped: this page was silent too long. Press Reset to start again.",
    closed: "The connection to the server closed. Reload the page.", class: "class", "validation-point": "validation point",
    epoch: "epoch", "train-loss": "train loss", "val-loss": "validation loss", accuracy: "accuracy train / validation",
    diverged: "The loss is no longer a finite number: the learning rate is too high. Training stopped.",
    "no-curve": "Curves appear after a few steps.", layer: "layer", "layer-n": "layer {n}", dead: "dead ReLUs", "no-step": "No step yet.",
    output: "output", input: "input", unit: "unit", "check-this": "Check this gradient", "check-short": "check", "at-step": "gradients of step",
    from: "from", weight: "weight", bias: "bias", relerr: "rel. error",
    "activation-positive": "activation over the plane (purple 0 → yellow max)", "activation-signed": "activation over the plane (blue < 0 < red)",
    "check-note": "Backprop (Float, the engine that trains) vs (L(w+ε) − L(w−ε))/2ε in Double, ε = {e}, on the latest step's batch of {b} points, dropout off, L1/L2 included.",
    "pick-image": "Pick an image", "network-label": "Network", "class-filter": "Class", show: "Show", "pick-for": "Clicking picks",
    "slot-a": "the image", "slot-b": "the comparison", upload: "Upload a PNG",
    "loading-net": "Loading the network (the first time the seed net may be trained, up to a minute)…",
    "filter-all": "all", "filter-misclassified": "misclassified", "filter-leastConfident": "least confident first",
    "all-classes": "all classes", working: "Working…", "gallery-note": "{n} test images; red border = misclassified. Hover for the prediction.",
    "gallery-empty": "No test image matches.", uploaded: "Uploaded image", "test-image": "Test image", true: "true", predicted: "predicted",
    field: "receptive field", "feature-maps": "Feature maps (every conv and pool layer)",
    "hover-note": "Hover a map: the box on the input shows the pixels that cell sees.", "six-maps": "Six saliency methods",
    completeness: "Integrated Gradients completeness", baseline: "baseline", tolerance: "tolerance", steps: "steps",
    sanity: "Sanity check (cascading randomisation)", "sanity-run": "Run the sanity check", "sanity-running": "Running…",
    "sanity-none": "The server sent no result.", method: "method", trained: "trained",
    "verdict-flagged": "⚑ does not depend on the weights", "verdict-passes": "depends on the weights",
    "verdict-unstable": "unstable: the draws disagree, no verdict", "sanity-done": "Done.",
    "sanity-note": "Layers re-initialised from the top, {d} times (seeds {seeds}, as `dlexplain explain` does); the maps shown are the first draw's; ρ = Spearman correlation of |map| with the trained one. A method still at ρ ≥ {r} with every layer random in all {d} draws does not explain this network; the last column gives ρ with every layer random, smallest … largest over the draws.",
    "err-upload-too-large": "The upload is larger than {mib} MiB; expected a PNG picture of at most that size.",
    "err-not-png": "That file is not a PNG picture that can be read ({detail}); expected a PNG picture.",
    "err-invalid-setting-closed": "Setting “{field}” is out of range; expected {low} to {high}.",
    "err-invalid-setting-open-closed": "Setting “{field}” is out of range; expected more than {low} and at most {high}.",
    "err-invalid-setting-layers": "Setting “{field}” is out of range; expected at most {high} layers.",
    "err-invalid-setting-widths": "Setting “{field}” is out of range; expected widths from {low} to {high}.",
    "err-expression-expected-operator": "column {column}: expected an operator (+ - * / ^) or the end of the expression but found {found}",
    "err-expression-expected-operand": "column {column}: expected a number, variable, function or '(' but found {found}",
    "err-expression-expected-operand-at-end": "column {column}: expected a number, variable, function or '(' but found the end of the expression",
    "err-expression-expected-close": "column {column}: expected ')' to close the '(' at column {open} but found {found}",
    "err-expression-expected-close-at-end": "column {column}: expected ')' to close the '(' at column {open} but found the end of the expression",
    "err-expression-unknown-function": "column {column}: '{name}' is not a function; expected one of {known}",
    "err-expression-missing-argument": "column {column}: expected '(' after the function '{function}', as in {function}(x)",
    "err-expression-too-deep": "column {column}: expressions nest at most {limit} levels deep; expected fewer parentheses",
    "err-expression-number-too-large": "column {column}: the number {text} is too large; expected a finite number",
    "err-expression-too-long": "the expression has {tokens} tokens; expected at most {limit} (numbers, names, operators, parentheses)",
    "err-expression-unbound-variable": "variable '{name}' has no value",
    "err-expression-variable-exponent": "{expression} raises to {exponent}, which uses a variable; expected a constant exponent (write exp(y*log(x)) for x^y)",
    "err-expression-log-non-positive": "{expression} is log of {argument}, expected a positive argument",
    "err-expression-division-by-zero": "{expression} divides by zero: {divisor} is 0.0, expected a non-zero divisor",
    "err-expression-not-real": "{expression} is {base} to the power {exponent}, which is not a real number; expected a non-negative base or a whole exponent",
    "err-expression-zero-to-negative-power": "{expression} is 0.0 to the power {exponent}, a division by zero; expected a non-zero base for a negative exponent",
    "err-expression-overflow": "{expression} overflows: {operation} is beyond ±1.8e308, the largest Double; expected values whose result fits (smaller inputs)",
    filters: "Conv filters", "filter-axes": "Numbers above: filter k of {layer} makes {layer}'s feature map k (its {n} output channels).",
    "filter-rows": "Numbers at the left: the input channel, i.e. feature map i of {input} ({m} maps), which that row of each filter reads.",
    "seed-net": "seed net (the lessons' shared CNN)", background: "Background", "bg-white": "light (inverted)", "bg-black": "dark (as the data set)", "choose-png": "Choose a PNG…", "as-uploaded": "as uploaded (grey)", "network-input": "what the network sees", quick: "quick",
  },
  zh: {
    training: "训练实验台", cnn: "CNN 内部", data: "数据", dataset: "数据集", points: "点数",
    noise: "噪声", validation: "验证集比例", scale: "x₁ 缩放", seed: "随机种子", network: "网络",
    hidden: "隐藏层", activation: "激活函数", optimizer: "优化器", lr: "学习率", batch: "批大小",
    dropout: "Dropout", "restart-note": "改动任何设置都会重新开始一个新网络（宽度用逗号分隔，最多 6 层 × 32）。",
    presets: "试试：", "preset-vanish": "sigmoid × 6", "preset-dead": "ReLU，学习率过高",
    "preset-scaled": "尺度失衡：SGD", "preset-adam": "尺度失衡：Adam", play: "▶ 开始", pause: "❚❚ 暂停",
    "one-step": "走一步", reset: "重置", "click-neuron": "网络——点击一个神经元", neuron: "神经元",
    "pick-neuron": "点击一个神经元，查看它的权重、权重的梯度和它在平面上的激活。",
    health: "梯度健康（最近一步）", "health-note": "更新比 ‖Δθ‖/‖θ‖ 在 1e-3 附近为健康；某层梯度范数比其他层小几个数量级，就几乎学不动（梯度消失）；死亡 = 对整个批次都输出 0 的 ReLU 单元比例。",
    "opt-spirals": "螺旋（3 类）", "opt-moons": "双月", "opt-circles": "同心圆", "opt-xor": "异或", "opt-blobs": "高斯团（3 类）",
    "opt-tanh": "tanh", "opt-relu": "ReLU", "opt-sigmoid": "sigmoid", "opt-leakyRelu": "leaky ReLU",
    "opt-adam": "Adam", "opt-sgd": "SGD", "opt-momentum": "SGD + 动量 0.9", "opt-adagrad": "Adagrad", "opt-rmsprop": "RMSProp",
    full: "本服务器的 {n} 个训练会话都在使用中：请关闭另一个训练实验台标签页，或稍后再试。", stopped: "训练已停止：本页面太久没有响应。按“重置”重新开始。",
    closed: "与服务器的连接已断开，请刷新页面。", class: "类别", "validation-point": "验证点",
    epoch: "轮", "train-loss": "训练损失", "val-loss": "验证损失", accuracy: "准确率 训练 / 验证",
    diverged: "损失已不是有限数：学习率太高，训练已停止。",
    "no-curve": "走几步之后会出现曲线。", layer: "层", "layer-n": "第 {n} 层", dead: "死亡 ReLU", "no-step": "还没有走任何一步。",
    output: "输出层", input: "输入", unit: "单元", "check-this": "检查这个梯度", "check-short": "检查", "at-step": "梯度来自第几步：",
    from: "来自", weight: "权重", bias: "偏置", relerr: "相对误差",
    "activation-positive": "在平面上的激活（紫色 0 → 黄色最大）", "activation-signed": "在平面上的激活（蓝 < 0 < 红）",
    "check-note": "反向传播（Float，训练用的引擎）对比 Double 中的 (L(w+ε) − L(w−ε))/2ε，ε = {e}，使用最近一步的 {b} 个点的批次，关闭 dropout，包含 L1/L2。",
    "pick-image": "选一张图像", "network-label": "网络", "class-filter": "类别", show: "显示", "pick-for": "点击用于",
    "slot-a": "主图像", "slot-b": "对比图像", upload: "上传 PNG",
    "loading-net": "正在加载网络（第一次可能要先训练种子网络，最多约一分钟）……",
    "filter-all": "全部", "filter-misclassified": "分类错误的", "filter-leastConfident": "最不确定的优先",
    "all-classes": "所有类别", working: "计算中……", "gallery-note": "{n} 张测试图像；红框 = 分类错误。鼠标悬停可看预测。",
    "gallery-empty": "没有符合条件的测试图像。", uploaded: "上传的图像", "test-image": "测试图像", true: "真实", predicted: "预测",
    field: "感受野", "feature-maps": "特征图（每个卷积层和池化层）",
    "hover-note": "鼠标悬停在特征图上：输入图上的方框标出该单元看到的像素。", "six-maps": "六种显著性方法",
    completeness: "积分梯度的完备性", baseline: "基线", tolerance: "容差", steps: "步",
    sanity: "健全性检查（级联随机化）", "sanity-run": "运行健全性检查", "sanity-running": "运行中……",
    "sanity-none": "服务器没有返回结果。", method: "方法", trained: "训练好的",
    "verdict-flagged": "⚑ 与权重无关", "verdict-passes": "依赖于权重",
    "verdict-unstable": "不稳定：各次随机化结论不一，不下结论", "sanity-done": "完成。",
    "sanity-note": "从顶层开始逐层重新初始化，共 {d} 次（随机种子 {seeds}，与 `dlexplain explain` 相同）；图中显示的是第一次的结果；ρ = |图| 与训练好的图的 Spearman 相关。所有层都随机后，{d} 次中每次都仍有 ρ ≥ {r} 的方法并没有解释这个网络；最后一列是所有层随机后的 ρ 在各次中的最小值 … 最大值。",
    "err-upload-too-large": "上传的文件超过 {mib} MiB；请上传不超过这个大小的 PNG 图片。",
    "err-not-png": "这个文件不是可以读取的 PNG 图片（{detail}）；请上传 PNG 图片。",
    "err-invalid-setting-closed": "设置“{field}”超出范围；应在 {low} 到 {high} 之间。",
    "err-invalid-setting-open-closed": "设置“{field}”超出范围；应大于 {low} 且不超过 {high}。",
    "err-invalid-setting-layers": "设置“{field}”超出范围；最多 {high} 层。",
    "err-invalid-setting-widths": "设置“{field}”超出范围；每层宽度应在 {low} 到 {high} 之间。",
    "err-expression-expected-operator": "第 {column} 列：这里应是运算符（+ - * / ^）或表达式结尾，却是 {found}",
    "err-expression-expected-operand": "第 {column} 列：这里应是数字、变量、函数或“(”，却是 {found}",
    "err-expression-expected-operand-at-end": "第 {column} 列：这里应是数字、变量、函数或“(”，表达式却已结束",
    "err-expression-expected-close": "第 {column} 列：这里应是“)”，与第 {open} 列的“(”配对，却是 {found}",
    "err-expression-expected-close-at-end": "第 {column} 列：这里应是“)”，与第 {open} 列的“(”配对，表达式却已结束",
    "err-expression-unknown-function": "第 {column} 列：“{name}”不是函数；可用的函数有 {known}",
    "err-expression-missing-argument": "第 {column} 列：函数“{function}”后面应有“(”，例如 {function}(x)",
    "err-expression-too-deep": "第 {column} 列：括号最多嵌套 {limit} 层；请减少括号",
    "err-expression-number-too-large": "第 {column} 列：数字 {text} 太大；应是有限的数",
    "err-expression-too-long": "表达式有 {tokens} 个记号；最多 {limit} 个（数字、名字、运算符、括号）",
    "err-expression-unbound-variable": "变量“{name}”没有值",
    "err-expression-variable-exponent": "{expression} 的指数 {exponent} 含有变量；指数应是常数（x^y 可写成 exp(y*log(x))）",
    "err-expression-log-non-positive": "{expression} 是 log({argument})，参数应为正数",
    "err-expression-division-by-zero": "{expression} 除以零：{divisor} 等于 0.0，除数应非零",
    "err-expression-not-real": "{expression} 是 {base} 的 {exponent} 次方，不是实数；底数应非负，或指数应为整数",
    "err-expression-zero-to-negative-power": "{expression} 是 0.0 的 {exponent} 次方，相当于除以零；指数为负时底数应非零",
    "err-expression-overflow": "{expression} 溢出：{operation} 超出 Double 的最大范围 ±1.8e308；请用更小的输入，使结果在范围内",
    filters: "卷积核", "filter-axes": "上方编号：{layer} 的第 k 个卷积核生成 {layer} 的第 k 张特征图（共 {n} 个输出通道）。",
    "filter-rows": "左侧编号：输入通道，即 {input} 的第 i 张特征图（共 {m} 张），每个卷积核的这一行读的就是它。",
    "seed-net": "种子网络（课程共用的 CNN）", background: "背景", "bg-white": "浅色（会反色）", "bg-black": "深色（与数据集相同）", "choose-png": "选择 PNG……", "as-uploaded": "上传的图片（灰度）", "network-input": "网络看到的输入", quick: "快速",
    playground: "计算图实验台", lessons: "课程", expression: "表达式", variables: "变量",
    check: "梯度检查：反向传播 vs 中心差分", node: "节点", "click-node": "点击图中的一个节点。",
    graph: "计算图", backprop: "反向传播流", narration: "逐步讲解",
    variable: "变量", backward: "反向传播", central: "中心差分", abserr: "绝对误差", ok: "通过",
    value: "值", gradient: "梯度", step: "第", of: "步，共", latency: "输入 → 重绘计算图",
    median: "中位数", starters: ["单个神经元", "一个值用两次", "两个 logit 的 softmax", "小型均方误差"],
    "no-vars": "表达式中没有变量。", "checking": "该值的中心差分检查",
    "not-variable": "常数没有梯度检查：梯度不会流向常数。",
    "lesson-list": "课程", "self-check": "自我检查：课程给出的值 vs 独立计算", shown: "课程给出",
    independent: "独立计算", diff: "|差|", running: "服务器正在运行这节课（第一次可能需要一些时间）……",
    "all-passed": "全部检查通过。", "some-failed": "项检查未通过。", "pick-lesson": "请选择一节课。",
    "full-size": "点击查看原尺寸", command: "在终端中运行：",
  },
};

/// The current language: ?lang= in the URL, else what the user picked last, else the server's --lang.
function currentLang() {
  const fromUrl = new URLSearchParams(location.search).get("lang");
  if (fromUrl === "en" || fromUrl === "zh") return fromUrl;
  const saved = localStorage.getItem("dlexplain-lang");
  return saved === "zh" || saved === "en" ? saved : null;
}

function t(key) { return (WORDS[window.LANG] || WORDS.en)[key] ?? key; }

/// A server error in the page's language: an error with a `code` is worded from this table (`err-<code>`, its
/// {names} filled from the error's parameters, after `words` has had a chance to translate them); any other
/// error keeps the server's own sentence.
function errorText(body, words = p => p) {
  const key = body && body.code ? "err-" + body.code : null;
  if (!key || !((WORDS[window.LANG] || WORDS.en)[key])) return (body && body.error) || "";
  const parameters = words({ ...(body.parameters || {}) });
  return t(key).replace(/\{(\w+)\}/g, (whole, name) => parameters[name] ?? whole);
}

/// Fills every [data-t] element, marks the language buttons, keeps the language in links to the other page.
function applyWords() {
  document.documentElement.lang = window.LANG === "zh" ? "zh-CN" : "en";
  document.querySelectorAll("[data-t]").forEach(el => { el.textContent = t(el.dataset.t); });
  document.querySelectorAll("[data-lang]").forEach(b => b.classList.toggle("on", b.dataset.lang === window.LANG));
  document.querySelectorAll("header nav a").forEach(a => {
    const url = new URL(a.href, location.href); url.searchParams.set("lang", window.LANG); a.href = url.pathname + url.search;
  });
}

async function initLang(onChange) {
  window.LANG = currentLang();
  if (!window.LANG) {
    try { window.LANG = (await (await fetch("/api/config")).json()).language; } catch { window.LANG = "en"; }
  }
  applyWords();
  document.querySelectorAll("[data-lang]").forEach(b => b.addEventListener("click", () => {
    window.LANG = b.dataset.lang;
    localStorage.setItem("dlexplain-lang", window.LANG);
    const url = new URL(location.href); url.searchParams.set("lang", window.LANG);
    history.replaceState(null, "", url.pathname + url.search + url.hash);
    applyWords();
    onChange();
  }));
}

function escapeHTML(s) {
  return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/// Numbers as the narration prints them: 4 decimals, or exponent form when tiny or huge.
function fmt(x) {
  if (typeof x !== "number") return String(x);
  if (x !== 0 && (Math.abs(x) < 1e-4 || Math.abs(x) >= 1e6)) return x.toExponential(3);
  return x.toFixed(4);
}
