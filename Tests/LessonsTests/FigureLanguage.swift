import Foundation

/// The words a reader sees in a figure, for the rule that a Chinese figure carries no English: the text of every
/// SVG `<text>` element (Graphviz's and our charts' alike), entities decoded. `<title>`, `<desc>` and comments
/// are not drawn and are skipped.
enum FigureLanguage {
    /// Symbols and proper names that stay as they are in a Chinese figure: function and op names a learner
    /// types, method and model names from the literature, data set and tool names, units.
    static let allowed: Set<String> = [
        // functions and ops as written in code and formulas
        "tanh", "relu", "ReLU", "sigmoid", "softmax", "exp", "log", "max", "min", "sum", "mean", "pow", "sqrt",
        "conv", "Conv", "Conv2d", "MaxPool2d", "AvgPool2d", "Linear", "Flatten", "Dropout", "Dropout2d",
        "BatchNorm", "BatchNorm1d", "BatchNorm2d", "Leaky", "LeakyReLU", "GELU", "ELU", "matmul", "argmax",
        "logits", "logit", "Tanh", "Sigmoid", "ReLU6", "Softmax", "LogSoftmax", "view", "reshape",
        // optimizers, losses, methods, models (proper names)
        "SGD", "Adam", "AdamW", "Adagrad", "RMSProp", "MSE", "NLL", "KL", "ELBO", "VAE", "GAN", "CNN", "RNN",
        "MLP", "LSTM", "GRU", "Grad", "CAM", "SmoothGrad", "IG", "Adebayo", "Selvaraju", "PyTorch", "Keras",
        "Captum", "Xavier", "Glorot", "Kaiming",
        // data sets, tools, names of the CLI's architectures, units, people
        "Fashion", "MNIST", "CIFAR", "dlexplain", "Graphviz", "numpy", "NumPy", "seed", "wide", "nats", "BCE",
        "Spearman", "epoch", "flatten", "dropout",
    ]

    /// The visible text runs of an SVG document.
    static func visibleText(svg: String) -> [String] {
        var runs: [String] = []
        var rest = svg[...]
        while let open = rest.range(of: "<text") {
            guard let tagEnd = rest.range(of: ">", range: open.upperBound..<rest.endIndex),
                  let close = rest.range(of: "</text>", range: tagEnd.upperBound..<rest.endIndex) else { break }
            var inner = String(rest[tagEnd.upperBound..<close.lowerBound])
            // Drop nested tags (<tspan …>) but keep their text.
            inner = inner.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
            runs.append(decodeEntities(inner))
            rest = rest[close.upperBound...]
        }
        return runs
    }

    /// Latin words of three or more letters in `text` that are not in `allowed` (a single letter or two is a
    /// variable name or a unit: x, w, b, dL, px). Code is not English: identifiers with a digit, an underscore
    /// or an inner capital (`conv2_drop`, `pool1`, `mseLoss`) and a `dlexplain …` command line are skipped.
    static func englishWords(in text: String) -> [String] {
        var prose = text
        if let command = prose.range(of: "dlexplain ") { prose = String(prose[..<command.lowerBound]) }
        let tokens = prose.split { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_")) }.map(String.init)
        return tokens.filter { token in
            let identifier = token.contains { $0.isNumber || $0 == "_" } || token.dropFirst().contains { $0.isUppercase }
                && token.contains { $0.isLowercase }
            return !identifier && token.count >= 3 && !allowed.contains(token)
        }
    }

    /// Every English word drawn in the figure, with the text run it sits in.
    static func englishWords(svg: String) -> [(word: String, run: String)] {
        visibleText(svg: svg).flatMap { run in englishWords(in: run).map { ($0, run) } }
    }

    private static func decodeEntities(_ s: String) -> String {
        var out = s
        for (entity, char) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&apos;", "'"),
                               ("&#45;", "-"), ("&nbsp;", " "), ("&#160;", " "), ("&amp;", "&")] {
            out = out.replacingOccurrences(of: entity, with: char)
        }
        return out
    }
}
