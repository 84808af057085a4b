import Testing
@testable import Render

@Suite struct ColormapTests {
    @Test func divergingIsWhiteAtZeroBlueBelowRedAbove() {
        #expect(Colormap.diverging.color(value: 0, limit: 3) == RGB(255, 255, 255))
        let neg = Colormap.diverging.color(value: -3, limit: 3), pos = Colormap.diverging.color(value: 3, limit: 3)
        #expect(neg.b > neg.r && pos.r > pos.b)
    }

    @Test func viridisRunsDarkPurpleToYellow() {
        #expect(Colormap.viridis.color(0) == RGB(68, 1, 84))
        #expect(Colormap.viridis.color(1) == RGB(253, 231, 37))
        #expect(RGB(255, 0, 16).hex == "#ff0010")
    }
}
