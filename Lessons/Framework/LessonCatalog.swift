import Groundwork
import Foundation
import Render

/// A lesson name that matches no lesson.
public enum LessonCatalogError: Error, CustomStringConvertible, Equatable {
    /// Unknown name, with the nearest known one when it is close.
    case unknown(name: String, suggestion: String?, known: [String])

    public var description: String {
        switch self {
        case let .unknown(name, suggestion, known):
            let hint = suggestion.map { " Did you mean '\($0)'?" } ?? ""
            return "no lesson named '\(name)'.\(hint) Expected one of: \(known.joined(separator: ", "))"
        }
    }
}

/// Every lesson, in curriculum order (docs/ARCHITECTURE.md §5).
public enum LessonCatalog {
    /// The lessons that exist, in the order a learner should take them.
    public static let all: [any Lesson.Type] = curriculum

    /// Names in curriculum order.
    public static var names: [String] { all.map { $0.name } }

    /// The lesson called `name`, or an error suggesting the nearest name.
    public static func lesson(named name: String) throws -> any Lesson.Type {
        let key = name.lowercased()
        if let found = all.first(where: { $0.name == key }) { return found }
        let ranked = names.map { ($0, editDistance(key, $0)) }.sorted { $0.1 < $1.1 }
        let suggestion = ranked.first.flatMap { $0.1 <= max(2, key.count / 2) ? $0.0 : nil }
        throw LessonCatalogError.unknown(name: name, suggestion: suggestion, known: names)
    }

    /// Levenshtein distance, for "did you mean".
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1,
                                 previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// Runs a lesson by name: resolves it, prepares its output directory, runs it.
public enum LessonRunner {
    /// Runs `name`; the text goes to `context.emit`; returns the files written and the self-check.
    public static func run(_ name: String, context: LessonContext) throws -> LessonReport {
        try record(name, context: context).report
    }

    /// Runs `name` and returns everything it recorded (text by section, files, checks).
    static func record(_ name: String, context: LessonContext) throws -> LessonRecorder {
        let lesson = try LessonCatalog.lesson(named: name)
        do {
            try FileManager.default.createDirectory(atPath: context.outputDirectory,
                                                    withIntermediateDirectories: true)
        } catch {
            throw OutputError.unwritable(path: context.outputDirectory, reason: "cannot create the directory")
        }
        guard FileManager.default.isWritableFile(atPath: context.outputDirectory) else {
            throw OutputError.unwritable(path: context.outputDirectory, reason: "the directory is not writable")
        }
        // A fresh record per run, holding the lesson's own text: copies of the context share it.
        var context = context
        context.recorder = LessonRecorder(text: try LessonText(lesson: lesson.name, language: context.language))
        try lesson.init().run(context)
        return context.recorder
    }
}
