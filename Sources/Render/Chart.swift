import Foundation

// How charts are drawn — one mechanism for every chart (line, function, histogram, decision boundary, contour,
// labelled heatmap):
//
// Each chart draws itself once, as SVG, with `SVGDocument` (axes, ticks, text, polylines, and any raster such as a
// probability background embedded as a `data:` PNG). The SVG file is that document. The PNG is the *same*
// document rasterised in-process by libgvc: a one-node DOT graph whose `image=` is the SVG, drawn by Graphviz's
// cairo renderer through its rsvg image loader (libgvplugin_rsvg), at 2× (the SVG's intrinsic size is doubled,
// the viewBox kept) so text and lines are crisp on projectors and high-density screens.
//
// Alternatives considered: our own antialiased rasteriser (lines and polygons are easy, but text would need a
// font engine or Graphviz anyway, and two drawings of one chart drift apart); raster plot area composed with
// Graphviz HTML tables for axes (tick positions cannot be placed exactly in a table). The rsvg path gives real
// antialiasing and font shaping (pango/fontconfig, DejaVu Sans) with one drawing, and needs nothing that
// Graphviz does not already load. Tile figures (filters, saliency strips) stay with `Figure` (HTML-like labels).

/// A chart that draws itself as SVG; `write(to:name:command:)` makes the SVG and PNG files from that drawing.
public protocol Chart {
    /// The title drawn at the top and stored in the files' metadata.
    var title: String { get }
    /// Draws the chart.
    func draw() throws -> SVGDocument
}

extension Chart {
    /// Writes `<directory>/<name>.svg` and `.png` (2×), both carrying `title` and `command`; returns their paths.
    @discardableResult
    public func write(to directory: String, name: String, command: String) throws -> [String] {
        let document = try draw()
        let png = try PictureOutput.rasterize(svg: document.text(scale: 2, title: title))
        return try PictureOutput.write(png: png, svg: document.text(title: title), to: directory, name: name,
                                       title: title, command: command)
    }
}

/// Colours for categories (series, classes, optimizers): Tableau 10, distinguishable and colour-blind aware.
public enum Palette {
    /// The ten category colours in order.
    public static let categorical: [RGB] = [
        RGB(31, 119, 180), RGB(255, 127, 14), RGB(44, 160, 44), RGB(214, 39, 40), RGB(148, 103, 189),
        RGB(140, 86, 75), RGB(227, 119, 194), RGB(127, 127, 127), RGB(188, 189, 34), RGB(23, 190, 207),
    ]

    /// The colour of category `i` (wrapping after ten).
    public static func color(_ i: Int) -> RGB { categorical[((i % 10) + 10) % 10] }

    /// One colour per function in every figure, by the engines' op name (`relu`, `leakyRelu`, `sigmoid`,
    /// `tanh`, …): a learner who met sigmoid in green meets it in green again. Unknown names get grey.
    public static func color(function name: String) -> RGB {
        let order = ["relu", "leakyRelu", "sigmoid", "tanh", "gelu", "softplus", "exp", "log"]
        return order.firstIndex(of: name).map(color) ?? color(7)
    }

    /// Ink for text and axes.
    static let ink = RGB(34, 34, 34)
    /// Light grid lines.
    static let grid = RGB(228, 228, 228)
    /// Secondary text (tick labels, footers).
    static let muted = RGB(85, 85, 85)
}
