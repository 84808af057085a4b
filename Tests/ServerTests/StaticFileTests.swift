import Foundation
import Hummingbird
import Server
import Testing

/// The server hands out its own page files and nothing else, however the path is spelled.
@Suite("Static files")
struct StaticFileTests {
    @Test func servesThePagesWithTheirTypes() async throws {
        try await withServer { port in
            for (path, type) in [("/", "text/html"), ("/lessons.html", "text/html"), ("/app.css", "text/css"),
                                 ("/playground.js", "text/javascript"), ("/markdown.js", "text/javascript")] {
                do { let response = try await get(port, path)
                    #expect(response.status == 200, "\(path)")
                    #expect(response.headers["content-type"]?.hasPrefix(type) == true, "\(path)")
                }
            }
        }
    }

    @Test func pagesFetchNothingFromTheNetwork() throws {
        let folder = try #require(StaticAssets.bundledDirectory)
        for file in try FileManager.default.contentsOfDirectory(atPath: folder) {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            #expect(!text.contains("http://") && !text.contains("https://") && !text.contains("//cdn"), "\(file)")
        }
    }

    static let traversals = [
        "/../Package.swift", "/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E%2FPackage.swift",
        "/..%2f..%2fetc%2fpasswd", "//etc/passwd", "/etc/passwd", "/./index.html/..", "/app.css/../../x",
        "/%00index.html", "/index.html%00.css", "/\\..\\Package.swift", "/....//....//etc/passwd",
    ]

    @Test(arguments: traversals)
    func pathsOutsideTheAssetFolderAreNotFound(_ path: String) async throws {
        try await withServer { port in
            do { let response = try await get(port, path)
                #expect(response.status == 404, "\(path)")
                #expect(!response.text.contains("root:"), "\(path)")
            }
        }
    }

    @Test func lessonFigurePathsCannotEscapeEither() async throws {
        try await withServer { port in
            for path in ["/api/lessons/neuron/figures/..%2f..%2f..%2fPackage.swift",
                         "/api/lessons/neuron/figures/%2fetc%2fpasswd", "/api/lessons/neuron/figures/graph.svg"] {
                do { let response = try await get(port, path)
                    // Not built yet (or not a figure): nothing is read from disk.
                    try expectAPIError(response, 404)
                }
            }
        }
    }

    @Test func symlinksAndHiddenFilesInTheAssetFolderAreNotServed() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assets-\(UUID().uuidString)")
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("secret-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder); try? FileManager.default.removeItem(at: outside) }
        try "TOP-SECRET-CONTENT".write(to: outside, atomically: true, encoding: .utf8)
        try "<p>page</p>".write(to: folder.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        try "hidden".write(to: folder.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("link.html"),
                                                   withDestinationURL: outside)
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("up"),
                                                   withDestinationURL: outside.deletingLastPathComponent())
        try await withServer(assets: folder.path) { port in
            do { let response = try await get(port, "/")
                #expect(response.text == "<p>page</p>")
            }
            for path in ["/link.html", "/.env", "/up/" + outside.lastPathComponent] {
                do { let response = try await get(port, path)
                    #expect(response.status == 404, "\(path)")
                    #expect(!response.text.contains("TOP-SECRET-CONTENT"), "\(path)")
                }
            }
        }
    }
}
