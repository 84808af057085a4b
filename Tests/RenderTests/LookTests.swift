import Foundation
import Testing
@testable import Render
import Trace

@Suite struct LookTests {
    @Test func dumpPictures() throws {
        let dir = "/tmp/render-look"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let cases: [(String, Trace)] = [("neuron", Fixtures.neuron), ("reused", Fixtures.reused),
                                        ("constant", Fixtures.withConstant), ("tensor", Fixtures.tensor(level: .full)),
                                        ("tensor-shapes", Fixtures.tensor(level: .shapes))]
        for (name, trace) in cases {
            try AtomicFile.write(TraceDOT.graph(trace), to: "\(dir)/\(name)-graph.dot")
            try AtomicFile.write(TraceDOT.backprop(trace), to: "\(dir)/\(name)-backprop.dot")
            try Graphviz.render(TraceDOT.graph(trace), format: .png, to: "\(dir)/\(name)-graph.png")
            try Graphviz.render(TraceDOT.backprop(trace), format: .png, to: "\(dir)/\(name)-backprop.png")
            for language in Language.allCases {
                var text = Narration.full(trace, language: language).text
                if let x = trace.nodes.first(where: { $0.kind == .leaf })?.label, trace.engine == "scalar" {
                    text += "\n" + (try Narration.why(trace, variable: x, language: language)).text
                }
                try AtomicFile.write(text + "\n", to: "\(dir)/\(name)-narration.\(language).txt")
            }
            for (k, frame) in TraceDOT.frames(trace).enumerated() {
                try Graphviz.render(frame, format: .png, to: "\(dir)/\(name)-step\(k + 1).png")
            }
        }
    }
}
