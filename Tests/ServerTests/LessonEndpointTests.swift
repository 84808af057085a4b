import Foundation
import Hummingbird
import Lessons
import Server
import Testing

@Suite("GET /api/lessons")
struct LessonEndpointTests {
    @Test func listsEveryLessonInCurriculumOrderInBothLanguages() async throws {
        try await withServer { port in
            do { let response = try await get(port, "/api/lessons")
                let list = try #require(JSONSerialization.jsonObject(with: response.body)
                                        as? [[String: Any]])
                #expect(list.compactMap { $0["name"] as? String } == LessonCatalog.names)
                for entry in list {
                    let summary = try #require(entry["summary"] as? [String: String])
                    #expect(summary["en"]?.isEmpty == false && summary["zh"]?.isEmpty == false)
                }
            }
        }
    }

    @Test func aLessonHasItsSectionsFiguresAndSelfCheckAndServesItsFigures() async throws {
        try await withServer { port in
            let response = try await get(port, "/api/lessons/neuron?lang=zh")
            #expect(response.status == 200)
            let page = try response.object()
            #expect(page["language"] as? String == "zh")
            let sections = try #require(page["sections"] as? [[String: Any]])
            #expect(sections.compactMap { $0["name"] as? String }
                    == ["intro", "sum", "activations", "negative", "graph", "check"])
            let markdown = sections.compactMap { $0["markdown"] as? String }.joined()
            #expect(markdown.contains("神经元") && !markdown.contains("{{"))
            let figures = sections.flatMap { ($0["figures"] as? [[String: Any]]) ?? [] }
            let graph = try #require(figures.first { $0["file"] as? String == "graph.svg" })
            #expect((graph["command"] as? String)?.contains("dlexplain lesson neuron --lang zh") == true)
            // The figure sits with the section that shows it.
            let graphSection = sections.first { ($0["figures"] as? [[String: Any]])?.contains { $0["file"] as? String == "graph.svg" } == true }
            #expect(graphSection?["name"] as? String == "graph")
            let checks = try #require(page["checks"] as? [[String: Any]])
            #expect(!checks.isEmpty && checks.allSatisfy { $0["passed"] as? Bool == true })
            #expect(page["passed"] as? Bool == true)
            do { let response = try await get(port, "/api/lessons/neuron/figures/graph.svg?lang=zh")
                #expect(response.status == 200)
                #expect(response.headers["content-type"] == "image/svg+xml")
                #expect(response.text.contains("<svg"))
            }
            // Built in Chinese only: the English figure is not there until the English page is asked for.
            do { let response = try await get(port, "/api/lessons/neuron/figures/graph.svg?lang=en")
                try expectAPIError(response, 404)
            }
        }
    }
}
