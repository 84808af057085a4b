import Groundwork
import Foundation
import Tracing

/// Writes one diagram as `name.dot`, `name.svg` and `name.png`, each carrying its title and the command that
/// made it (docs/ARCHITECTURE.md §4): an XML comment in the SVG, `tEXt` chunks (Title, Software, Comment) in the PNG.
public enum DiagramFiles {
    /// The `Software` text recorded in every PNG.
    public static let software = "dlexplain"

    /// Lays out `dot` once, renders both formats and writes the three files atomically into `directory`;
    /// returns their paths (dot, svg, png).
    public static func write(dot: String, name: String, to directory: String, title: String,
                             command: String) throws -> [String] {
        let base = PathText.join(directory, name)
        let rendered = try Graphviz.render(dot, formats: [.svg, .png])
        let (svg, png) = (rendered[0], rendered[1])
        try AtomicFile.write(dot, to: base + ".dot")
        try AtomicFile.write(annotatedSVG(svg, title: title, command: command), to: base + ".svg")
        try AtomicFile.write(annotatedPNG(png, title: title, command: command), to: base + ".png")
        return [base + ".dot", base + ".svg", base + ".png"]
    }

    /// `svg` with `<!-- dlexplain: title | command: … -->` after its XML declaration. A comment may not contain
    /// `--`, so hyphens are written `&#45;` as Graphviz itself does in its SVG comments.
    public static func annotatedSVG(_ svg: Data, title: String, command: String) -> Data {
        var text = String(decoding: svg, as: UTF8.self)
        let safe = { (s: String) in s.replacingOccurrences(of: "-", with: "&#45;") }
        let comment = "<!-- \(software): \(safe(title)) | command: \(safe(command)) -->\n"
        if let declaration = text.range(of: "?>\n") {
            text.insert(contentsOf: comment, at: declaration.upperBound)
        } else {
            text = comment + text
        }
        return Data(text.utf8)
    }

    /// `png` with Title, Software and Comment (the command) text chunks inserted after its header.
    public static func annotatedPNG(_ png: Data, title: String, command: String) -> Data {
        Data(PNGChunks.insertText([("Title", title), ("Software", software), ("Comment", command)],
                                  into: [UInt8](png)))
    }
}

/// The trace diagrams a command or lesson writes, in one call.
public enum TraceDiagrams {
    /// Writes `graph.{dot,svg,png}` (computation graph) and, when the trace has gradients, `backprop.*` (backprop
    /// flow) into `directory`, plus `backprop-step-01.*`… (one frame per backward step) when `flipbook`.
    /// `command` is recorded in every SVG and PNG. Returns the paths written, in that order.
    /// `language` picks the words drawn (`TraceLabels`); `groups` boxes groups of nodes (`TraceGroups`).
    public static func write(_ trace: Trace, to directory: String, command: String,
                             flipbook: Bool = false, language: Language = .en,
                             groups: TraceGroups? = nil) throws -> [String] {
        let words = TraceLabels.of(language)
        var paths = try DiagramFiles.write(dot: TraceDOT.graph(trace, language: language, groups: groups), name: "graph",
                                           to: directory, title: words.graph + words.separator + trace.title, command: command)
        let hasGradients = trace.level == .full && trace.nodes.contains { $0.grad != nil }
        guard hasGradients else { return paths }
        paths += try DiagramFiles.write(dot: TraceDOT.backprop(trace, language: language, groups: groups), name: "backprop",
                                        to: directory, title: words.backpropFlow + words.separator + trace.title, command: command)
        if flipbook {
            let frames = TraceDOT.frames(trace, language: language, groups: groups)
            let digits = max(2, String(frames.count).count)
            for (index, frame) in frames.enumerated() {
                let number = String(repeating: "0", count: digits - String(index + 1).count) + String(index + 1)
                paths += try DiagramFiles.write(
                    dot: frame, name: "backprop-step-\(number)", to: directory,
                    title: words.stepFile(index + 1, frames.count) + words.separator + trace.title, command: command)
            }
        }
        return paths
    }
}
