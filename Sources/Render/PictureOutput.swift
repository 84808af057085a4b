import Groundwork
import Foundation

/// What every written picture shares (docs/ARCHITECTURE.md §4): the PNG's text chunks and the SVG's comment carry the title
/// and the command that made it; files land atomically as `<directory>/<name>.png` and `.svg`.
public enum PictureOutput {
    /// The font every picture asks for (Graphviz and SVG alike).
    public static let fontName = "DejaVu Sans"
    /// CSS font list for SVG text: DejaVu first, then a CJK face for the 中文 lessons, then any sans.
    public static let cssFontFamily = "'DejaVu Sans', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif"

    /// `tEXt` entries for a PNG: Title, Software, Comment (the command).
    public static func textChunks(title: String, command: String) -> [(key: String, value: String)] {
        [("Title", title), ("Software", "dlexplain"), ("Comment", command)]
    }

    /// `svg` with an XML comment naming the title and the command, placed right after the XML declaration, and
    /// the exact command in a `<desc>` element (a comment cannot hold "--", so there it reads "- -").
    public static func withComment(_ svg: String, title: String, command: String) -> String {
        let comment = "<!-- dlexplain: \(commentSafe(title))\n     made by: \(commentSafe(command)) -->\n"
        var out = svg
        if let open = out.range(of: "<svg"), let close = out.range(of: ">", range: open.upperBound..<out.endIndex) {
            out.insert(contentsOf: "\n<desc>made by: \(xmlEscaped(command))</desc>", at: close.upperBound)
        }
        if let end = out.range(of: "?>\n"), out.hasPrefix("<?xml") {
            return String(out[..<end.upperBound]) + comment + String(out[end.upperBound...])
        }
        return comment + out
    }

    /// Writes `png` bytes (with text chunks added) and `svg` text; returns both paths.
    static func write(png: Data, svg: String, to directory: String, name: String, title: String,
                      command: String) throws -> [String] {
        let base = directory.hasSuffix("/") ? directory + name : directory + "/" + name
        let tagged = PNGChunks.insertText(textChunks(title: title, command: command), into: Array(png))
        try AtomicFile.write(Data(tagged), to: base + ".png")
        try AtomicFile.write(withComment(svg, title: title, command: command), to: base + ".svg")
        return [base + ".png", base + ".svg"]
    }

    /// Replaces every `xlink:href="<file>"` that names one of `files` with an inline `data:image/png;base64,…`
    /// URI, so the SVG stands alone (a teacher copies one file; the gallery inlines it).
    static func embedImages(in svg: String, files: [String: Data]) -> String {
        var out = svg
        for (path, bytes) in files {
            // Tiles are already upscaled nearest-neighbour; "pixelated" keeps them square when a browser zooms.
            out = out.replacingOccurrences(
                of: "xlink:href=\"\(path)\"",
                with: "style=\"image-rendering:pixelated\" xlink:href=\"data:image/png;base64,\(bytes.base64EncodedString())\"")
        }
        return out
    }

    /// Rasterises an SVG document to PNG bytes in-process: libgvc's cairo renderer draws a one-node graph whose
    /// image is the SVG, loaded through the rsvg plugin (antialiased lines, real font shaping).
    static func rasterize(svg: String) throws -> Data {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/chart.svg"
        try AtomicFile.write(svg, to: path)
        let dot = """
            digraph chart { pad=0; margin=0; bgcolor=white;
              n [shape=none, label="", margin=0, width=0, height=0, image="\(dotEscaped(path))"]; }
            """
        return try Graphviz.render(dot, format: .png)
    }

    /// A fresh private folder for files Graphviz must read (it loads images by path only).
    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("dlexplain-render-\(UUID().uuidString)").path
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw OutputError.unwritable(path: path, reason: "cannot create a temporary folder for image tiles")
        }
        return path
    }

    static func dotEscaped(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }

    private static func commentSafe(_ s: String) -> String {
        s.replacingOccurrences(of: "--", with: "- -")
    }
}

/// Escapes text for XML/SVG and Graphviz HTML-like labels. Control characters other than tab and newline are
/// not allowed in XML 1.0 at all (a layer name with ESC in a health CSV made librsvg refuse the whole SVG), so
/// they are shown as `\u{…}`.
func xmlEscaped(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.count)
    for scalar in s.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "\t", "\n": out.unicodeScalars.append(scalar)
        default:
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out
}
