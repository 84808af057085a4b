import Foundation
import Testing
@testable import Render

@Suite struct RasterTests {
    @Test func heatmapOfMinusOneZeroOneIsBlueWhiteRed() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Raster.heatmap([-1.0, 0, 1], width: 3, height: 1).write(to: dir + "/h.png")
        let back = try PNGImage.read(from: dir + "/h.png", as: .rgb)
        #expect(back.width == 3 && back.height == 1)
        #expect(back.pixel(x: 0, y: 0) == [33, 102, 172])
        #expect(back.pixel(x: 1, y: 0) == [255, 255, 255])
        #expect(back.pixel(x: 2, y: 0) == [178, 24, 43])
    }

    @Test func divergingRangeIsSymmetricAroundZero() {
        // 0.5 against a largest |v| of 2 (on the negative side) is a quarter of the way to full red.
        let image = Raster.heatmap([Float(-2), 0.5], width: 2, height: 1)
        #expect(image.pixel(x: 0, y: 0) == [33, 102, 172])
        let c = Colormap.diverging.color(0.625)
        #expect(image.pixel(x: 1, y: 0) == [c.r, c.g, c.b])
    }

    @Test func greyMapsItsRangeToBlackAndWhite() {
        let image = Raster.grey([2.0, 3, 4], width: 3, height: 1)
        #expect(image.format == .gray)
        #expect(image.pixels == [0, 128, 255])
        #expect(Raster.grey([0.5], width: 1, height: 1, range: 0...1).pixels == [128])
    }

    @Test func overlayShowsTheInputWhereHeatIsZeroAndBlendsByAlpha() {
        let image = Raster.overlay([0.0, 1.0], on: [0.5, 0.5], width: 2, height: 1, map: .viridis, alpha: 0.6,
                                   baseRange: 0...1)
        #expect(image.pixel(x: 0, y: 0) == [128, 128, 128])
        let top = Colormap.viridis.color(1)
        let expected: [UInt8] = [top.r, top.g, top.b].map { (c: UInt8) -> UInt8 in
            let blended: Double = 128 * 0.4 + Double(c) * 0.6
            return UInt8(blended.rounded())
        }
        #expect(image.pixel(x: 1, y: 0) == expected)
    }

    @Test func upscaledRepeatsEachPixelAsASquare() {
        let image = PNGImage(width: 2, height: 2, format: .gray, pixels: [10, 20, 30, 40]).upscaled(by: 3)
        #expect(image.width == 6 && image.height == 6)
        #expect(image.pixel(x: 0, y: 0) == [10] && image.pixel(x: 2, y: 2) == [10])
        #expect(image.pixel(x: 3, y: 0) == [20] && image.pixel(x: 5, y: 5) == [40] && image.pixel(x: 0, y: 5) == [30])
    }

    @Test func tileGridLeavesOnePixelGapsBetweenTiles() {
        let red = PNGImage(width: 2, height: 2, format: .rgb, fill: [255, 0, 0])
        let grid = TileGrid(columns: 2).compose([red, red, red])
        #expect(grid.width == 2 * 2 + 3 && grid.height == 2 * 2 + 3)
        #expect(grid.pixel(x: 0, y: 0) == [140, 140, 140])
        #expect(grid.pixel(x: 1, y: 1) == [255, 0, 0] && grid.pixel(x: 2, y: 2) == [255, 0, 0])
        #expect(grid.pixel(x: 3, y: 1) == [140, 140, 140])   // the gap between the first two tiles
        #expect(grid.pixel(x: 1, y: 4) == [255, 0, 0] && grid.pixel(x: 2, y: 5) == [255, 0, 0])  // third tile
        #expect(grid.pixel(x: 4, y: 4) == [140, 140, 140])   // the empty slot stays gap-coloured
    }

    @Test func filtersAreEachNormalisedOnTheirOwn() {
        // A tiny filter and a huge one both reach the ends of the diverging map.
        let weights: [Float] = [-0.01, 0.005, 0, 0.01, -100, 0, 50, 100]
        let bank = TileGrid.filters(weights, count: 2, height: 2, width: 2, columns: 2, scale: 2)
        #expect(bank.width == 2 * 4 + 3 && bank.height == 4 + 2)
        let blue: [UInt8] = [33, 102, 172], red: [UInt8] = [178, 24, 43]
        #expect(bank.pixel(x: 1, y: 1) == blue && bank.pixel(x: 3, y: 3) == red)
        #expect(bank.pixel(x: 6, y: 1) == blue && bank.pixel(x: 8, y: 3) == red)
    }
}
