import Foundation
import Testing
@testable import Render

/// The Chinese edition's figures are in Chinese: every word a trace diagram draws comes from the Chinese label
/// table; what may stay Latin is an allow-list of symbols and proper names.
@Suite struct ChineseFigureTextTests {
    /// Symbols and names that read the same in both editions.
    static let allowed: Set<String> = ["tanh", "relu", "exp", "log", "sigmoid", "softmax", "ReLU", "SGD", "Adam",
                                       "CNN", "RNN", "MLP", "NLL", "MSE", "KL", "PyTorch", "Grad", "CAM"]

    /// The visible text of a DOT graph: quoted and HTML labels, tags and attributes removed.
    static func visibleText(_ dot: String) -> [String] {
        var texts: [String] = []
        let quoted = try! NSRegularExpression(pattern: #"label="((?:[^"\\]|\\.)*)""#)
        let html = try! NSRegularExpression(pattern: #"label=<(.*)>\]?;?$"#, options: [.anchorsMatchLines])
        let range = NSRange(dot.startIndex..., in: dot)
        for m in quoted.matches(in: dot, range: range) { texts.append(String(dot[Range(m.range(at: 1), in: dot)!])) }
        for m in html.matches(in: dot, range: range) {
            let body = String(dot[Range(m.range(at: 1), in: dot)!])
            texts.append(body.replacingOccurrences(of: #"<[^>]*>"#, with: " ", options: .regularExpression))
        }
        return texts
    }

    /// Latin words of two or more letters that are neither allowed nor a variable name such as `x1`, `w2`, `n`.
    static func englishWords(_ texts: [String]) -> Set<String> {
        var found: Set<String> = []
        for text in texts {
            let cleaned = text.replacingOccurrences(of: #"&[a-z]+;|\\[nlr]"#, with: " ", options: .regularExpression)
            let latin = try! NSRegularExpression(pattern: "[A-Za-z]{2,}[0-9]*")
            for match in latin.matches(in: cleaned, range: NSRange(cleaned.startIndex..., in: cleaned)) {
                let word = String(cleaned[Range(match.range, in: cleaned)!])
                if allowed.contains(word) || word.range(of: #"^[a-zA-Z][0-9]+$"#, options: .regularExpression) != nil {
                    continue
                }
                found.insert(word)
            }
        }
        return found
    }

    @Test func chineseTraceDiagramsHaveNoEnglishWords() {
        let trace = Fixtures.neuron
        let dots = [TraceDOT.graph(trace, language: .zh), TraceDOT.backprop(trace, language: .zh)]
            + TraceDOT.frames(trace, language: .zh)
        for dot in dots {
            let words = Self.englishWords(Self.visibleText(dot))
            #expect(words.isEmpty, "English in a Chinese diagram: \(words.sorted())")
        }
        // The check can fail: the English diagrams are full of such words.
        #expect(!Self.englishWords(Self.visibleText(TraceDOT.graph(trace))).isEmpty)
    }

    @Test func theLegendListsOnlyKindsThatAppear() {
        let trace = Fixtures.neuron   // inputs, parameters, ops, results, an output — no constant
        #expect(!trace.nodes.contains { $0.kind == .constant })
        let en = TraceDOT.graph(trace), zh = TraceDOT.graph(trace, language: .zh)
        #expect(!en.contains(">constant<") && !zh.contains(">常数<"))
        #expect(en.contains(">parameter<") && zh.contains(">参数<") && zh.contains(">输出<"))
        #expect(TraceDOT.graph(Fixtures.withConstant).contains(">constant<"))
    }
}
