import Foundation
import Testing
@testable import Render

@Suite struct ExplainFiguresTests {
    let image = (0..<784).map { Float($0 % 28) / 27 }
    var tile: HeatTile { HeatTile(title: "Grad-CAM", values: (0..<784).map { Float($0 / 28) }, width: 28, height: 28, signed: false) }

    @Test func tilesAreScaledUpToTheExpectedSizes() {
        let overlay = ExplainFigures.overlay(tile, on: image)
        #expect(overlay.width == 168 && overlay.height == 168)
        // Row 0 of the map is 0: the grey input shows through unchanged (black at x = 0).
        #expect(overlay.pixel(x: 0, y: 0) == [0, 0, 0])
        guard case let .image(grid, _) = ExplainFigures.filters(layer: "conv1", weights: (0..<250).map { Float($0) - 125 },
                                                                 outChannels: 10, inChannels: 1, kernelHeight: 5,
                                                                 kernelWidth: 5) else { Issue.record("not an image"); return }
        #expect(grid.width == 10 * 80 + 11 * 8 && grid.height == 80 + 2 * 8)   // 8-px white gaps in a single row
        guard case let .image(grid2, _) = ExplainFigures.filters(layer: "conv2", weights: [Float](repeating: 1, count: 4 * 3 * 9),
                                                                  outChannels: 4, inChannels: 3, kernelHeight: 3,
                                                                  kernelWidth: 3) else { Issue.record("not an image"); return }
        #expect(grid2.width == 4 * 39 + 5 * 2 && grid2.height == 3 * 39 + 4 * 2)   // 3×3 scaled by 13, 2-px rules
        let maps = ExplainFigures.featureMaps([Float](repeating: 0.5, count: 3 * 12 * 12), channels: 3, height: 12, width: 12)
        #expect(maps.width == 3 * 96 + 4 && maps.height == 96 + 2)
    }

    @Test func panelDecodesBackWithEveryTile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let tiles = (0..<6).map { i in HeatTile(title: "map \(i)", values: tile.values, width: 28, height: 28, signed: i % 2 == 1) }
        let panel = ExplainFigures.panel(tiles, image: image, title: "What seed looks at", subtitle: "six maps",
                                         info: "true: Sneaker\npredicted: Sneaker 97 %")
        #expect(panel.tileImages().count == 7 + 2)   // input, six maps, two colour bars
        let paths = try panel.write(to: dir, name: "panel", command: "dlexplain explain --index 9")
        let png = try PNGImage.read(from: paths[0], as: .rgb)
        #expect(png.width > 7 * 168 && png.height > 168)
        let single = ExplainFigures.single(tile, image: image, title: "Grad-CAM", subtitle: "test")
        let singlePNG = try PNGImage.read(from: try single.write(to: dir, name: "single", command: "x")[0], as: .rgb)
        #expect(singlePNG.width > 2 * 168 && singlePNG.height > 168 + 14)
    }
}

@Suite struct HeatTileCaptionTests {
    @Test func anAllZeroMapIsNotCaptionedWithARange() {
        let zero = HeatTile(title: "Grad-CAM", values: [Float](repeating: 0, count: 4), width: 2, height: 2, signed: false)
        #expect(zero.rangeCaption == "all zero")
        let some = HeatTile(title: "Grad-CAM", values: [0, 0.5, 0.25, 0], width: 2, height: 2, signed: false)
        #expect(some.rangeCaption == "range 0 … 0.5")
        let signed = HeatTile(title: "IG", values: [0, -0.5, 0.25, 0], width: 2, height: 2, signed: true)
        #expect(signed.rangeCaption == "range ±0.5")
    }
}
