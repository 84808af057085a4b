import Foundation
import Testing
@testable import Render

@Suite struct ChartTests {
    @Test func ticksFallOnNiceNumbersWithMatchingDecimals() {
        #expect(Ticks.nice(0...2.3, count: 6) == [0, 0.5, 1, 1.5, 2, 2.5])
        #expect(Ticks.nice(-4...4, count: 5) == [-4, -2, 0, 2, 4])
        #expect(Ticks.niceStep(0.0037) == 0.005 && Ticks.niceStep(23) == 25)
        #expect(Ticks.labels([0, 0.5, 1]) == ["0.0", "0.5", "1.0"])
        #expect(Ticks.labels([-2, 0, 2]) == ["−2", "0", "2"])
        #expect(Ticks.label(0.000123) == "1.23e-04" && Ticks.label(12.5) == "12.5" && Ticks.label(-0.5) == "−0.5")
    }

    @Test func contourOfTheUnitCircleLiesOnRadiusOne() {
        let grid = Grid2D(columns: 81, rows: 81, xRange: -2...2, yRange: -2...2) { x, y in x * x + y * y }
        let segments = grid.contour(at: 1)
        #expect(segments.count > 40)
        for (a, b) in segments {
            #expect(abs(hypot(a.x, a.y) - 1) < 0.01 && abs(hypot(b.x, b.y) - 1) < 0.01)
        }
        #expect(grid.contour(at: 100).isEmpty)
    }

    @Test func histogramCountsEachValueInOneSharedBin() {
        let h = Histogram(title: "w", xLabel: "w", groups: [.init("a", values: [0, 0.1, 0.95, 1, .nan, 7]),
                                                           .init("b", values: [0.5])], bins: 4, range: 0...1)
        let (range, counts) = h.counts()
        #expect(range == 0...1)
        #expect(counts == [[2, 0, 0, 2], [0, 0, 1, 0]])
    }

    @Test func lineChartWritesASVGAndA2xPNGFromOneDrawing() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let chart = LineChart(title: "Loss per epoch", xLabel: "epoch", yLabel: "loss",
                              series: [Series("training", perEpoch: [2, 1.2, 0.8, 0.6], color: RGB(255, 0, 0)),
                                       Series("validation", perEpoch: [2.1, 1.4, 1.1, 1.2], dashed: true)])
        let paths = try chart.write(to: dir, name: "curves", command: "dlexplain train --epochs 4")
        let svg = try String(contentsOfFile: paths[1], encoding: .utf8)
        for text in ["Loss per epoch", ">epoch<", ">loss<", ">training<", ">validation<", "stroke-dasharray",
                     "<desc>made by: dlexplain train --epochs 4</desc>", "<!-- dlexplain: Loss per epoch"] {
            #expect(svg.contains(text), "SVG lacks \(text)")
        }
        let png = try PNGImage.read(from: paths[0], as: .rgb)
        #expect(abs(png.width - 2 * 680) <= 8 && abs(png.height - 2 * 440) <= 8)
        #expect(png.pixels.count(of: [255, 0, 0]) > 200)   // the red training line is drawn
        let chunks = PNGChunks.text(in: Array(try Data(contentsOf: URL(fileURLWithPath: paths[0]))))
        #expect(chunks.map(\.value) == ["Loss per epoch", "dlexplain", "dlexplain train --epochs 4"])
    }

    @Test func decisionBoundaryTintsEachSideByItsClass() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let plot = DecisionBoundaryPlot(title: "boundary", x: [0], y: [0], labels: [1], resolution: 60) { x, _ in
            1 / (1 + exp(-8 * x))
        }
        let svg = try plot.draw().text()
        #expect(svg.contains("<path d=\"M"))   // the P = 0.5 contour
        let png = try PNGImage.read(from: try plot.write(to: dir, name: "b", command: "test")[0], as: .rgb)
        // Plot box: x 76…544, y 54…480 in 1× units; sample mid-height near the left and right edges at 2×.
        let left = png.pixel(x: 2 * 90, y: 2 * 267), right = png.pixel(x: 2 * 530, y: 2 * 267)
        #expect(left[2] > left[0] + 40, "left of the boundary is class 0 (blue): \(left)")
        #expect(right[0] > right[2] + 40, "right of the boundary is class 1 (red): \(right)")
    }

    @Test func heatmapPrintsCountsAndLabelsAndPicksItsMap() throws {
        let chart = HeatmapChart(title: "Confusion", matrix: [50, 2, 3, 45], rowLabels: ["Sneaker", "Bag"],
                                 columnLabels: ["Sneaker", "Bag"], xLabel: "predicted", yLabel: "true",
                                 valueLabel: "images")
        let svg = try chart.draw().text()
        for text in [">50<", ">45<", ">Sneaker<", ">Bag<", ">predicted<", ">true<", ">images<"] {
            #expect(svg.contains(text), "SVG lacks \(text)")
        }
        #expect(chart.scale.map == .viridis && chart.scale.range == 0...50)
        let signed = HeatmapChart(title: "Δ", matrix: [-0.25, 0.125], rowLabels: ["a"], columnLabels: ["x", "y"],
                                  xLabel: "", yLabel: "")
        #expect(signed.scale.map == .diverging && signed.scale.range == -0.25...0.25)
        #expect(signed.cellText(-0.25) == "−0.25" && signed.cellText(0.05) == "0.050")
    }

    @Test func contourPlotDrawsPathsAndDefaultLevels() throws {
        let plot = ContourPlot(title: "paths", f: { x, y in x * x + 10 * y * y }, xRange: -2...2, yRange: -1...1,
                               resolution: 40, paths: [.init("SGD", x: [-1.5, -1, -0.5], y: [0.8, -0.6, 0.4])],
                               marker: (0, 0, "minimum"))
        let levels = plot.drawnLevels
        #expect(levels.count >= 10 && zip(levels, levels.dropFirst()).allSatisfy { $0 < $1 })
        let svg = try plot.draw().text()
        #expect(svg.contains(">SGD<") && svg.contains(">minimum<") && svg.contains("<polyline"))
        #expect(svg.contains("clip-path=\"url(#clip1)\""))
    }
}
