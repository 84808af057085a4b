import Render

struct BackpropLesson: Lesson {
    static let name = "backprop"
    static let summary: [Language: String] = [.en: "x", .zh: "x"]
    func run(_ context: LessonContext) throws -> LessonReport {
        let text = try LessonText(lesson: Self.name, language: context.language)
        try context.say(text, section: "intro")
        return LessonReport(files: [], checks: [])
    }
}
