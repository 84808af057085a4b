import Groundwork
import CGraphviz
import Foundation

/// A failure inside Graphviz, carrying Graphviz's own message.
public enum GraphvizError: Error, CustomStringConvertible, Equatable {
    /// The DOT text did not parse.
    case syntax(String)
    /// Layout failed.
    case layout(String)
    /// Rendering to the format failed.
    case render(format: String, message: String)

    public var description: String {
        switch self {
        case let .syntax(m): return "Graphviz could not parse the DOT text: \(m)"
        case let .layout(m): return "Graphviz layout (dot) failed: \(m)"
        case let .render(format, m): return "Graphviz could not render \(format): \(m)"
        }
    }
}

/// Lays out DOT text with the `dot` engine and renders it in-process with libgvc (no `dot` binary).
public enum Graphviz {
    /// Output formats rendered here.
    public enum Format: String, Sendable { case svg, png }

    private static let lock = NSLock()

    /// One libgvc context for the whole process, used under `lock`. Freeing a context per render is unsafe with
    /// Graphviz 2.42's pango plugin: it keeps a pointer to the last font name it measured, which the freed
    /// context owned, and compares the next graph's font with it (a heap-use-after-free AddressSanitizer reports
    /// from `dlexplain trace`). A context that lives as long as the process keeps that name valid, and loads
    /// the plugins once.
    nonisolated(unsafe) private static let context = gvContext()
    nonisolated(unsafe) private static var messages = ""

    /// Renders `dot` to bytes in `format`. Serialised: libgvc keeps global state.
    public static func render(_ dot: String, format: Format) throws -> Data {
        try render(dot, formats: [format])[0]
    }

    /// Renders `dot` in each of `formats` from ONE layout (the layout is the slow part: half the time of
    /// rendering SVG and PNG separately).
    public static func render(_ dot: String, formats: [Format]) throws -> [Data] {
        lock.lock()
        defer { lock.unlock() }
        messages = ""
        // Collect Graphviz's error text instead of letting it print to stderr.
        _ = agseterrf { message in
            if let message { Graphviz.messages += String(cString: message) }
            return 0
        }
        _ = agseterr(AGWARN)
        defer { _ = agseterrf(nil) }

        guard let gvc = context else { throw GraphvizError.layout("could not create a Graphviz context") }
        let parsed: UnsafeMutablePointer<Agraph_t>? = dot.withCString { agmemread($0) }
        guard let graph = parsed else {
            throw GraphvizError.syntax(cleaned(messages, fallback: "syntax error"))
        }
        defer { agclose(graph) }
        limitLayoutEffort(graph)
        guard gvLayout(gvc, graph, "dot") == 0 else {
            throw GraphvizError.layout(cleaned(messages, fallback: "unknown layout error"))
        }
        defer { gvFreeLayout(gvc, graph) }
        return try formats.map { format in
            var buffer: UnsafeMutablePointer<CChar>?
            var length: UInt32 = 0
            let status = gvRenderData(gvc, graph, format.rawValue, &buffer, &length)
            defer { if let buffer { gvFreeRenderData(buffer) } }
            guard status == 0, let buffer, length > 0 else {
                throw GraphvizError.render(format: format.rawValue,
                                           message: cleaned(messages, fallback: "no output (is the plugin installed?)"))
            }
            return Data(bytes: buffer, count: Int(length))
        }
    }

    /// Renders `dot` to `path` (format from `format`), written atomically.
    public static func render(_ dot: String, format: Format, to path: String) throws {
        try AtomicFile.write(try render(dot, format: format), to: path)
    }

    /// Edges above which `dot` is told to stop its network-simplex passes early.
    static let largeGraphEdges = 100

    /// A value used many times (`x+x+…+x`, 50 terms) gives one node with dozens of edges spanning many ranks;
    /// dot's network simplex then took 7 s for one layout, and routing those edges as splines (libpathplan's
    /// shortest paths) minutes at 100 terms. Capping the simplex iterations (`nslimit`, `nslimit1`) and drawing
    /// straight edges (`splines=line`) keeps that to seconds, with a layout that still reads. Graphs up to
    /// `largeGraphEdges` edges (every lesson's) are laid out exactly as before; a DOT text that sets the
    /// attributes itself keeps them. Such a graph is also drawn at most 100 inches across (`size`, which only
    /// shrinks): the 99-term sum's PNG was 27 160 × 4 274 pixels and took 18 s of the run to paint; capped, 3 s.
    private static func limitLayoutEffort(_ graph: UnsafeMutablePointer<Agraph_t>) {
        guard agnedges(graph) > largeGraphEdges else { return }
        // cgraph takes `char *` but copies what it keeps, so temporary C strings are enough.
        func c<R>(_ text: String, _ body: (UnsafeMutablePointer<CChar>) -> R) -> R {
            text.withCString { body(UnsafeMutablePointer(mutating: $0)) }
        }
        for (name, value) in [("nslimit", "2"), ("nslimit1", "2"), ("splines", "line"), ("size", "100,100")] {
            let current = c(name) { agget(UnsafeMutableRawPointer(graph), $0) }.map { String(cString: $0) } ?? ""
            if current.isEmpty {
                _ = c(name) { n in c(value) { v in c("") { d in agsafeset(UnsafeMutableRawPointer(graph), n, v, d) } } }
            }
        }
    }

    private static func cleaned(_ text: String, fallback: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? fallback : trimmed
    }
}
