import Foundation
import Testing
@testable import Render

@Suite struct ArchitectureDOTTests {
    static let diagram = ArchitectureDiagram(name: "tiny", inputShape: [1, 8, 8], layers: [
        .init(name: "conv1", kind: "Conv2d 1→3 3×3", outputShape: [3, 6, 6], parameterCount: 30),
        .init(name: "relu1", kind: "ReLU", outputShape: [3, 6, 6], parameterCount: 0),
        .init(name: "flatten", kind: "Flatten", outputShape: [108], parameterCount: 0),
        .init(name: "fc", kind: "Linear 108→10", outputShape: [10], parameterCount: 1090),
    ])

    static let flow = GradientFlowNumbers(inputGradientNorm: 1e-5, activationGradientNorms: [0.02, 0.01, 0.5, 9.9],
                                          parameterGradientNorms: [0.3, nil, nil, 1.25], loss: 2.302585, batchSize: 4)

    @Test func architectureDiagramMatchesGolden() {
        #expect(ArchitectureDOT.graph(Self.diagram) == ArchitectureGolden.graph)
    }

    @Test func backpropDiagramMatchesGolden() {
        #expect(ArchitectureDOT.backprop(Self.diagram, flow: Self.flow) == ArchitectureGolden.backprop)
    }

    @Test func backpropEdgesThinOutWithVanishingGradients() {
        let dot = ArchitectureDOT.backprop(Self.diagram, flow: Self.flow)
        // Edge n3 → n4 carries flatten's gradient 0.5, the largest (full width 6, darkest red); the input's 1e-5 is
        // more than four decades below it (hairline, palest). The last layer's own output (9.9) has no edge.
        #expect(dot.contains("n3 -> n4 [dir=back, color=\"#b2182b\", penwidth=6,"))
        #expect(dot.contains("n0 -> n1 [dir=back, color=\"#fde2d2\", penwidth=1,"))
        #expect(dot.contains("‖grad‖ 1.00e-05") && !dot.contains("9.90e+00"))
        #expect(dot.contains("‖∂L/∂W‖ 1.25e+00") && ArchitectureDOT.graph(Self.diagram).contains("1,120 trainable"))
        #expect(ArchitectureDOT.grouped(21_840) == "21,840" && ArchitectureDOT.grouped(999) == "999")
    }

    @Test func architectureDiagramRendersThroughGraphviz() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let paths = try DiagramFiles.write(dot: ArchitectureDOT.graph(Self.diagram), name: "arch", to: dir,
                                           title: "tiny", command: "dlexplain graph")
        let png = try PNGImage.read(from: paths[2], as: .rgb)
        #expect(png.height > 400 && png.width > 400)   // a top-to-bottom chain of five boxes under a long title
        #expect(try String(contentsOfFile: paths[1], encoding: .utf8).contains("1,120 trainable parameters"))
    }
}
