import Foundation
import Lessons
import Render

/// Lesson pages, each run once per language into the server's output folder and kept.
///
/// Lessons run one at a time on their own thread (a lesson can train a small network for a while; running it
/// on Swift's cooperative pool would stall every trace request behind it). A second request for a page being
/// built waits for the same run.
actor LessonStore {
    /// The folder lessons write into: `<output>/<lang>/<lesson>/`.
    let outputDirectory: String
    /// Smaller settings (the lesson's `--quick`), for tests.
    let quick: Bool
    private var pages: [String: Task<LessonPage, any Error>] = [:]
    private static let queue = DispatchQueue(label: "dlexplain.serve.lessons")

    init(outputDirectory: String, quick: Bool) {
        self.outputDirectory = outputDirectory
        self.quick = quick
    }

    /// The folder of `lesson` in `language`.
    nonisolated func directory(_ lesson: String, _ language: Language) -> String {
        ((outputDirectory as NSString).appendingPathComponent(language.rawValue) as NSString)
            .appendingPathComponent(lesson)
    }

    /// The page of `name` in `language`, running the lesson the first time.
    func page(_ name: String, language: Language) async throws -> LessonPage {
        let lesson = try LessonCatalog.lesson(named: name).name
        let key = language.rawValue + "/" + lesson
        if let task = pages[key] { return try await task.value }
        let directory = directory(lesson, language)
        let quick = quick
        let task = Task {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<LessonPage, any Error>) in
                Self.queue.async {
                    continuation.resume(with: Result {
                        try LessonPage.build(lesson, language: language, directory: directory, quick: quick)
                    })
                }
            }
        }
        pages[key] = task
        do {
            return try await task.value
        } catch {
            pages[key] = nil  // a failed run is not kept: the next request tries again
            throw error
        }
    }

    /// The page of `name` if it was built already (for serving its figures).
    func builtPage(_ name: String, language: Language) async -> LessonPage? {
        guard let lesson = try? LessonCatalog.lesson(named: name).name,
              let task = pages[language.rawValue + "/" + lesson] else { return nil }
        return try? await task.value
    }
}
