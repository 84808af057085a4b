import Foundation
import Testing
@testable import Lessons
import Render

/// Every lesson in the catalogue, in both languages: the smoke promises, then the lesson's own expectations
/// (`LessonExpectation.table`). A new lesson is covered by its catalogue line alone.
@Suite struct LessonCatalogTests {
    @Test(arguments: LessonCatalog.names, [Language.en, .zh])
    func runsQuicklyAndKeepsItsPromises(_ name: String, _ language: Language) throws {
        let parent = LessonSmoke.temporaryParent()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let run = try LessonSmoke.run(name, language: language, parent: parent)
        try (LessonExpectation.table[name] ?? LessonExpectation()).verify(run)
    }

    @Test func everyExpectationNamesALessonOfTheCatalogue() {
        #expect(Set(LessonExpectation.table.keys).subtracting(LessonCatalog.names).isEmpty)
    }

    /// Package.swift bundles the texts of the folders in `lessonFolders`; a lesson missing there loses its text,
    /// a folder without a catalogue line is never run. Both lists must be the catalogue, in curriculum order.
    @Test func packageLessonFoldersMatchTheCatalogue() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let manifest = try String(contentsOfFile: root + "/Package.swift", encoding: .utf8)
        let folders = try #require(PackageManifest.lessonFolders(in: manifest), "no `let lessonFolders = [...]`")
        let catalogue = LessonCatalog.all.map(PackageManifest.folder(of:))
        #expect(folders == catalogue)
        for (lesson, folder) in zip(LessonCatalog.all, catalogue) {
            #expect(folder.lowercased() == lesson.name, "\(lesson) is named \(lesson.name), its folder \(folder)")
            #expect(FileManager.default.fileExists(atPath: "\(root)/Lessons/\(folder)/\(folder)Lesson.swift"))
        }
    }

    @Test func manifestParsingFindsTheListAndNothingElse() {
        let manifest = "let x = [\"A\"]\nlet lessonFolders = [\n    \"Neuron\", \"CNN\", // two\n]\nlet y = [\"B\"]\n"
        #expect(PackageManifest.lessonFolders(in: manifest) == ["Neuron", "CNN"])
        #expect(PackageManifest.lessonFolders(in: "let other = [\"Neuron\"]") == nil)
        #expect(PackageManifest.folder(of: NeuronLesson.self) == "Neuron")
    }
}

/// Reading `Package.swift` as text, for the test above.
enum PackageManifest {
    /// The string literals of the array literal `let lessonFolders = [ ... ]`, or nil when there is none.
    static func lessonFolders(in manifest: String) -> [String]? {
        guard let start = manifest.range(of: "let lessonFolders = ["),
              let end = manifest[start.upperBound...].firstIndex(of: "]") else { return nil }
        let body = manifest[start.upperBound..<end]
        return body.split(separator: "\n").flatMap { line -> [String] in
            let code = line.components(separatedBy: "//")[0]
            return code.split(separator: "\"", omittingEmptySubsequences: false).enumerated()
                .filter { $0.offset % 2 == 1 }.map { String($0.element) }
        }
    }

    /// A lesson's folder: its type's name without `Lesson` (`CNNLesson` → `CNN`).
    static func folder(of lesson: any Lesson.Type) -> String {
        let type = String(describing: lesson)
        return type.hasSuffix("Lesson") ? String(type.dropLast("Lesson".count)) : type
    }
}
