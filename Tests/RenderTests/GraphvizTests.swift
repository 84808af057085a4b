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
}
