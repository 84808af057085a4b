import Foundation
import Testing
@testable import Render

@Suite struct GraphvizTests {
    let dot = """
        digraph G { rankdir=LR; node [shape=record];
          alpha [label="{ alpha | data 2.0000 | grad 1.0000 }"];
          beta  [label="{ beta | data -3.0000 | grad 0.5000 }"];
          alpha -> beta [label="× 0.5"]; }
        """

    @Test func rendersSVGWithTheNodeNames() throws {
        let svg = String(decoding: try Graphviz.render(dot, format: .svg), as: UTF8.self)
        #expect(svg.contains("<svg"))
        #expect(svg.contains("alpha") && svg.contains("beta") && svg.contains("× 0.5"))
    }

    @Test func rendersAPNGThatDecodes() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Graphviz.render(dot, format: .png, to: dir + "/g.png")
        let image = try PNGImage.read(from: dir + "/g.png", as: .rgb)
        #expect(image.width > 50 && image.height > 20)
        #expect(image.pixels.contains { $0 < 128 })  // some ink, not a blank page
    }

    @Test func syntaxErrorThrowsGraphvizMessage() {
        #expect { try Graphviz.render("digraph { a -> ; }", format: .svg) } throws: { error in
            guard case let GraphvizError.syntax(message) = error else { return false }
            return message.contains("syntax error")
        }
    }

    /// A failed render writes nothing: the previous file at the path stays as it was and no temp file is left.
    @Test func failedRenderLeavesThePreviousFileAndNoHalfFile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for format in [Graphviz.Format.svg, .png] {
            let path = dir + "/g." + format.rawValue
            #expect(throws: GraphvizError.self) { try Graphviz.render("digraph { a -> ; }", format: format, to: path) }
            #expect(!FileManager.default.fileExists(atPath: path))
            try Graphviz.render(dot, format: format, to: path)
            let good = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect { try Graphviz.render("digraph { a -> ; }", format: format, to: path) } throws: { error in
                "\(error)".contains("syntax error")
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == good)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["g.png", "g.svg"])
    }
}
