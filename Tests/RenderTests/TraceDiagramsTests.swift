import Groundwork
import Foundation
import Testing
@testable import Render
import Tracing

@Suite struct TraceDiagramsTests {
    let command = "dlexplain trace \"tanh(x1*w1 + x2*w2 + b)\" --out DIR"

    @Test func writesGraphAndBackpropAsDotSvgAndPng() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let paths = try TraceDiagrams.write(Fixtures.neuron, to: dir, command: command)
        #expect(paths.map { ($0 as NSString).lastPathComponent }
                == ["graph.dot", "graph.svg", "graph.png", "backprop.dot", "backprop.svg", "backprop.png"])
        #expect(try String(contentsOfFile: paths[0], encoding: .utf8) == Golden.neuronGraph)

        let image = try PNGImage.read(from: paths[2], as: .rgb)
        #expect(image.width > 600 && image.height > 200)
        #expect(image.pixels.contains { $0 < 64 })          // dark ink: text and outlines
        #expect(image.pixel(x: 2, y: 2) == [255, 255, 255])  // white background
        let backprop = try PNGImage.read(from: paths[5], as: .rgb)
        // The largest contribution (−1.5, into x1) is drawn in the darkest blue of the diverging map.
        let blue = Colormap.diverging.color(0)
        #expect(stride(from: 0, to: backprop.pixels.count, by: 3).contains { i in
            backprop.pixels[i] == blue.r && backprop.pixels[i + 1] == blue.g && backprop.pixels[i + 2] == blue.b
        })
    }

    @Test func everyPictureCarriesItsTitleAndCommand() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let paths = try TraceDiagrams.write(Fixtures.neuron, to: dir, command: command)
        let png = [UInt8](try Data(contentsOf: URL(fileURLWithPath: paths[2])))
        let text = Dictionary(uniqueKeysWithValues: PNGChunks.text(in: png).map { ($0.key, $0.value) })
        #expect(text["Title"] == "Computation graph: tanh(x1*w1 + x2*w2 + b)")
        #expect(text["Software"] == "dlexplain")
        #expect(text["Comment"] == command)
        let svg = try String(contentsOfFile: paths[4], encoding: .utf8)
        #expect(svg.contains("<!-- dlexplain: Backprop flow: tanh(x1*w1 + x2*w2 + b) | command: dlexplain trace "
                             + "\"tanh(x1*w1 + x2*w2 + b)\" &#45;&#45;out DIR -->"))
        #expect(!svg.contains("--out"))  // "--" is not allowed inside an XML comment
    }

    @Test func flipbookFramesAreNumberedInOrder() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let paths = try TraceDiagrams.write(Fixtures.reused, to: dir, command: "test", flipbook: true)
        let names = paths.map { ($0 as NSString).lastPathComponent }
        #expect(names.count == 12)
        #expect(names.suffix(3) == ["backprop-step-02.dot", "backprop-step-02.svg", "backprop-step-02.png"])
        let frame = try PNGImage.read(from: paths[8], as: .rgb)
        #expect(frame.width > 300 && frame.pixels.contains { $0 < 64 })
    }

    @Test func shapeOnlyTracesGetOnlyTheGraph() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let paths = try TraceDiagrams.write(Fixtures.tensor(level: .shapes), to: dir, command: "test")
        #expect(paths.count == 3 && paths.allSatisfy { FileManager.default.fileExists(atPath: $0) })
    }

    @Test func unwritableDirectoryIsReportedByPath() {
        #expect(throws: OutputError.self) {
            try TraceDiagrams.write(Fixtures.neuron, to: "/proc/dlexplain-cannot-write", command: "test")
        }
    }
}
