import Foundation
import Testing
@testable import Render

/// Issue 12: axes survive any finite data (a range of ±1e308 once made tick generation run forever).
@Suite struct TicksExtremeTests {
    @Test(arguments: [(-1e308, 1e308), (-Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude),
                      (0, Double.greatestFiniteMagnitude), (1, 1 + 1e-12), (1e-300, 2e-300)])
    func ticksOfExtremeRangesAreFewAndFinite(lower: Double, upper: Double) {
        let ticks = Ticks.nice(lower...upper)
        #expect(ticks.count >= 2 && ticks.count <= 40)
        #expect(ticks.allSatisfy { $0.isFinite })
        #expect(ticks.first! <= lower && ticks.last! >= upper)
    }

    @Test func ordinaryRangesKeepTheirTicks() {
        #expect(Ticks.nice(0...1) == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
        #expect(Ticks.nice(0...10, minimumStep: 1) == [0, 2, 4, 6, 8, 10])
    }

    @Test func aChartOfTheLargestFiniteValuesDrawsFinitePoints() throws {
        let chart = LineChart(title: "t", xLabel: "x", yLabel: "y",
                              series: [Series("s", x: [1, 2, 3], y: [-1e308, 1e308, Double.greatestFiniteMagnitude])])
        let svg = try chart.draw().text()
        #expect(!svg.contains("nan") && !svg.contains("inf"))
    }
}
