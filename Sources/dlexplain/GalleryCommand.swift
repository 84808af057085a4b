import ArgumentParser
import Foundation
import Lessons
import Showcase
import Render

/// `dlexplain gallery`: runs every lesson and writes the teaching set with an `index.html`.
struct GalleryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gallery",
        abstract: "Run every lesson and write Output/gallery/ with every figure and an index.html.")

    @Option(help: "Language of the text and captions: en or zh.") var lang: Language = .en
    @Option(help: "Output directory (default: Output/gallery).") var out = "Output/gallery"
    @Option(help: "Seed for every random choice.", transform: Checked.seed) var seed: UInt64 = 1
    @Flag(help: "Smaller settings (as the smoke tests use).") var quick = false

    func run() throws {
        do {
            try RunGuard.lockOutput(out, command: commandLine)
            let (sections, page) = try Gallery.build(
                language: lang, directory: out, seed: seed, quick: quick,
                progress: { name in printError("running lesson \(name) …") })
            for section in sections {
                print("\(section.passed ? "✓" : "✗") \(section.lesson): \(section.figures.count) figures")
            }
            print(page)
            if sections.contains(where: { !$0.passed }) { throw ExitCode.failure }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("dlexplain gallery: \(error)")
            throw ExitCode.failure
        }
    }
}
