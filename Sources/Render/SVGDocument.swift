import Foundation

/// A small SVG writer for charts: shapes and text in user units (≈ pixels of the 1× picture).
public struct SVGDocument: Sendable {
    /// Text anchoring, as SVG's `text-anchor`.
    public enum Anchor: String, Sendable { case start, middle, end }

    /// Width in user units.
    public let width: Double
    /// Height in user units.
    public let height: Double
    private var body: [String] = []
    private var clips = 0

    /// An empty white canvas.
    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
        rect(x: 0, y: 0, width: width, height: height, fill: RGB(255, 255, 255))
    }

    /// A rectangle; `stroke` nil means no outline.
    public mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: RGB?,
                              stroke: RGB? = nil, strokeWidth: Double = 1, opacity: Double = 1) {
        body.append("<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(width))\" height=\"\(n(height))\""
            + paint(fill: fill, stroke: stroke, strokeWidth: strokeWidth, opacity: opacity) + "/>")
    }

    /// A straight line.
    public mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: RGB,
                              width: Double = 1, dashed: Bool = false) {
        body.append("<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke.hex)\""
            + " stroke-width=\"\(n(width))\"" + (dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>")
    }

    /// An open polyline through `points`.
    public mutating func polyline(_ points: [(x: Double, y: Double)], stroke: RGB, width: Double = 2,
                                  dashed: Bool = false, opacity: Double = 1) {
        guard points.count > 1 else { return }
        let list = points.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ")
        body.append("<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke.hex)\" stroke-width=\"\(n(width))\""
            + " stroke-linejoin=\"round\" stroke-linecap=\"round\""
            + (dashed ? " stroke-dasharray=\"7 4\"" : "") + (opacity < 1 ? " stroke-opacity=\"\(n(opacity))\"" : "")
            + "/>")
    }

    /// Many separate segments as one path (contour lines).
    public mutating func segments(_ segments: [((x: Double, y: Double), (x: Double, y: Double))], stroke: RGB,
                                  width: Double = 1, dashed: Bool = false) {
        guard !segments.isEmpty else { return }
        let d = segments.map { "M\(n($0.0.x)) \(n($0.0.y))L\(n($0.1.x)) \(n($0.1.y))" }.joined()
        body.append("<path d=\"\(d)\" fill=\"none\" stroke=\"\(stroke.hex)\" stroke-width=\"\(n(width))\""
            + " stroke-linecap=\"round\"" + (dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>")
    }

    /// A filled polygon.
    public mutating func polygon(_ points: [(x: Double, y: Double)], fill: RGB, opacity: Double = 1,
                                 stroke: RGB? = nil) {
        let list = points.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ")
        body.append("<polygon points=\"\(list)\"" + paint(fill: fill, stroke: stroke, strokeWidth: 1, opacity: opacity)
            + "/>")
    }

    /// A circle (markers, scatter points).
    public mutating func circle(cx: Double, cy: Double, r: Double, fill: RGB?, stroke: RGB? = nil,
                                strokeWidth: Double = 1, opacity: Double = 1) {
        body.append("<circle cx=\"\(n(cx))\" cy=\"\(n(cy))\" r=\"\(n(r))\""
            + paint(fill: fill, stroke: stroke, strokeWidth: strokeWidth, opacity: opacity) + "/>")
    }

    /// Text at (x, y) (the baseline); `rotation` in degrees about that point.
    public mutating func text(_ s: String, x: Double, y: Double, size: Double = 12, anchor: Anchor = .start,
                              bold: Bool = false, fill: RGB = RGB(34, 34, 34), rotation: Double = 0) {
        var attrs = "x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" text-anchor=\"\(anchor.rawValue)\""
        attrs += " fill=\"\(fill.hex)\""
        if bold { attrs += " font-weight=\"bold\"" }
        if rotation != 0 { attrs += " transform=\"rotate(\(n(rotation)) \(n(x)) \(n(y)))\"" }
        body.append("<text \(attrs)>\(xmlEscaped(s))</text>")
    }

    /// Starts clipping everything drawn until `endClip()` to the rectangle (paths that leave the plot box).
    public mutating func beginClip(x: Double, y: Double, width: Double, height: Double) {
        clips += 1
        body.append("<clipPath id=\"clip\(clips)\"><rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(width))\""
            + " height=\"\(n(height))\"/></clipPath><g clip-path=\"url(#clip\(clips))\">")
    }

    /// Ends the innermost `beginClip`.
    public mutating func endClip() {
        body.append("</g>")
    }

    /// A raster drawn into the box, embedded as a `data:` URI. `smooth` false keeps pixels square.
    public mutating func image(_ image: PNGImage, x: Double, y: Double, width: Double, height: Double,
                               smooth: Bool = true) throws {
        let data = try image.pngData().base64EncodedString()
        body.append("<image x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(width))\" height=\"\(n(height))\""
            + " preserveAspectRatio=\"none\"" + (smooth ? "" : " style=\"image-rendering:pixelated\"")
            + " xlink:href=\"data:image/png;base64,\(data)\"/>")
    }

    /// The document as SVG text. `scale` sets the intrinsic size (the viewBox stays `width × height`), which is
    /// how the PNG is drawn at 2× from the very same drawing.
    public func text(scale: Double = 1, title: String? = nil) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\""
        out += " width=\"\(n(width * scale))\" height=\"\(n(height * scale))\" viewBox=\"0 0 \(n(width)) \(n(height))\""
        out += " font-family=\"\(PictureOutput.cssFontFamily)\">\n"
        if let title { out += "<title>\(xmlEscaped(title))</title>\n" }
        out += body.joined(separator: "\n")
        out += "\n</svg>\n"
        return out
    }

    private func paint(fill: RGB?, stroke: RGB?, strokeWidth: Double, opacity: Double) -> String {
        var s = " fill=\"\(fill?.hex ?? "none")\""
        if opacity < 1 { s += " fill-opacity=\"\(n(opacity))\"" }
        if let stroke { s += " stroke=\"\(stroke.hex)\" stroke-width=\"\(n(strokeWidth))\"" }
        return s
    }

    /// Coordinates with at most two decimals, no trailing zeros (keeps files small and diffs readable).
    private func n(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        if r == r.rounded() { return String(Int(r)) }
        var s = String(format: "%.2f", r)
        while s.hasSuffix("0") { s.removeLast() }
        return s
    }
}
