import Foundation
import Testing

/// Issue 12, the command line: words starting with a minus sign reach the option or argument they belong to,
/// every numeric option is bounded before any work (NaN and ±inf refused, the range named), and sizes that
/// would allocate or spin without end are refused with their bound. Each a clean non-zero exit, quickly.
@Suite struct HostileCommandLineTests {
    /// Runs a command that must be refused fast: clean non-zero exit, the message, no usage dump of a crash.
    static func refused(_ arguments: [String], _ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let dir = try CLI.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // 20 s: a refusal happens while parsing; a run that allocates 313 GB or spins would hit the timeout.
        let result = try CLI.run(arguments, in: dir, timeout: 20)
        #expect(result.failedCleanly, "status \(result.status):\n\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(message), "stderr was: \(result.stderr)", sourceLocation: sourceLocation)
        #expect(!result.stderr.contains("Missing value"), sourceLocation: sourceLocation)
        let left = try FileManager.default.contentsOfDirectory(atPath: dir).filter { !$0.hasPrefix(".") }
        #expect(left.isEmpty, "a refused command wrote \(left)", sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        (["train", "--momentum", "nan"], "'--momentum <momentum>': expected a finite number from 0 up to (not including) 1, not nan"),
        (["train", "--momentum", "1"], "'--momentum <momentum>': expected a number from 0 up to (not including) 1"),
        (["train", "--momentum", "-0.5"], "'--momentum <momentum>': expected a number from 0 up to (not including) 1"),
        (["train", "--gamma", "-0.5", "--step-size", "1"], "'--gamma <gamma>': expected a number greater than 0 and at most 1"),
        (["train", "--gamma", "0"], "'--gamma <gamma>': expected a number greater than 0 and at most 1"),
        (["train", "--l1", "nan"], "'--l1 <l1>': expected a finite number from 0 to 1, not nan"),
        (["train", "--l2", "inf"], "'--l2 <l2>': expected a finite number from 0 to 1, not inf"),
        (["train", "--weight-decay", "-1e-3"], "'--weight-decay <weight-decay>': expected a number from 0 to 1"),
        (["train", "--lr", "nan"], "'--lr <lr>': expected a finite number greater than 0 and at most 1000000, not nan"),
        (["train", "--lr", "-inf"], "'--lr <lr>': expected a finite number greater than 0 and at most 1000000, not -inf"),
        (["train", "--lr", "1e39"], "'--lr <lr>': expected a number greater than 0 and at most 1000000"),
        (["bench", "scalar", "--noise", "nan"], "'--noise <noise>': expected a finite number from 0 to 10, not nan"),
        (["bench", "scalar", "--noise", "-0.1"], "'--noise <noise>': expected a number from 0 to 10"),
        (["bench", "scalar", "--micrograd-seconds", "0"], "'--micrograd-seconds <micrograd-seconds>': expected a number greater than 0"),
    ])
    func floatingOptionsRefuseNonFiniteAndOutOfRangeValues(arguments: [String], message: String) throws {
        try Self.refused(arguments, message)
    }

    @Test(arguments: [
        (["bench", "ops", "--batch", "100000000"], "'--batch <batch>': expected a whole number from 1 to 4096"),
        (["bench", "ops", "--threads", "1000000000"], "'--threads <threads>': expected a whole number from 1 to 64"),
        (["train", "--threads", "1000000000"], "'--threads <threads>': expected a whole number from 1 to 64"),
        (["bench", "train", "--threads", "1000000000"], "'--threads <threads>': expected a whole number from 1 to 64"),
        (["train", "--epochs", "1000000000000"], "'--epochs <epochs>': expected a whole number from 1 to 10000"),
        (["train", "--epochs", "99999999999999999999999"], "'--epochs <epochs>': expected a whole number from 1 to 10000"),
        (["train", "--step-size", "0"], "'--step-size <step-size>': expected a whole number from 1 to 10000"),
        (["train", "--limit", "100000000000"], "'--limit <limit>': expected a whole number from 1 to 10000000"),
        (["bench", "train", "--images", "100000000000"], "'--images <images>': expected a whole number from 1 to 10000000"),
        (["bench", "train", "--images", "100", "--batch", "64"], "--images must be at least two batches (128 with --batch 64), got 100"),
        (["bench", "scalar", "--points", "100000000"], "'--points <points>': expected a whole number from 2 to 10000"),
        (["bench", "scalar", "--steps", "-1"], "'--steps <steps>': expected a whole number from 1 to 100000"),
        (["bench", "ops", "--repeats", "1000000000"], "'--repeats <repeats>': expected a whole number from 1 to 1000"),
        (["graph", "--batch", "1000000"], "'--batch <batch>': expected a whole number from 1 to 10000"),
        (["train", "--batch", "1e3"], "'--batch <batch>': expected a whole number (from 1 to 60000)"),
    ])
    func sizesAreBoundedBeforeAnyWork(arguments: [String], message: String) throws {
        try Self.refused(arguments, message)
    }

    /// A negative value after an option reaches the option (which then names its range) instead of being read
    /// as an unknown short option.
    @Test(arguments: [
        (["train", "--epochs", "-1"], "The value '-1' is invalid for '--epochs <epochs>'"),
        (["lesson", "neuron", "--seed", "-1"], "The value '-1' is invalid for '--seed <seed>'"),
        (["gradcheck", "--seed", "-7"], "The value '-7' is invalid for '--seed <seed>': expected a whole number from 0 to 18446744073709551615"),
        (["train", "--seed", "18446744073709551616"], "'--seed <seed>': expected a whole number from 0 to 18446744073709551615"),
        (["bench", "ops", "--batch", "-64"], "The value '-64' is invalid for '--batch <batch>'"),
        (["graph", "--batch", "-1"], "The value '-1' is invalid for '--batch <batch>'"),
    ])
    func negativeOptionValuesReachTheirOption(arguments: [String], message: String) throws {
        try Self.refused(arguments, message)
    }

    @Test(.enabled(if: CLI.hasFashionMNIST, "needs Fashion-MNIST (dataset-fashion-mnist)"),
          arguments: [["explain", "--index", "-1", "--method", "saliency", "--no-sanity"], ["filters", "--index", "-1"],
                      ["explain", "--index", "10000", "--method", "saliency", "--no-sanity"]])
    func negativeOrTooLargeImageIndexGivesTheRange(arguments: [String]) throws {
        let dir = try CheckpointFixture.copy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let error = try CLI.failure(arguments + ["--checkpoint", "model.dlxckpt", "--out", "out"], in: dir)
        #expect(error.contains("is outside the test set; expected 0...9999"), "stderr was: \(error)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
    }

    /// Found by FuzzCommandLine: `trace -x --set` (the value missing) is rewritten `trace --set -- -x`; the `--`
    /// must not become --set's value.
    @Test func aMissingValueBeforeAMovedArgumentIsNamed() throws {
        let error = try CLI.failure(["trace", "-x", "--set"])
        #expect(error.contains("Missing value for '--set <set>'"), "stderr was: \(error)")
    }

    /// An option's value that merely looks like an option word is still refused as a value, not swallowed.
    @Test func anOptionNameIsNotTakenAsAValue() throws {
        let error = try CLI.failure(["train", "--lr", "--momentum", "0.9"])
        #expect(error.contains("--lr"), "stderr was: \(error)")
    }
}
