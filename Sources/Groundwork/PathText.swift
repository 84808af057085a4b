import Foundation

/// Path arithmetic on user-given paths as plain strings, split at "/".
///
/// Foundation's `NSString.deletingLastPathComponent` and `URL.deletingLastPathComponent` trapped on some
/// one-character components (`dlexplain train --out x`, `o/train`, `é`, `b/`), so every path dlexplain splits or
/// joins goes through here instead.
public enum PathText {
    /// The directory part ("" when there is none, "/" for a file in the root) and the last component, split at
    /// the last "/" after trailing slashes are dropped.
    public static func split(_ path: String) -> (directory: String, name: String) {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return ("", String(trimmed)) }
        let directory = trimmed[..<slash]
        return (directory.isEmpty ? "/" : String(directory), String(trimmed[trimmed.index(after: slash)...]))
    }

    /// The directory holding `path`: "." when the path has no "/".
    public static func parent(_ path: String) -> String {
        let directory = split(path).directory
        return directory.isEmpty ? "." : directory
    }

    /// The last component ("x" for "a/x", "b" for "b/").
    public static func lastComponent(_ path: String) -> String { split(path).name }

    /// The last component without its extension ("seed-history" for "out/seed-history.csv").
    public static func stem(_ path: String) -> String {
        let name = lastComponent(path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// `directory/name`, without doubling a "/" ("name" alone when `directory` is empty).
    public static func join(_ directory: String, _ name: String) -> String {
        if directory.isEmpty { return name }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// The nearest part of `path` that exists (following no symbolic link at the last step), walking up from the
    /// path itself; "." for a relative path none of whose parts exist.
    public static func nearestExisting(_ path: String) -> String {
        var current = path.isEmpty ? "." : path
        var info = stat()
        while lstat(current, &info) != 0 {
            let up = parent(current)
            if up == current { return up }
            current = up
        }
        return current
    }
}
