import Foundation
import Hummingbird

/// The page's own files (HTML, CSS, JavaScript), read once at start-up from the asset folder.
///
/// Serving is a lookup in a table built by listing the folder, never a path joined from the URL: a URL naming
/// anything else — `..`, `%2e%2e`, an absolute path, a symlink, a hidden file — is simply not in the table and
/// gets the same 404 as a typo. Only regular files directly listed under the folder (no symlinks followed) are
/// in it.
public struct StaticAssets: Sendable {
    /// URL path (`/app.js`) → content type and bytes.
    let files: [String: (type: String, bytes: ByteBuffer)]

    /// The assets bundled with the server.
    public static var bundledDirectory: String? {
        Bundle.module.url(forResource: "Assets", withExtension: nil)?.path
    }

    /// Largest asset kept in memory.
    static let maximumFileBytes = 2 * 1024 * 1024

    /// Reads every regular file under `directory` (recursively, skipping symlinks and dot-files).
    public init(directory: String) throws {
        var files: [String: (String, ByteBuffer)] = [:]
        let root = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL
        guard let walker = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey, .fileSizeKey],
            options: [.skipsHiddenFiles]) else {
            throw APIError(.notFound, "asset folder \(directory) cannot be read")
        }
        for case let url as URL in walker {
            let keys = try url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey, .fileSizeKey])
            guard keys.isSymbolicLink != true, keys.isRegularFile == true,
                  (keys.fileSize ?? 0) <= Self.maximumFileBytes else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count))
            guard relative.hasPrefix("/") else { continue }
            let data = try Data(contentsOf: url)
            files[relative] = (Self.contentType(relative), ByteBuffer(bytes: data))
        }
        self.files = files
    }

    /// The response for URL path `path` (`/` is `/index.html`), or nil when no such asset exists.
    func response(for path: String) -> Response? {
        let key = path == "/" ? "/index.html" : path
        guard let (type, bytes) = files[key] else { return nil }
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: bytes))
    }

    static func contentType(_ path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "json": return "application/json; charset=utf-8"
        default: return "application/octet-stream"
        }
    }
}
