import Foundation
import Testing
@testable import Lessons
import Showcase
import Render

/// Runs a lesson that trains the shared seed net, in quick mode, inside a private parent folder (the model is
/// stored next to the lesson's folder, in `<parent>/models/`), and removes the parent afterwards.
func runModelLesson(_ name: String, language: Language, parent: String) throws -> (text: String, report: LessonReport) {
    var text = ""
    let context = LessonContext(language: language, outputDirectory: parent + "/" + name, seed: 1, quick: true,
                                command: "dlexplain lesson \(name) --quick", emit: { text += $0 + "\n" })
    let report = try LessonRunner.run(name, context: context)
    #expect(report.passed, "\(name): \(report.checks.filter { !$0.passed })")
    #expect(!text.contains("{{"), "\(name): unfilled placeholder")
    for file in report.files {
        #expect(FileManager.default.fileExists(atPath: file), "\(file) missing")
        if file.hasSuffix(".png") {
            let image = try PNGImage.read(from: file)
            #expect(image.width > 100 && image.height > 100, "\(file) is \(image.width)×\(image.height)")
        }
    }
    return (text, report)
}

/// A fresh temporary parent folder.
func temporaryParent() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("dlexplain-model-lesson-\(UUID().uuidString)").path
}

@Suite struct CNNLessonTests {
    @Test(arguments: [Language.en, .zh])
    func worksTheExampleTrainsThenReusesTheModel(language: Language) throws {
        let parent = temporaryParent()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let (text, report) = try runModelLesson("cnn", language: language, parent: parent)
        // The hand example: Y[1,1] = 20 as a sum of products, pooled maxima 20 and 28, conv1's 260 parameters.
        #expect(text.contains("= 4 + 10 + 6 = 20"))
        #expect(text.contains("1·10·5·5 + 10 = 260"))
        #expect(text.contains("7·7·64 = 3136"))
        #expect(report.checks.contains { $0.name == "parameters of conv1" && $0.shown == 260 })
        for name in ["cnn-input.png", "cnn-conv.png", "architecture-seed.png", "cnn-filters.png", "cnn-feature-maps.png"] {
            #expect(report.files.contains(parent + "/cnn/" + name), "missing \(name)")
        }
        let checkpoint = SeedNet.configuration(seed: 1, quick: true, modelsDirectory: parent + "/models")
            .resolvedCheckpointPath
        #expect(FileManager.default.fileExists(atPath: checkpoint))
        // A second run reuses the checkpoint and says so (in one language: a run costs a training's time).
        if language == .en {
            let (again, _) = try runModelLesson("cnn", language: language, parent: parent)
            #expect(again.contains("reused the checkpoint"))
        }
    }

    @Test func aCorruptCheckpointIsRetrainedAndTheTextSaysWhy() throws {
        let parent = temporaryParent()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let context = LessonContext(outputDirectory: parent + "/cnn", quick: true, command: "", emit: { _ in })
        let path = SeedNet.configuration(seed: context.seed, quick: true, modelsDirectory: parent + "/models")
            .resolvedCheckpointPath
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data("not a checkpoint".utf8).write(to: URL(fileURLWithPath: path))
        let net = try SeedNet.obtain(context)
        #expect(net.trained)
        #expect(net.rejected != nil)
        #expect(try SeedNet.obtain(context).trained == false)
    }
}
