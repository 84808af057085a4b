import Foundation
import Testing

/// Defects found by hand beyond the list (issue 12, part A, "your own hunt"), each kept fixed here.
@Suite struct HostileHuntTests {
    @Test func aHistorySavedWithWindowsLineEndingsIsRead() throws {
        let dir = try CLI.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let csv = "epoch,train_loss,train_acc,val_loss,val_acc,seconds,images_per_second\r\n1,1,0.5,1,0.5,1,1\r\n2,0.5,0.6,0.6,0.6,1,1\r\n"
        try csv.write(toFile: dir + "/h.csv", atomically: true, encoding: .utf8)
        let result = try CLI.run(["graph", "--history", "h.csv", "--out", "out"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/out/h-loss.svg"))
    }

    @Test func aHistoryFromADeviceOrPipeIsRefusedNotReadForever() throws {
        let dir = try CLI.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(symlink("/dev/zero", dir + "/zero.csv") == 0)
        #expect(mkfifo(dir + "/pipe.csv", 0o644) == 0)
        for (option, file, what) in [("--history", "zero.csv", "character device"), ("--history", "pipe.csv", "named pipe"),
                                     ("--health", "pipe.csv", "named pipe")] {
            let result = try CLI.run(["graph", option, file, "--out", "out"], in: dir, timeout: 30)
            #expect(result.failedCleanly && result.stderr.contains(file) && result.stderr.contains(what), "\(result.stderr)")
        }
    }

    /// A layer name with ESC in a health CSV made the SVG invalid XML (librsvg refused it, the PNG was not drawn).
    @Test func controlCharactersInAHealthCSVStillGiveValidPictures() throws {
        let dir = try CLI.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let csv = "epoch,layer,grad_norm,update_ratio,dead_relu\n1,fc\u{1B}[31m1,0.5,0.01,\n2,fc\u{1B}[31m1,0.4,0.02,0.5\n"
        try csv.write(toFile: dir + "/x-health.csv", atomically: true, encoding: .utf8)
        let result = try CLI.run(["graph", "--health", "x-health.csv", "--out", "out"], in: dir)
        #expect(result.status == 0 && !result.stderr.contains("CRITICAL"), "\(result.stderr)")
        let svg = try String(contentsOfFile: dir + "/out/health-gradient-norm.svg", encoding: .utf8)
        #expect(svg.contains("fc\\u{1b}[31m1") && !svg.contains("\u{1B}"))
    }

    @Test func aTestFileWithoutImagesIsRefusedBeforeTraining() throws {
        let dir = try Hostile.dataDirectory(test: 0)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try CLI.run(["train", "--arch", "mlp", "--data", "data", "--out", "out"], in: dir)
        #expect(result.failedCleanly && result.stderr.contains("the test file holds no images"), "\(result.stderr)")
        #expect(!result.stdout.contains("epoch 1/"))
    }

    @Test func aRegularFileAsTheDataFolderIsCalledNotADirectory() throws {
        let dir = try CLI.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "x".write(toFile: dir + "/notes.txt", atomically: true, encoding: .utf8)
        let error = try CLI.failure(["train", "--arch", "mlp", "--data", "notes.txt", "--out", "out"], in: dir)
        #expect(error.contains("notes.txt") && error.contains("expected a directory"), "\(error)")
    }

    @Test func aPlainDataFileFarLongerThanItsHeaderIsRefusedFromItsSize() throws {
        let dir = try Hostile.dataDirectory {
            $0["train-images-idx3-ubyte"] = Hostile.idx(dims: [24, 28, 28]) + Data(count: 8 << 20)
        }
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let error = try CLI.failure(["train", "--arch", "mlp", "--data", "data", "--out", "out"], in: dir)
        #expect(error.contains("header promises 24 images of 28×28") && error.contains("extra bytes"), "\(error)")
    }

    /// Two runs with one --checkpoint and different --out folders would overwrite each other's checkpoint.
    @Test func twoRunsSharingACheckpointOutsideTheirFoldersAreRefused() throws {
        guard CLI.hasFashionMNIST else { return }
        let dir = try CLI.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let first = try CLI.start(["train", "--arch", "mlp", "--limit", "2000", "--epochs", "50", "--threads", "1",
                                   "--checkpoint", "shared/m.dlxckpt", "--out", "a"], in: dir)
        defer { kill(first.processIdentifier, SIGKILL); first.waitUntilExit() }
        #expect(Hostile.wait(for: "parameters", in: ".stdout", of: dir, timeout: 300))
        let second = try CLI.directory()
        defer { try? FileManager.default.removeItem(atPath: second) }
        let result = try CLI.run(["train", "--arch", "mlp", "--limit", "2000", "--checkpoint", dir + "/shared/m.dlxckpt",
                                  "--out", "b"], in: second)
        #expect(result.failedCleanly && result.stderr.contains("is in use by another dlexplain run"), "\(result.stderr)")
    }

    /// The output folder and the checkpoint's folder spelled two ways are one folder, locked once.
    @Test func oneFolderSpelledTwoWaysIsNotALockConflictWithItself() throws {
        let dir = try Hostile.dataDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try CLI.run(["train", "--arch", "mlp", "--data", "data", "--threads", "1", "--out", "./out/",
                                  "--checkpoint", "out/m.dlxckpt"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
    }
}
