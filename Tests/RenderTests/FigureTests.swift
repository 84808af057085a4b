import Foundation
import Testing
@testable import Render

@Suite struct FigureTests {
    func sampleFigure() -> Figure {
        var figure = Figure(title: "conv1 filters", subtitle: "blue < 0 < red")
        figure.addRow([.image(PNGImage(width: 40, height: 40, format: .rgb, fill: [255, 0, 0]), caption: "filter 0"),
                       .image(PNGImage(width: 40, height: 40, format: .rgb, fill: [0, 0, 255]), caption: "filter 1"),
                       .colorBar(map: .diverging, min: -0.5, max: 0.5, label: "weight")], label: "conv1")
        figure.addRow([.text("true: Sneaker\npredicted: Bag")])
        return figure
    }

    @Test func dotIsOneHTMLTableWithTitleTilesCaptionsAndFooter() {
        let figure = sampleFigure()
        #expect(figure.tileImages().count == 3)   // two tiles and the colour bar
        let dot = figure.dot(imagePaths: ["/t/a.png", "/t/b.png", "/t/bar.png"], command: "dlexplain filters")
        #expect(dot.contains("fontname=\"DejaVu Sans\""))
        #expect(dot.contains("<B>conv1 filters</B>") && dot.contains("blue &lt; 0 &lt; red"))
        #expect(dot.contains("<IMG SRC=\"/t/a.png\"/>") && dot.contains("<IMG SRC=\"/t/bar.png\"/>"))
        #expect(dot.contains("WIDTH=\"32\" HEIGHT=\"32\""))   // 40 px tile = 30 pt + border
        #expect(dot.contains(">filter 1<") && dot.contains("true: Sneaker<BR/>predicted: Bag"))
        #expect(dot.contains(">−0.5<") && dot.contains(">0<") && dot.contains(">0.5<"))
        #expect(dot.contains("made by: dlexplain filters"))
    }

    @Test func writeMakesAPNGWithTextChunksAndASelfContainedSVG() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let paths = try sampleFigure().write(to: dir, name: "fig", command: "dlexplain filters --index 3")
        #expect(paths == [dir + "/fig.png", dir + "/fig.svg"])

        let png = try PNGImage.read(from: paths[0], as: .rgb)
        #expect(png.width > 2 * 40 + 160 && png.height > 40 + 60)
        // The tiles are drawn at their own size: 40×40 px of pure colour, less at most one edge row and column
        // that Graphviz's sub-pixel placement blends with the border.
        #expect((39 * 39...41 * 41).contains(png.pixels.count(of: [255, 0, 0])))
        #expect((39 * 39...41 * 41).contains(png.pixels.count(of: [0, 0, 255])))
        let chunks = PNGChunks.text(in: Array(try Data(contentsOf: URL(fileURLWithPath: paths[0]))))
        #expect(chunks.map(\.key) == ["Title", "Software", "Comment"])
        #expect(chunks.map(\.value) == ["conv1 filters", "dlexplain", "dlexplain filters --index 3"])

        let svg = try String(contentsOfFile: paths[1], encoding: .utf8)
        #expect(svg.contains("<!-- dlexplain: conv1 filters") && svg.contains("made by: dlexplain filters - -index 3"))
        #expect(svg.contains("data:image/png;base64,"))
        #expect(!svg.contains("dlexplain-render-"))   // no reference to the deleted temp tiles
        #expect(svg.contains("filter 0") && svg.contains("Sneaker"))
    }
}

extension Array where Element == UInt8 {
    /// How many RGB pixels equal `rgb`.
    func count(of rgb: [UInt8]) -> Int {
        stride(from: 0, to: count - 2, by: 3).reduce(0) { $0 + (self[$1] == rgb[0] && self[$1 + 1] == rgb[1] && self[$1 + 2] == rgb[2] ? 1 : 0) }
    }
}
