import Foundation
import Render
import Testing

/// The "inside the CNN" API over the quick seed net (trained once into the test server's folder).
@Suite struct CNNEndpointTests {
    @Test func networksGalleryViewAndSanityCheckOfTheSeedNet() async throws {
        try await withServer { port in
            let networks = try await get(port, "/api/cnn/networks")
            #expect(networks.status == 200)
            let list = try #require(try JSONSerialization.jsonObject(with: networks.body) as? [[String: Any]])
            #expect(list.first?["id"] as? String == "seed")

            let gallery = try await get(port, "/api/cnn/gallery?network=seed&filter=leastConfident&limit=5&lang=zh")
            #expect(gallery.status == 200)
            let g = try gallery.object()
            let items = try #require(g["items"] as? [[String: Any]])
            #expect(items.count == 5)
            #expect((g["classNames"] as? [String])?.first == "T恤/上衣")
            let confidences = items.compactMap { $0["confidence"] as? Double }
            #expect(confidences == confidences.sorted())

            let view = try await get(port, "/api/cnn/view?index=3&lang=en")
            #expect(view.status == 200)
            let v = try view.object()
            #expect((v["saliency"] as? [[String: Any]])?.count == 6)
            #expect((v["layers"] as? [[String: Any]])?.first?["name"] as? String == "conv1")
            #expect((v["completeness"] as? [String: Any])?["passed"] as? Bool == true)

            let sanity = try await get(port, "/api/cnn/sanity?index=3")
            #expect(sanity.status == 200)
            let lines = sanity.text.split(separator: "\n").map(String.init)
            #expect(lines.first == #"{"done":0,"total":6}"#)
            #expect(lines.filter { $0.hasPrefix(#"{"done""#) }.count == 7)
            let last = try #require(try JSONSerialization.jsonObject(with: Data(lines.last!.utf8)) as? [String: Any])
            #expect((last["result"] as? [String: Any])?["rows"] as? [Any] != nil)
        }
    }

    @Test func badCNNRequestsAreJSONErrors() async throws {
        try await withServer { port in
            try expectAPIError(try await get(port, "/api/cnn/view"), 400, mentioning: ["index"])
            try expectAPIError(try await get(port, "/api/cnn/view?index=-1"), 400, mentioning: ["index"])
            try expectAPIError(try await get(port, "/api/cnn/view?index=1&network=../../etc"), 404,
                               mentioning: ["/api/cnn/networks"])
            try expectAPIError(try await get(port, "/api/cnn/gallery?filter=best"), 400, mentioning: ["misclassified"])
            try expectAPIError(try await get(port, "/api/cnn/gallery?label=10"), 400, mentioning: ["label"])
            try expectAPIError(try await get(port, "/api/cnn/view?index=99999999"), 400, mentioning: ["test"])
        }
    }
}

extension CNNEndpointTests {
    /// A 40 × 20 PNG: a light bar on white.
    static func picture() throws -> Data {
        var image = PNGImage(width: 40, height: 20, format: .rgb, fill: [255, 255, 255])
        for x in 10..<30 { for y in 5..<15 { image.setPixel(x: x, y: y, [40, 40, 40]) } }
        return try image.pngData()
    }

    @Test func anUploadedPNGIsConvertedAndExplainedWithTheConversionShown() async throws {
        try await withServer { port in
            let answer = try await send(port, "POST", "/api/cnn/upload?background=white&lang=zh", body: try Self.picture())
            #expect(answer.status == 200, "\(answer.text.prefix(300))")
            let v = try answer.object()
            #expect((v["conversion"] as? String)?.contains("40 × 20") == true)
            #expect((v["conversion"] as? String)?.contains("反色") == true)
            #expect((v["original"] as? String)?.hasPrefix("data:image/png") == true)
            #expect((v["saliency"] as? [Any])?.count == 6)
            #expect(v["index"] is NSNull || v["index"] == nil)
        }
    }

    @Test func anUploadThatIsNotAPNGOrIsFiftyMegabytesIsRefusedAndTheServerGoesOn() async throws {
        try await withServer { port in
            try expectAPIError(try await send(port, "POST", "/api/cnn/upload", body: Data("GIF89a not a png".utf8)),
                               400, mentioning: ["PNG"])
            var truncated = try Self.picture()
            truncated.removeLast(truncated.count / 2)
            try expectAPIError(try await send(port, "POST", "/api/cnn/upload", body: truncated), 400, mentioning: ["PNG"])
            let huge = Data(count: 50 << 20)
            try expectAPIError(try await send(port, "POST", "/api/cnn/upload", body: huge), 413, mentioning: ["8 MiB"])
            try expectAPIError(try await send(port, "POST", "/api/cnn/upload?background=grey", body: try Self.picture()),
                               400, mentioning: ["white or black"])
            #expect(try await get(port, "/api/cnn/networks").status == 200)
        }
    }
}
