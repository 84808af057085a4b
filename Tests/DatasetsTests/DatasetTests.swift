import Groundwork
import Foundation
import Testing
@testable import Datasets

@Suite struct DatasetTests {
    func message(_ body: () throws -> Any) -> String {
        do { _ = try body(); return "" } catch { return "\(error)" }
    }

    @Test func loadsPlainAndGzippedFilesWithNormalisation() throws {
        let dir = try IDXFixtures.dataset(train: 50, test: 20, gzipTrain: true)
        defer { IDXFixtures.remove(dir) }
        let train = try ImageDataset.load(.train, from: dir)
        let test = try ImageDataset.load(.test, from: dir, normalization: .unitInterval)
        #expect(train.count == 50 && test.count == 20 && train.rows == 4 && train.cols == 3)
        #expect(train.images.count == 50 * 12 && train.imageShape == [1, 4, 3])
        let digits: [String] = (0...9).map { String($0) }
        #expect(train.classNames == digits)  // "mnist" directory → digits
        #expect(train.labels.prefix(12) == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1])
        // Pixel 5 of image 2 is byte 2·7 + 5 = 19.
        let stats = DatasetKind.mnist.pixelStatistics
        #expect(abs(train.image(at: 2)[2 * 12 + 5] - (19 / 255 - stats.mean) / stats.std) < 1e-6)
        #expect(test.image(at: 2)[2 * 12 + 5] == Float(19) / 255)
        #expect(abs(train.normalization.restore(train.images[29]) - 19 / 255) < 1e-6)
    }

    @Test func measuredNormalisationMatchesHandComputedMoments() {
        let n = Normalization.measured(pixels: [0, 255, 0, 255])
        #expect(abs(n.mean - 0.5) < 1e-6 && abs(n.std - 0.5) < 1e-6)
        #expect(Normalization.measured(pixels: [7, 7]).std == 1)
        #expect(abs(n.normalize(255) - 1) < 1e-6 && abs(n.restore(-1) - 0) < 1e-6)
    }

    @Test func fashionDirectoriesGetFashionClassNames() throws {
        let dir = try IDXFixtures.dataset(tag: "Fashion-MNIST")
        defer { IDXFixtures.remove(dir) }
        let test = try ImageDataset.load(.test, from: dir)
        #expect(test.classNames.first == "T-shirt/top" && test.classNames.last == "Ankle boot")
        #expect(test.normalization == .standardized(for: .fashionMNIST))
        #expect(try ImageDataset.load(.test, from: dir, kind: .mnist).classNames[3] == "3")
    }

    @Test func missingDirectorySaysHowToGetTheData() {
        let text = message { try ImageDataset.load(.train, from: "/nonexistent/dlx-data") }
        #expect(text.hasPrefix("no MNIST at /nonexistent/dlx-data: expected a directory (the --data path) with train-images-idx3-ubyte[.gz]"))
        let defaultText = DataError.missingDirectory(path: ImageDataset.defaultDirectory, dataset: "Fashion-MNIST",
                                                     isDefault: true).description
        #expect(defaultText == "no Fashion-MNIST at /usr/share/datasets/fashion-mnist: install the Debian package "
            + "dataset-fashion-mnist (apt-get install dataset-fashion-mnist) or pass --data DIR with "
            + "train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz], "
            + "t10k-labels-idx1-ubyte[.gz]")
    }

    @Test func missingFileNamesTheDirectoryAndTheFile() throws {
        let dir = try IDXFixtures.dataset()
        defer { IDXFixtures.remove(dir) }
        try FileManager.default.removeItem(atPath: dir + "/t10k-labels-idx1-ubyte")
        #expect(throws: DataError.missingFile(directory: dir, file: "t10k-labels-idx1-ubyte")) {
            try ImageDataset.load(.test, from: dir)
        }
    }

    @Test func imagesAndLabelsOfDifferentCountsAreRejected() throws {
        let dir = try IDXFixtures.dataset()
        defer { IDXFixtures.remove(dir) }
        try IDXFixtures.write(IDXFixtures.labels(count: 19), to: dir, name: "t10k-labels-idx1-ubyte")
        let text = message { try ImageDataset.load(.test, from: dir) }
        #expect(text.hasPrefix("images (20, \(dir)/t10k-images-idx3-ubyte) and labels (19, \(dir)/t10k-labels-idx1-ubyte) differ in count"))
    }

    @Test func labelsOutsideTheClassesAreRejected() throws {
        let dir = try IDXFixtures.dataset()
        defer { IDXFixtures.remove(dir) }
        try IDXFixtures.write(IDXFixtures.header(shape: [20]) + [UInt8](repeating: 3, count: 19) + [12], to: dir,
                              name: "t10k-labels-idx1-ubyte")
        #expect(message { try ImageDataset.load(.test, from: dir) }.contains("label 12 at index 19 is out of range, expected 0..<10"))
    }

    /// `count` 2×2 images whose pixels all equal the image's index, so an image can be recognised after a shuffle.
    static func numbered(_ count: Int) -> ImageDataset {
        ImageDataset(images: (0..<count).flatMap { [Float](repeating: Float($0), count: 4) },
                     labels: (0..<count).map { $0 % 10 }, rows: 2, cols: 2,
                     classNames: DatasetKind.mnist.classNames, normalization: .unitInterval)
    }

    static func ids(_ data: ImageDataset) -> [Int] { (0..<data.count).map { Int(data.image(at: $0).first!) } }

    @Test func splitIsSeededDisjointAndComplete() throws {
        let data = DatasetTests.numbered(100)
        let a = try data.split(validationCount: 10, seed: 7)
        let b = try data.split(validationCount: 10, seed: 7)
        let c = try data.split(validationCount: 10, seed: 8)
        #expect(a.train.count == 90 && a.validation.count == 10)
        #expect(a.train.images == b.train.images && a.validation.labels == b.validation.labels)
        #expect(DatasetTests.ids(a.validation) != DatasetTests.ids(c.validation))
        let all = DatasetTests.ids(a.train) + DatasetTests.ids(a.validation)
        #expect(all.sorted() == Array(0..<100) && DatasetTests.ids(a.train) != Array(10..<100))
        #expect(a.train.labels == DatasetTests.ids(a.train).map { $0 % 10 })
        let limited = try data.split(validationCount: 10, seed: 7, limit: 25)
        #expect(limited.train.count == 25 && limited.train.images == a.train.prefix(25).images)
        #expect(limited.validation.images == a.validation.images)
        #expect(message { try data.split(validationCount: 100, seed: 1) }.contains("100 validation examples out of 100"))
        #expect(message { try data.split(validationCount: 10, seed: 1, limit: 0) }.contains("limit 0"))
    }

    @Test func splitInPlaceTakesTheShuffledOrderAndMatchesTheCopyingSplit() throws {
        var generator = SeededGenerator(seed: 7)
        let order = generator.permutation(of: 100)
        for limit in [nil, 25, 90, 1000] as [Int?] {
            var data = DatasetTests.numbered(100)
            let validation = try data.splitOffValidation(validationCount: 10, seed: 7, limit: limit)
            let kept = min(limit ?? 90, 90)
            #expect(DatasetTests.ids(data) == Array(order[10..<(10 + kept)]))
            #expect(data.labels == DatasetTests.ids(data).map { $0 % 10 } && data.images.count == kept * 4)
            #expect(DatasetTests.ids(validation) == Array(order[..<10]))
            let copied = try DatasetTests.numbered(100).split(validationCount: 10, seed: 7, limit: limit)
            #expect(copied.train.images == data.images && copied.validation.images == validation.images)
        }
    }

    @Test func permutationIsAPermutationAndFixedBySeed() {
        var g = SeededGenerator(seed: 3), h = SeededGenerator(seed: 3)
        let p = g.permutation(of: 1000)
        #expect(p.sorted() == Array(0..<1000) && p != Array(0..<1000))
        #expect(p == h.permutation(of: 1000))
        // Golden prefix: the order must never change silently (it decides every split and batch).
        var golden = SeededGenerator(seed: 42)
        #expect(golden.permutation(of: 10) == DatasetTests.goldenPermutation)
    }

    static let goldenPermutation = [9, 1, 4, 2, 8, 7, 6, 5, 3, 0]

    /// The Fashion-MNIST the Debian package installs; skipped where it is not installed.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: ImageDataset.defaultDirectory + "/t10k-images-idx3-ubyte.gz")))
    func realFashionMNISTLoads() throws {
        let test = try ImageDataset.load(.test)
        #expect(test.count == 10_000 && test.rows == 28 && test.cols == 28)
        #expect(test.classHistogram == [Int](repeating: 1000, count: 10))
        let trainLabels = try IDX.read(path: ImageDataset.defaultDirectory + "/train-labels-idx1-ubyte.gz", expecting: .labels)
        var histogram = [Int](repeating: 0, count: 10)
        for label in trainLabels.body { histogram[Int(label)] += 1 }
        #expect(trainLabels.shape == [60_000] && histogram == [Int](repeating: 6000, count: 10))
        // Standardised with the published statistics, the test set's mean and spread come out near 0 and 1.
        let measured = Normalization.measured(pixels: try IDX.read(path: ImageDataset.defaultDirectory
            + "/t10k-images-idx3-ubyte.gz", expecting: .images).body)
        #expect(abs(measured.mean - 0.2868) < 0.001 && abs(measured.std - 0.3524) < 0.001)  // test-set figures
        let mean = test.images.reduce(0, +) / Float(test.images.count)
        let variance = test.images.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(test.images.count)
        #expect(abs(mean) < 0.05 && abs(variance.squareRoot() - 1) < 0.05)
    }
}
