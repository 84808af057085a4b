import Groundwork
import Foundation

/// One cell of a `Figure` row.
public enum Panel: Sendable {
    /// A raster tile with a caption under it (`\n` starts a new caption line).
    case image(PNGImage, caption: String)
    /// A horizontal colour bar with tick labels at `min`, the middle (0 for a diverging map) and `max`.
    case colorBar(map: Colormap, min: Double, max: Double, label: String)
    /// A block of text (`\n` starts a new line), e.g. "true: Sneaker\npredicted: Sneaker 97 %".
    case text(String)
}

/// A titled panel of raster tiles and text, laid out by Graphviz as one HTML-like table and written as both PNG
/// and SVG (docs/ARCHITECTURE.md §4). Used for filters, feature maps, saliency strips — every figure made of tiles.
///
/// The SVG embeds the tiles as `data:` URIs, so each SVG stands alone (a gallery can inline it, a teacher can
/// copy one file); the PNG is Graphviz's cairo rendering of the same table.
public struct Figure: Sendable {
    /// The title row, in bold.
    public var title: String
    /// An optional line under the title (units, what the colours mean).
    public var subtitle: String?
    /// The rows, top to bottom; each has an optional label shown at its left.
    public private(set) var rows: [(label: String?, panels: [Panel])] = []

    /// An empty figure.
    public init(title: String, subtitle: String? = nil) {
        self.title = title
        self.subtitle = subtitle
    }

    /// Appends a row of panels, with an optional label at its left (e.g. "conv1", "randomised: fc2").
    public mutating func addRow(_ panels: [Panel], label: String? = nil) {
        rows.append((label, panels))
    }

    /// Writes `<directory>/<name>.png` and `.svg`; returns their paths. `command` is recorded in the footer,
    /// the PNG text chunks and the SVG comment.
    @discardableResult
    public func write(to directory: String, name: String, command: String) throws -> [String] {
        let temp = try PictureOutput.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: temp) }
        var files: [String: Data] = [:]
        var paths: [String] = []
        for (i, image) in tileImages().enumerated() {
            let path = temp + "/tile\(i).png"
            let data = try image.pngData()
            try AtomicFile.write(data, to: path)
            files[path] = data
            paths.append(path)
        }
        let dot = self.dot(imagePaths: paths, command: command)
        let png = try Graphviz.render(dot, format: .png)
        let svgRaw = String(decoding: try Graphviz.render(dot, format: .svg), as: UTF8.self)
        let svg = PictureOutput.embedImages(in: svgRaw, files: files)
        return try PictureOutput.write(png: png, svg: svg, to: directory, name: name, title: title, command: command)
    }

    // MARK: - Layout as DOT

    /// The raster tiles in the order `dot(imagePaths:command:)` refers to them (image panels and colour bars).
    func tileImages() -> [PNGImage] {
        rows.flatMap { $0.panels }.compactMap { panel -> PNGImage? in
            switch panel {
            case let .image(image, _): return image
            case let .colorBar(map, _, _, _): return Raster.colorBar(map: map)
            case .text: return nil
            }
        }
    }

    /// The DOT text: one plaintext node whose HTML-like label is the whole figure.
    func dot(imagePaths: [String], command: String) -> String {
        var next = 0
        func image() -> String { defer { next += 1 }; return PictureOutput.dotEscaped(imagePaths[next]) }
        var html = "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"6\" CELLPADDING=\"0\">\n"
        html += "<TR><TD><FONT POINT-SIZE=\"18\"><B>\(text(title))</B></FONT></TD></TR>\n"
        if let subtitle {
            html += "<TR><TD><FONT POINT-SIZE=\"12\" COLOR=\"#444444\">\(text(subtitle))</FONT></TD></TR>\n"
        }
        for row in rows {
            html += "<TR><TD><TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"10\" CELLPADDING=\"0\"><TR>"
            if let label = row.label {
                html += "<TD VALIGN=\"MIDDLE\" ALIGN=\"RIGHT\"><FONT POINT-SIZE=\"13\"><B>\(text(label))</B></FONT></TD>"
            }
            for panel in row.panels {
                switch panel {
                case let .image(tile, caption):
                    html += "<TD VALIGN=\"TOP\"><TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"0\">"
                    html += "<TR>\(imageCell(image(), tile.width, tile.height))</TR>"
                    if !caption.isEmpty {
                        html += "<TR><TD><FONT POINT-SIZE=\"12\">\(text(caption))</FONT></TD></TR>"
                    }
                    html += "</TABLE></TD>"
                case let .colorBar(_, lo, hi, label):
                    html += "<TD VALIGN=\"MIDDLE\">\(colorBarTable(image(), lo, hi, label))</TD>"
                case let .text(body):
                    html += "<TD VALIGN=\"MIDDLE\" BALIGN=\"LEFT\" ALIGN=\"LEFT\"><FONT POINT-SIZE=\"13\">\(text(body))</FONT></TD>"
                }
            }
            html += "</TR></TABLE></TD></TR>\n"
        }
        // The footer speaks the figure's language, which its title is written in.
        let madeBy = title.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } ? "生成命令：" : "made by: "
        html += "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\" COLOR=\"#777777\">\(madeBy)\(text(command))</FONT></TD></TR>\n"
        html += "</TABLE>"
        return """
            digraph figure {
              pad=0.2; bgcolor=white;
              node [shape=plaintext, margin=0, fontname="\(PictureOutput.fontName)"];
              figure [label=<
            \(html)
            >];
            }

            """
    }

    /// Bar, tick labels under its left end, centre and right end, and the caption. The bar and ticks sit in a
    /// fixed-size table: Graphviz stretches free tables to fill a wider row, which would pull the ticks apart.
    private func colorBarTable(_ path: String, _ lo: Double, _ hi: Double, _ label: String) -> String {
        let mid = lo < 0 && hi > 0 ? 0 : (lo + hi) / 2
        let width = Self.points(Raster.colorBarWidth), height = Self.points(14)
        var html = "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"0\"><TR><TD>"
        html += "<TABLE FIXEDSIZE=\"TRUE\" WIDTH=\"\(width + 2)\" HEIGHT=\"\(height + 18)\" BORDER=\"0\" "
        html += "CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\">"
        html += "<TR>\(imageCell(path, Raster.colorBarWidth, 14, columns: 3))</TR><TR>"
        for (value, align) in [(lo, "LEFT"), (mid, "CENTER"), (hi, "RIGHT")] {
            html += "<TD FIXEDSIZE=\"TRUE\" WIDTH=\"\((width + 2) / 3)\" HEIGHT=\"16\" ALIGN=\"\(align)\" VALIGN=\"BOTTOM\">"
            html += "<FONT POINT-SIZE=\"11\">\(Ticks.label(value))</FONT></TD>"
        }
        html += "</TR></TABLE></TD></TR>"
        html += "<TR><TD><FONT POINT-SIZE=\"11\" COLOR=\"#444444\">\(text(label))</FONT></TD></TR></TABLE>"
        return html
    }

    /// Graphviz draws PNGs at 96 dpi, so a tile of `n` pixels occupies `n × 72 / 96` points.
    static func points(_ pixels: Int) -> Int { (pixels * 3 + 3) / 4 }

    /// A bordered cell holding one tile at its natural size. The cell is fixed to the tile's size in points:
    /// Graphviz stretches unfixed cells to fill a wider row, and would draw the tile off-centre in the stretch.
    private func imageCell(_ path: String, _ width: Int, _ height: Int, columns: Int = 1) -> String {
        "<TD COLSPAN=\"\(columns)\" BORDER=\"1\" COLOR=\"#999999\" FIXEDSIZE=\"TRUE\" "
            + "WIDTH=\"\(Self.points(width) + 2)\" HEIGHT=\"\(Self.points(height) + 2)\"><IMG SRC=\"\(path)\"/></TD>"
    }

    /// HTML-label text: escaped, with `\n` as a line break.
    private func text(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { xmlEscaped(String($0)) }
            .joined(separator: "<BR/>")
    }
}
