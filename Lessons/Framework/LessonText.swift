import Foundation
import Render

/// Why a lesson's text could not be produced. These are bugs in a lesson, caught by its smoke test.
public enum LessonTextError: Error, CustomStringConvertible, Equatable {
    /// The Markdown resource is missing from the bundle.
    case missingResource(String)
    /// The text has no `<!-- section: NAME -->` of that name.
    case missingSection(file: String, section: String)
    /// A `{{placeholder}}` in the text has no computed value.
    case unfilled(file: String, placeholder: String)
    /// A lesson said a section through a context that `LessonRunner` did not start (so no text is loaded).
    case notLoaded(section: String)

    public var description: String {
        switch self {
        case let .missingResource(name):
            return "lesson text \(name) is missing from the Lessons resources (expected Lessons/<Name>/\(name))"
        case let .missingSection(file, section):
            return "\(file) has no section '\(section)' (expected a line <!-- section: \(section) -->)"
        case let .unfilled(file, placeholder):
            return "\(file): placeholder {{\(placeholder)}} has no computed value"
        case let .notLoaded(section):
            return "section '\(section)' said outside LessonRunner.run, which loads the lesson's text"
        }
    }
}

/// A lesson's Markdown text in one language, split into named sections with `{{placeholder}}`s.
///
/// Sections start with a line `<!-- section: NAME -->`, so a driver can compute, show a section, compute
/// more, and show the next. Every number in a lesson comes from a placeholder; none is typed by hand.
public struct LessonText {
    /// The resource file name (`backprop.en.md`).
    public let file: String
    /// Section name → raw Markdown.
    public let sections: [String: String]
    /// Section names in file order.
    public let order: [String]

    /// Loads `<lesson>.<language>.md` from the Lessons resources.
    public init(lesson: String, language: Language) throws {
        let name = "\(lesson).\(language.rawValue)"
        guard let url = Bundle.module.url(forResource: name, withExtension: "md"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw LessonTextError.missingResource(name + ".md")
        }
        self.init(file: name + ".md", markdown: text)
    }

    /// Splits Markdown into sections.
    public init(file: String, markdown: String) {
        self.file = file
        var sections: [String: String] = [:], order: [String] = []
        var current = "intro", lines: [Substring] = []
        func flush() {
            let body = lines.joined(separator: "\n").trimmingCharacters(in: .newlines)
            if !body.isEmpty || current != "intro" {
                sections[current] = body
                order.append(current)
            }
            lines = []
        }
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("<!-- section:"), trimmed.hasSuffix("-->") {
                flush()
                current = trimmed.dropFirst("<!-- section:".count).dropLast(3)
                    .trimmingCharacters(in: .whitespaces)
            } else {
                lines.append(line)
            }
        }
        flush()
        self.sections = sections
        self.order = order
    }

    /// The placeholders a section uses, in order of appearance.
    public func placeholders(in section: String) -> [String] {
        guard let body = sections[section] else { return [] }
        return LessonText.placeholders(body)
    }

    /// The section with every placeholder replaced; a missing value is an error, never left blank.
    public func render(section: String, values: [String: String]) throws -> String {
        guard let body = sections[section] else {
            throw LessonTextError.missingSection(file: file, section: section)
        }
        var result = ""
        var rest = body[...]
        while let open = rest.range(of: "{{") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            let key = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            guard let value = values[key] else { throw LessonTextError.unfilled(file: file, placeholder: key) }
            // A placeholder indented on its own line indents every line of a multi-line value alike, so a
            // table or a narration block stays one verbatim block.
            let lineStart = result.lastIndex(of: "\n").map { result.index(after: $0) } ?? result.startIndex
            let indent = result[lineStart...]
            result += indent.allSatisfy({ $0 == " " }) && !indent.isEmpty
                ? value.replacingOccurrences(of: "\n", with: "\n" + indent) : value
            rest = rest[close.upperBound...]
        }
        result += rest
        return result
    }

    static func placeholders(_ body: String) -> [String] {
        var names: [String] = []
        var rest = body[...]
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            names.append(rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces))
            rest = rest[close.upperBound...]
        }
        return names
    }
}
