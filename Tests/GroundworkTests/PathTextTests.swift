import Foundation
import Testing
@testable import Groundwork

/// Issue 12: path splitting that never traps (Foundation's did on one-character names), files that are not
/// regular refused without blocking, and quoted file content made printable.
@Suite struct PathTextTests {
    @Test(arguments: [("x", "", "x"), ("o/train", "o", "train"), ("é", "", "é"), ("b/", "", "b"), ("/a", "/", "a"),
                      ("a/b/c.csv", "a/b", "c.csv"), ("/", "/", ""), ("", "", "")])
    func splitsAtTheLastSlash(path: String, directory: String, name: String) {
        #expect(PathText.split(path) == (directory, name))
    }

    @Test func parentJoinAndStemOfShortNames() {
        #expect(PathText.parent("l") == ".")
        #expect(PathText.parent("o/train") == "o")
        #expect(PathText.join("", "x") == "x" && PathText.join("a/", "x") == "a/x" && PathText.join("a", "x") == "a/x")
        #expect(PathText.stem("out/seed-history.csv") == "seed-history" && PathText.stem(".hidden") == ".hidden")
    }

    @Test func aFifoIsRefusedWithoutBlocking() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dlx-fifo-\(UUID().uuidString)").path
        #expect(mkfifo(path, 0o644) == 0)
        defer { unlink(path) }
        #expect(throws: FileBytes.Failure(reason: "it is a named pipe (FIFO), not a regular file")) {
            try FileBytes.read(path)
        }
        #expect(FileBytes.kind(of: path) == "a named pipe (FIFO)")
    }

    @Test func aCharacterDeviceIsRefused() {
        #expect(throws: FileBytes.Failure(reason: "it is a character device, not a regular file")) {
            try FileBytes.read("/dev/zero")
        }
    }

    @Test func aSymbolicLinkLoopIsCalledALoop() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dlx-loop-\(UUID().uuidString)").path
        #expect(symlink(path, path) == 0)
        defer { unlink(path) }
        do { _ = try FileBytes.read(path); Issue.record("read a link loop") } catch let failure as FileBytes.Failure {
            #expect(failure.reason.contains("symbolic link loop"))
        }
    }

    @Test func controlCharactersAreEscaped() {
        #expect(Printable.escape("m\0p\u{1B}[2J\r\n") == "m\\0p\\u{1b}[2J\\r\\n")
        #expect(Printable.escape("普通 text é") == "普通 text é")
        #expect(Printable.escape(String(repeating: "a", count: 300)).count == 201)
    }
}
