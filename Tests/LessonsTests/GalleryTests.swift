import Foundation
import Testing
@testable import Lessons
import Render

@Suite struct GalleryTests {
    @Test func pageInlinesEveryFigureWithItsCaptionAndCommand() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dlx-gallery-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (sections, page) = try Gallery.build(language: .zh, directory: dir, quick: true, lessons: ["backprop"])
        #expect(sections.count == 1 && sections[0].passed)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("<section id=\"backprop\">"))
        #expect(html.components(separatedBy: "<svg").count - 1 == sections[0].figures.count)
        #expect(html.contains("dlexplain lesson backprop --lang zh --quick"))
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http"))  // nothing from the network
        #expect(!html.contains("<?xml"))
        // Every element id on the page is unique (Graphviz names each document's elements graph0, node1, …).
        let ids = html.components(separatedBy: " id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(!ids.isEmpty && Set(ids).count == ids.count, "repeated ids: \(Dictionary(grouping: ids) { $0 }.filter { $0.value.count > 1 }.keys.prefix(5))")
    }

    @Test func inlinedSVGIdsAndTheirReferencesArePrefixedTogether() {
        let svg = ##"<?xml version="1.0"?><svg width="2000pt"><g id="graph0"><clipPath id="clip1"/><g clip-path="url(#clip1)"><use href="#graph0"/></g></g></svg>"##
        let inlined = Gallery.inlineSVG(svg, idPrefix: "f7-")
        #expect(inlined.hasPrefix("<svg"))
        #expect(inlined.contains(#"id="f7-graph0""#) && inlined.contains(#"id="f7-clip1""#))
        #expect(inlined.contains("url(#f7-clip1)") && inlined.contains(##"href="#f7-graph0""##))
        #expect(!inlined.contains(#"id="graph0""#))
    }

    @Test func aFigureWiderThanThePageLinksToItsFullSizeFile() throws {
        #expect(abs(try #require(Gallery.svgWidth(#"<svg width="8070pt" height="10pt">"#)) - 10760) < 1e-9)
        #expect(Gallery.svgWidth(#"<svg height="10pt" width="500px">"#) == 500)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dlx-gallery-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/rnn", withIntermediateDirectories: true)
        for (name, width) in [("wide", 3000), ("narrow", 600)] {
            try #"<svg width="\#(width)px" height="100px"></svg>"#.write(toFile: "\(dir)/rnn/\(name).svg", atomically: false, encoding: .utf8)
        }
        let wide = Gallery.figureHTML(dir + "/rnn/wide.svg", number: 1, directory: dir, language: .en)
        let narrow = Gallery.figureHTML(dir + "/rnn/narrow.svg", number: 2, directory: dir, language: .zh)
        #expect(wide.contains(#"href="rnn/wide.png""#) && wide.contains("3000 px wide"))  // no PNG: the SVG's width
        #expect(!narrow.contains("class=\"full\""))
    }
}

@Suite struct LessonPageTests {
    /// The explorer shows the same typography as the terminal: the Chinese text's "…" pairs become “…”.
    @Test func chineseLessonPageUsesChineseQuotes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dlx-page-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let raw = try LessonText(lesson: "bugs", language: .zh)
        #expect(raw.sections.values.contains { $0.contains("\"病人\"") }, "the fixture text changed")
        let page = try LessonPage.build("bugs", language: .zh, directory: dir, quick: true)
        let lines = page.sections.flatMap { $0.markdown.split(separator: "\n").map(String.init) }
        #expect(lines.contains { $0.contains("“病人”") })
        let asciiQuoted = lines.filter { line in
            line.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } && !line.contains("`") && line.contains("\"")
        }
        #expect(asciiQuoted.isEmpty, "\(asciiQuoted.prefix(3))")
    }
}
