import Foundation
import Testing

/// Issue 12, part A: data files, paths and charts as a hostile user gives them. Each case exits cleanly with a
/// message naming the file and what was expected (or just works), never crashes or hangs, and changes no file it
/// should not.
@Suite struct HostileFilesTests {
    /// Folders whose first missing component has a one-character name trapped in Foundation's path splitting.
    @Test(arguments: ["o/train", "1", "é", "b/"])
    func outputFolderWithAOneCharacterNameIsCreatedAndTrainedInto(out: String) throws {
        let dir = try Hostile.dataDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try CLI.run(["train", "--arch", "mlp", "--data", "data", "--threads", "1", "--out", out], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.lowercased().contains("fatal error"))
        #expect(FileManager.default.fileExists(atPath: dir + "/" + out + (out.hasSuffix("/") ? "" : "/") + "mlp.dlxckpt"))
    }

    @Test(arguments: [("14×14 training images", (14, 14), (28, 28), "train-images-idx3-ubyte", "14×14"),
                      ("32×32 test images", (28, 28), (32, 32), "t10k-images-idx3-ubyte", "32×32")])
    func imagesOfTheWrongSizeAreRefusedBeforeTraining(_ label: String, train: (Int, Int), test: (Int, Int),
                                                       file: String, found: String) throws {
        let dir = try Hostile.dataDirectory(trainSize: train, testSize: test)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let before = Hostile.snapshot(dir + "/data")
        let error = try CLI.failure(["train", "--arch", "seed", "--data", "data", "--out", "out"], in: dir)
        #expect(error.contains(file) && error.contains("expected images of 28×28 pixels") && error.contains(found),
                "\(label): \(error)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/seed.dlxckpt"))
        #expect(Hostile.snapshot(dir + "/data") == before)
    }

    @Test func oneRowOf784PixelsIsNotTakenFor28By28() throws {
        let dir = try Hostile.dataDirectory(trainSize: (1, 784))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let error = try CLI.failure(["train", "--arch", "seed", "--data", "data", "--out", "out"], in: dir)
        #expect(error.contains("1×784") && error.contains("28×28"))
    }

    /// Every command that looks inside a trained model checks the test images' size before any work.
    @Test(arguments: [["train", "--evaluate", "--model", "model.dlxckpt"], ["explain", "--checkpoint", "model.dlxckpt"],
                      ["filters", "--checkpoint", "model.dlxckpt"],
                      ["graph", "--confusion", "--checkpoint", "model.dlxckpt"]])
    func commandsOnATrainedModelRefuseTestImagesOfAnotherSize(command: [String]) throws {
        guard CLI.hasFashionMNIST else { return }
        let dir = try CheckpointFixture.copy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let data = try Hostile.dataDirectory(testSize: (32, 32))
        defer { try? FileManager.default.removeItem(atPath: data) }
        let error = try CLI.failure(command + ["--data", data + "/data", "--out", "out"], in: dir)
        #expect(error.contains("t10k-images-idx3-ubyte") && error.contains("32×32") && error.contains("28×28"), "\(error)")
    }

    @Test func aFifoAsADataFileIsRefusedWithoutBlocking() throws {
        let dir = try Hostile.dataDirectory { $0["train-labels-idx1-ubyte"] = nil }
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(mkfifo(dir + "/data/train-labels-idx1-ubyte", 0o644) == 0)
        let result = try CLI.run(["train", "--arch", "mlp", "--data", "data", "--out", "out"], in: dir, timeout: 30)
        #expect(result.failedCleanly)
        #expect(result.stderr.contains("train-labels-idx1-ubyte") && result.stderr.contains("named pipe (FIFO)"))
    }

    @Test(arguments: [["train", "--evaluate", "--model", "pipe"], ["train", "--arch", "mlp", "--resume", "--checkpoint", "pipe"],
                      ["explain", "--checkpoint", "pipe"]])
    func aFifoAsACheckpointIsRefusedWithoutBlocking(command: [String]) throws {
        let dir = try CLI.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(mkfifo(dir + "/pipe", 0o644) == 0)
        let result = try CLI.run(command + ["--out", "out"], in: dir, timeout: 30)
        #expect(result.failedCleanly, "\(result.stderr)")
        #expect(result.stderr.contains("pipe") && result.stderr.contains("named pipe (FIFO)"), "\(result.stderr)")
    }

    @Test func aSymbolicLinkLoopIsNamedAsALoopNotAsMissing() throws {
        let dir = try Hostile.dataDirectory { $0["train-images-idx3-ubyte"] = nil }
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(symlink("train-images-idx3-ubyte", dir + "/data/train-images-idx3-ubyte") == 0)
        let error = try CLI.failure(["train", "--arch", "mlp", "--data", "data", "--out", "out"], in: dir)
        #expect(error.contains("train-images-idx3-ubyte") && error.contains("symbolic link loop"), "\(error)")
        #expect(!error.contains("has no train-images"))
        let dataLoop = try CLI.directory()
        defer { try? FileManager.default.removeItem(atPath: dataLoop) }
        #expect(symlink("loop", dataLoop + "/loop") == 0)
        let second = try CLI.failure(["train", "--arch", "mlp", "--data", "loop", "--out", "out"], in: dataLoop)
        #expect(second.contains("symbolic link loop"), "\(second)")
    }

    /// 4 GiB inflated from a few MB once came out whole before the header was looked at.
    @Test func aGzipBombStopsAtWhatTheHeaderPromises() throws {
        var plain = Hostile.idx(dims: [24, 28, 28])
        plain += Data(count: 64 << 20)
        let bomb = try Hostile.gzip(plain)
        let dir = try Hostile.dataDirectory { $0["train-images-idx3-ubyte"] = nil; $0["train-images-idx3-ubyte.gz"] = bomb }
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let error = try CLI.failure(["train", "--arch", "mlp", "--data", "data", "--out", "out"], in: dir)
        #expect(error.contains("train-images-idx3-ubyte.gz") && error.contains("header promises 24 images of 28×28"))
        #expect(error.contains("inflates to more"), "\(error)")
    }

    @Test func aDataSetOfTwentyFourImagesTrainsWithAProportionalValidationSplit() throws {
        let dir = try Hostile.dataDirectory(train: 24)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try CLI.run(["train", "--arch", "mlp", "--data", "data", "--threads", "1", "--out", "out"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("22 train / 2 validation / 8 test"), "\(result.stdout)")
    }

    @Test func aDataSetTooSmallToSplitNamesTheMinimum() throws {
        let dir = try Hostile.dataDirectory(train: 11)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let error = try CLI.failure(["train", "--arch", "mlp", "--data", "data", "--out", "out"], in: dir)
        #expect(error.contains("holds 11 images") && error.contains("expected at least 12"), "\(error)")
    }

    /// Losses of ±1e308 overflowed the axis range and tick generation never ended.
    @Test func historyChartsSurviveTheLargestFiniteLossesAndSayWhatTheyDidWithNaN() throws {
        let dir = try CLI.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let csv = ["epoch,train_loss,train_acc,val_loss,val_acc,seconds,images_per_second",
                   "1,-1e308,0.5,1e308,0.5,1.0,100.0", "2,1e308,0.6,-1e308,0.6,1.0,100.0",
                   "3,nan,0.7,inf,0.7,1.0,100.0", "nan,1,1,1,1,1,1"].joined(separator: "\n")
        try csv.write(toFile: dir + "/h.csv", atomically: true, encoding: .utf8)
        let result = try CLI.run(["graph", "--history", "h.csv", "--out", "out"], in: dir, timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1 epoch with NaN or ∞ left as gaps"), "\(result.stdout)")
        #expect(result.stdout.contains("1 line not in the form"), "\(result.stdout)")
        #expect(FileManager.default.fileExists(atPath: dir + "/out/h-loss.png"))
    }

    @Test func aLongHistoryIsThinnedForDrawingAndSaysSo() throws {
        let dir = try CLI.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let rows = (1...20_000).map { "\($0),\(1.0 / Double($0)),0.5,\(2.0 / Double($0)),0.5,1.0,100.0" }
        try (["epoch,train_loss,train_acc,val_loss,val_acc,seconds,images_per_second"] + rows)
            .joined(separator: "\n").write(toFile: dir + "/long.csv", atomically: true, encoding: .utf8)
        let result = try CLI.run(["graph", "--history", "long.csv", "--out", "out"], in: dir, timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("every 40th of 20000 epochs drawn"), "\(result.stdout)")
        let svg = try String(contentsOfFile: dir + "/out/long-loss.svg", encoding: .utf8)
        #expect(svg.contains("every 40th of 20000 epochs drawn"))
    }
}
