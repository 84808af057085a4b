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
            // The view comes without its maps; each map is its own request.
            let entries = try #require(v["saliency"] as? [[String: Any]])
            #expect(entries.count == 6 && entries.allSatisfy { ($0["image"] as? String) == "" })
            #expect((v["layers"] as? [[String: Any]])?.first?["name"] as? String == "conv1")
            let filters = try #require(v["filters"] as? [[String: Any]])
            #expect(filters.last?["inputLayer"] as? String == "relu1" && filters.last?["inChannels"] as? Int == 10)

            let ig = try await get(port, "/api/cnn/saliency?index=3&method=ig&lang=zh")
            #expect(ig.status == 200)
            let map = try ig.object()
            #expect((map["completeness"] as? [String: Any])?["passed"] as? Bool == true)
            #expect(((map["saliency"] as? [String: Any])?["image"] as? String)?.hasPrefix("data:image/png") == true)
            #expect((map["saliency"] as? [String: Any])?["title"] as? String == "积分梯度")

            let sanity = try await get(port, "/api/cnn/sanity?index=3")
            #expect(sanity.status == 200)
            let lines = sanity.text.split(separator: "\n").map(String.init)
            #expect(lines.first == #"{"done":0,"total":6}"#)
            #expect(lines.filter { $0.hasPrefix(#"{"done""#) }.count == 7)
            let last = try #require(try JSONSerialization.jsonObject(with: Data(lines.last!.utf8)) as? [String: Any])
            let result = try #require(last["result"] as? [String: Any])
            #expect(result["seeds"] as? [Int] == [1, 2, 3, 4, 5])
            let rows = try #require(result["rows"] as? [[String: Any]])
            #expect(rows.count == 6 && rows.allSatisfy { ["flagged", "passes", "unstable"].contains($0["verdict"] as? String) })
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
            try expectAPIError(try await get(port, "/api/cnn/saliency?index=1&method=lime"), 400,
                               mentioning: ["lime", "gradcam"])
            try expectAPIError(try await get(port, "/api/cnn/saliency?method=ig"), 400, mentioning: ["index"])
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
            let notPNG = try await send(port, "POST", "/api/cnn/upload", body: Data("GIF89a not a png".utf8))
            try expectAPIError(notPNG, 400, mentioning: ["PNG"])
            #expect(try notPNG.object()["code"] as? String == "not-png")
            var truncated = try Self.picture()
            truncated.removeLast(truncated.count / 2)
            try expectAPIError(try await send(port, "POST", "/api/cnn/upload", body: truncated), 400, mentioning: ["PNG"])
            let huge = try await send(port, "POST", "/api/cnn/upload", body: Data(count: 50 << 20))
            try expectAPIError(huge, 413, mentioning: ["8 MiB"])
            #expect(try huge.object()["parameters"] as? [String: String] == ["mib": "8"])
            try expectAPIError(try await send(port, "POST", "/api/cnn/upload?background=grey", body: try Self.picture()),
                               400, mentioning: ["white or black"])
            #expect(try await get(port, "/api/cnn/networks").status == 200)
        }
    }
}
