import Foundation
import Testing

/// Issue 12, part A: checkpoints, resumed runs, signals and shared output folders. A checkpoint overwrites only
/// a dlexplain checkpoint or nothing; a resume continues the same run or is refused; an interrupted run says
/// where it stopped; two runs never write into one folder.
@Suite struct HostileTrainingTests {
    /// Runs `train` on a small data set with `--checkpoint target`, which must be refused before the first
    /// epoch with `expected` in the message, leaving every file as it was.
    func refusesCheckpoint(_ target: String, expecting expected: String, prepare: (String) throws -> Void = { _ in })
        throws
    {
        let dir = try Hostile.dataDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try prepare(dir)
        let before = Hostile.snapshot(dir)
        let result = try CLI.run(["train", "--arch", "mlp", "--data", "data", "--checkpoint", target, "--out", "out"],
                                 in: dir)
        #expect(result.failedCleanly, "\(result.stderr)")
        #expect(result.stderr.contains("refusing to use") && result.stderr.contains(expected), "\(result.stderr)")
        #expect(!result.stdout.contains("epoch 1/"), "trained before refusing:\n\(result.stdout)")
        var after = Hostile.snapshot(dir)
        after = after.filter { !$0.key.hasPrefix("out") }  // the locked, empty output folder
        #expect(after == before)
    }

    @Test func notesAreNotOverwrittenByACheckpoint() throws {
        try refusesCheckpoint("notes.txt", expecting: "not a dlexplain checkpoint") { dir in
            try "my notes\n".write(toFile: dir + "/notes.txt", atomically: true, encoding: .utf8)
        }
    }

    @Test func theRunsOwnTrainingDataIsNotOverwrittenByACheckpoint() throws {
        try refusesCheckpoint("data/train-images-idx3-ubyte", expecting: "not a dlexplain checkpoint")
    }

    /// As root, `--checkpoint /dev/full` once replaced the device node with a regular file.
    @Test func aDeviceIsNotReplacedByACheckpoint() throws {
        try refusesCheckpoint("/dev/full", expecting: "character device")
        var info = stat()
        #expect(lstat("/dev/full", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
    }

    @Test func aDirectoryIsNotACheckpointPath() throws {
        try refusesCheckpoint("some_dir", expecting: "it is a directory") { dir in
            try FileManager.default.createDirectory(atPath: dir + "/some_dir", withIntermediateDirectories: false)
        }
        try refusesCheckpoint("newdir/", expecting: "ends in \"/\"")
        try refusesCheckpoint("", expecting: "the path is empty")
    }

    @Test func aSymbolicLinkIsNotReplacedByACheckpoint() throws {
        try refusesCheckpoint("link.dlxckpt", expecting: "symbolic link") { dir in
            #expect(symlink("notes.txt", dir + "/link.dlxckpt") == 0)
        }
    }

    @Test func resumingWithOtherSettingsNamesEveryDifference() throws {
        guard CLI.hasFashionMNIST else { return }
        let dir = try CheckpointFixture.copy(named: "mlp.dlxckpt")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let before = Hostile.snapshot(dir)
        // The fixture: --limit 200 --seed 5, defaults otherwise.
        let error = try CLI.failure(["train", "--arch", "mlp", "--limit", "200", "--seed", "6", "--lr", "0.05",
                                     "--batch", "32", "--momentum", "0.9", "--weight-decay", "0.001", "--l2", "0.01",
                                     "--gamma", "0.5", "--step-size", "2", "--epochs", "3", "--checkpoint",
                                     "mlp.dlxckpt", "--resume", "--out", "out"], in: dir)
        for named in ["--seed 6 (checkpoint: 5)", "--batch 32 (checkpoint: 64)",
                      "--momentum 0.9 (checkpoint: 0.5)", "--weight-decay 0.001", "--l2 0.01", "--gamma 0.5",
                      "--step-size 2 (checkpoint: none)"] {
            #expect(error.contains(named), "\(named) not in: \(error)")
        }
        let limit = try CLI.failure(["train", "--arch", "mlp", "--limit", "300", "--seed", "5", "--epochs", "3",
                                     "--checkpoint", "mlp.dlxckpt", "--resume", "--out", "out"], in: dir)
        #expect(limit.contains("--limit 300 (checkpoint: 200)"), "\(limit)")
        #expect(Hostile.snapshot(dir).filter { !$0.key.hasPrefix("out") } == before)
    }

    /// A new learning rate on resume is allowed, said and recorded (fine-tuning makes sense); `--lr` is therefore
    /// not among the refused differences.
    @Test func aNewLearningRateOnResumeIsSaidAndRecorded() throws {
        guard CLI.hasFashionMNIST else { return }
        let dir = try CheckpointFixture.copy(named: "mlp.dlxckpt")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try CLI.run(["train", "--arch", "mlp", "--limit", "200", "--seed", "5", "--threads", "1",
                                  "--lr", "0.005", "--epochs", "2", "--checkpoint", "mlp.dlxckpt", "--resume",
                                  "--out", "out"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("changed on resume, recorded in the checkpoint: after epoch 1: learning rate 0.01 → 0.005"))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: dir + "/mlp.dlxckpt"))
        #expect(String(decoding: bytes, as: UTF8.self).contains("after epoch 1: learning rate 0.01 → 0.005"))
    }

    @Test func resumingPastTheLastEpochSaysThereIsNothingToTrain() throws {
        guard CLI.hasFashionMNIST else { return }
        let dir = try CheckpointFixture.copy(named: "mlp.dlxckpt")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let error = try CLI.failure(["train", "--arch", "mlp", "--limit", "200", "--seed", "5", "--threads", "1",
                                     "--checkpoint", "mlp.dlxckpt", "--resume", "--out", "out"], in: dir)
        #expect(error.contains("nothing to train") && error.contains("already at epoch 1") && error.contains("--epochs is 1"))
    }

    /// A crafted checkpoint's architecture name with a NUL byte in it: the message escapes it.
    @Test func aCraftedCheckpointsTextIsEscapedInTheMessage() throws {
        guard CLI.hasFashionMNIST else { return }
        let dir = try CheckpointFixture.copy { data in
            // Body starts at 24: UInt32 length 3, then "mlp".
            data[29] = 0
            data[30] = 0x1B
            Hostile.reseal(&data)
        }
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let error = try CLI.failure(["train", "--evaluate", "--model", "model.dlxckpt"], in: dir)
        #expect(error.contains("unknown architecture 'm\\0\\u{1b}'"), "\(error)")
        #expect(!error.utf8.contains(0) && !error.utf8.contains(0x1B))
    }

    @Test(arguments: [(SIGINT, Int32(130), "SIGINT"), (SIGTERM, Int32(143), "SIGTERM")])
    func aSignalStopsTrainingSayingWhereAndHowToResume(signal: Int32, status: Int32, name: String) throws {
        guard CLI.hasFashionMNIST else { return }
        let dir = try CLI.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let process = try Hostile.longTraining(in: dir, epochs: 50)
        #expect(Hostile.wait(for: "epoch 1/50", in: ".stdout", of: dir, timeout: 300))
        kill(process.processIdentifier, signal)
        let result = try CLI.finish(process, in: dir, timeout: 120)
        #expect(!result.signalled && result.status == status, "status \(result.status): \(result.stderr)")
        #expect(result.stdout.contains("epoch 1/50"), "progress lost from a redirected stdout")
        let line = result.stderr
        #expect(line.contains("interrupted after epoch") && line.contains("checkpoint out/mlp.dlxckpt is epoch"))
        #expect(line.contains("resume with: dlexplain train") && line.contains("--resume"), "\(line)")
        // The checkpoint named is whole and is the epoch the message says.
        let verify = try CLI.run(["train", "--evaluate", "--model", "out/mlp.dlxckpt"], in: dir)
        #expect(verify.status == 0)
        if let epoch = line.split(separator: " ").drop(while: { $0 != "after" }).dropFirst(2).first {
            #expect(verify.stdout.contains("epoch \(epoch.trimmingCharacters(in: CharacterSet(charactersIn: ";")))"))
        }
    }

    @Test func aSecondRunIntoTheSameOutputFolderIsRefusedNamingTheFirst() throws {
        guard CLI.hasFashionMNIST else { return }
        let dir = try CLI.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let first = try Hostile.longTraining(in: dir, out: "shared", epochs: 50)
        defer { kill(first.processIdentifier, SIGKILL); first.waitUntilExit() }
        #expect(Hostile.wait(for: "parameters", in: ".stdout", of: dir, timeout: 300))
        let second = try CLI.directory()
        defer { try? FileManager.default.removeItem(atPath: second) }
        for command in [["trace", "x*y", "--set", "x=1", "--set", "y=2"], ["graph", "--arch", "mlp"],
                        ["lesson", "backprop", "--quick"]] {
            let result = try CLI.run(command + ["--out", dir + "/shared"], in: second)
            #expect(result.failedCleanly, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("is in use by another dlexplain run")
                    && result.stderr.contains("pid \(first.processIdentifier): dlexplain train"), "\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/shared/trace.json"))
    }
}
