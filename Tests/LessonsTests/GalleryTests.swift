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
    }
}
