import Datasets
import Foundation
import Render
import Testing
@testable import Showcase

@Suite struct ImageInputTests {
    /// A white 56 × 56 picture with a black 28 × 28 square in its top-left quarter.
    func squareOnWhite() -> PNGImage {
        var image = PNGImage(width: 56, height: 56, format: .rgba, fill: [255, 255, 255, 255])
        for y in 0..<28 { for x in 0..<28 { image.setPixel(x: x, y: y, [0, 0, 0, 255]) } }
        return image
    }

    @Test func areaAverageOfAnExactHalvingIsTheMeanOfEachTwoByTwoBlock() {
        // A square 4 × 4 → 2 × 2: every output pixel is the plain mean of one 2 × 2 block.
        let grey = PNGImage(width: 4, height: 4, format: .gray,
                            pixels: [0, 100, 10, 10, 200, 100, 10, 10, 255, 255, 0, 0, 255, 255, 0, 40])
        let out = ImageInput.areaAverage(grey, width: 2, height: 2, padding: 0)
        #expect(out == [100, 10, 255, 10])
    }

    @Test func aThirdOfAPixelCountsAsAThird() {
        // 3 pixels → 2: each output covers 1.5 source pixels: (a + b/2) / 1.5 and (b/2 + c) / 1.5.
        let grey = PNGImage(width: 3, height: 3, format: .gray, pixels: [30, 60, 90, 30, 60, 90, 30, 60, 90])
        let out = ImageInput.areaAverage(grey, width: 2, height: 2, padding: 0)
        #expect(abs(out[0] - 40) < 1e-4 && abs(out[1] - 80) < 1e-4)
        #expect(out[0] == out[2] && out[1] == out[3])
    }

    @Test func aWideImageIsPaddedWithTheBackgroundNotStretched() {
        // 4 × 2 all 200 on black: padded to 4 × 4 with one black row above and below, then 2 × 2.
        let grey = PNGImage(width: 4, height: 2, format: .gray, pixels: [UInt8](repeating: 200, count: 8))
        let out = ImageInput.areaAverage(grey, width: 2, height: 2, padding: 0)
        #expect(out == [100, 100, 100, 100])
        let onWhite = ImageInput.areaAverage(grey, width: 2, height: 2, padding: 255)
        #expect(onWhite.allSatisfy { abs($0 - 227.5) < 1e-4 })
    }

    @Test func aWhiteBackgroundIsInvertedSoTheItemIsLightOnBlack() {
        let input = ImageInput(decoded: squareOnWhite(), name: "sq.png", width: 28, height: 28, background: .white)
        #expect(input.values.count == 28 * 28)
        #expect(input.values[0] == 1)                 // inside the black square, inverted to white
        #expect(input.values[27 * 28 + 27] == 0)      // the white background, inverted to black
        #expect(input.steps.contains("inverted") && input.steps.contains("area average"))
        let kept = ImageInput(decoded: squareOnWhite(), name: "sq.png", width: 28, height: 28, background: .black)
        #expect(kept.values[0] == 0 && kept.values[27 * 28 + 27] == 1)
        #expect(!kept.steps.contains("inverted"))
    }

    @Test func greyIsRec601LumaAndTransparencyShowsTheBackground() {
        var image = PNGImage(width: 2, height: 1, format: .rgba, fill: [0, 0, 0, 255])
        image.setPixel(x: 0, y: 0, [255, 0, 0, 255])
        image.setPixel(x: 1, y: 0, [0, 0, 0, 0])  // fully transparent
        #expect(ImageInput.composite(image, onto: 255).pixels == [76, 255])
        #expect(ImageInput.composite(image, onto: 0).pixels == [76, 0])
    }

    @Test func normalisedValuesFollowTheDataSetsStatistics() {
        let input = ImageInput(decoded: squareOnWhite(), name: "sq.png", width: 28, height: 28, background: .white)
        let n = Normalization(mean: 0.25, std: 0.5)
        #expect(input.normalized(n)[0] == 1.5 && input.normalized(n)[27 * 28 + 27] == -0.5)
    }

    @Test func aPNGFileConvertsAndABadOneIsNamed() throws {
        let dir = NSTemporaryDirectory() + "dlx-img-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try squareOnWhite().write(to: dir + "/sq.png")
        let input = try ImageInput(file: dir + "/sq.png", width: 28, height: 28, background: .white)
        #expect(input.source.width == 56 && input.grey.format == .gray && input.values[0] == 1)
        try Data("GIF89a".utf8).write(to: URL(fileURLWithPath: dir + "/x.png"))
        #expect(throws: PNGError.notPNG(path: dir + "/x.png")) {
            try ImageInput(file: dir + "/x.png", width: 28, height: 28, background: .black)
        }
    }
}
