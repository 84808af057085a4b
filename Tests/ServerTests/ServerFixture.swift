import Foundation
import Hummingbird
import HummingbirdTesting
import Server
import Testing

/// A server over the bundled assets, lessons run quick into a fresh temporary folder.
func makeApp(assets: String? = nil) throws -> some ApplicationProtocol {
    let output = FileManager.default.temporaryDirectory
        .appendingPathComponent("dlexplain-server-tests-\(UUID().uuidString)").path
    let configuration = ServerConfiguration(port: 0, assetDirectory: assets ?? StaticAssets.bundledDirectory!,
                                            outputDirectory: output, quickLessons: true)
    return Application(router: try ExplorerServer.router(configuration))
}

/// The body of a response as a JSON object.
func object(_ response: TestResponse) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
}

/// Checks that `response` is an API error: a 4xx status and `{"error": "…", "column": …}`; returns the message.
@discardableResult
func expectAPIError(_ response: TestResponse, _ status: HTTPResponse.Status, column: Int? = nil,
                    mentioning words: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    #expect(response.status == status, sourceLocation: sourceLocation)
    #expect((400..<500).contains(response.status.code), sourceLocation: sourceLocation)
    #expect(response.headers[.contentType]?.hasPrefix("application/json") == true, sourceLocation: sourceLocation)
    let json = try object(response)
    let message = try #require(json["error"] as? String, sourceLocation: sourceLocation)
    #expect(json.keys.contains("column"), sourceLocation: sourceLocation)
    #expect(json["column"] as? Int == column, "column", sourceLocation: sourceLocation)
    for word in words { #expect(message.contains(word), "\(message) should mention \(word)", sourceLocation: sourceLocation) }
    return message
}

/// A JSON body.
func body(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }
