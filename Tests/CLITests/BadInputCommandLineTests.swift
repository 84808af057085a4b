import Foundation
import Testing

/// docs/ARCHITECTURE.md §7, the command line: unknown names get the nearest suggestion, invalid numbers are named with the
/// range expected, and an unwritable output directory is named — each a clean non-zero exit.
@Suite struct BadInputCommandLineTests {
    @Test func unknownLessonSuggestsTheNearestName() throws {
        let error = try CLI.failure(["lesson", "backprp"])
        #expect(error.contains("no lesson named 'backprp'. Did you mean 'backprop'?"))
        #expect(error.contains("Expected one of: neuron,"))
    }

    @Test func unknownCommandSuggestsTheNearestName() throws {
        let error = try CLI.failure(["trian", "--epochs", "2"])
        #expect(error.contains("unknown command 'trian'. Did you mean 'train'?"))
        #expect(error.contains("Expected one of: lesson, lessons, trace"))
    }

    @Test func unknownOptionIsNamed() throws {
        let error = try CLI.failure(["train", "--epoch", "2"])
        #expect(error.contains("Unknown option '--epoch'"))
        #expect(error.contains("Did you mean '--epochs'?"))
    }

    @Test(arguments: [
        (["train", "--epochs", "-2"], "The value '-2' is invalid for '--epochs <epochs>': expected a whole number from 1 to 10000"),
        (["train", "--epochs", "0"], "The value '0' is invalid for '--epochs <epochs>': expected a whole number from 1 to 10000"),
        (["train", "--lr", "-1"], "The value '-1' is invalid for '--lr <lr>': expected a number greater than 0 and at most 1000000"),
        (["train", "--lr", "0"], "The value '0' is invalid for '--lr <lr>': expected a number greater than 0 and at most 1000000"),
        (["train", "--batch", "0"], "The value '0' is invalid for '--batch <batch>': expected a whole number from 1 to 60000"),
        (["train", "--threads", "-3"], "The value '-3' is invalid for '--threads <threads>': expected a whole number from 1 to 64"),
        (["train", "--limit", "-5"], "The value '-5' is invalid for '--limit <limit>': expected a whole number from 1 to 10000000"),
        (["train", "--lr", "fast"], "The value 'fast' is invalid for '--lr <lr>'"),
        (["bench", "ops", "--repeats", "-1"], "The value '-1' is invalid for '--repeats <repeats>': expected a whole number from 1 to 1000"),
        (["trace", "x*y", "--set", "x=1", "--set", "y=abc"], "--set y=abc: 'abc' is not a finite number"),
    ])
    func invalidNumbersAreNamedWithTheRangeExpected(arguments: [String], message: String) throws {
        let error = try CLI.failure(arguments)
        #expect(error.contains(message), "stderr was: \(error)")
        #expect(!error.contains("Missing value"))
    }

    /// A regular file where the output directory should be: unwritable even for root.
    @Test(arguments: [
        ["trace", "x*y", "--set", "x=1", "--set", "y=2", "--out", "blocker/trace"],
        ["lesson", "neuron", "--quick", "--out", "blocker/neuron"],
        ["gallery", "--quick", "--out", "blocker/gallery"],
    ])
    func unwritableOutputDirectoryIsNamed(arguments: [String]) throws {
        let dir = try CLI.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = FileManager.default.createFile(atPath: dir + "/blocker", contents: Data("a file".utf8))
        let error = try CLI.failure(arguments, in: dir)
        #expect(error.contains("cannot write blocker/"), "stderr was: \(error)")
        #expect(error.contains("expected a writable output directory"))
    }

    @Test(.enabled(if: CLI.hasFashionMNIST, "needs Fashion-MNIST (dataset-fashion-mnist)"))
    func unwritableTrainingOutputIsNamedBeforeTraining() throws {
        let dir = try CLI.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = FileManager.default.createFile(atPath: dir + "/blocker", contents: Data("a file".utf8))
        let result = try CLI.run(["train", "--arch", "mlp", "--limit", "100", "--out", "blocker/train"], in: dir)
        #expect(result.failedCleanly)
        #expect(result.stderr.contains("cannot write blocker/train/mlp.dlxckpt: blocker is a file, not a directory"))
        #expect(result.stderr.contains("expected a writable output directory"))
        #expect(!result.stdout.contains("epoch 1/1"), "no epoch should be trained before the output is known writable")
    }
}
