import Foundation
import Groundwork

/// The two halves an MNIST-format directory ships.
public enum DatasetSplit: String, Sendable, CaseIterable {
    /// `train-images-idx3-ubyte` / `train-labels-idx1-ubyte` (60 000 examples for (Fashion-)MNIST).
    case train
    /// `t10k-images-idx3-ubyte` / `t10k-labels-idx1-ubyte` (10 000 examples).
    case test

    /// The standard images file name, without `.gz`.
    public var imagesFile: String { "\(filePrefix)-images-idx3-ubyte" }
    /// The standard labels file name, without `.gz`.
    public var labelsFile: String { "\(filePrefix)-labels-idx1-ubyte" }

    private var filePrefix: String { self == .train ? "train" : "t10k" }
}

extension ImageDataset {
    /// Where Debian's `dataset-fashion-mnist` package installs Fashion-MNIST.
    public static let defaultDirectory = "/usr/share/datasets/fashion-mnist"

    /// Loads one split of an MNIST-format data set.
    ///
    /// - Parameters:
    ///   - split: training or test files.
    ///   - directory: a directory with the standard file names, each plain or `.gz`; nil for `defaultDirectory`.
    ///   - kind: which data set it is (class names, statistics); nil detects it from the directory name.
    ///   - normalization: how bytes become floats; nil standardises with the kind's statistics.
    ///   - imageSize: rows and columns the caller's model needs; other images are refused, naming both sizes and
    ///     `purpose`, before the labels are read or anything is computed.
    public static func load(_ split: DatasetSplit, from directory: String? = nil, kind: DatasetKind? = nil,
                            normalization: Normalization? = nil, imageSize: (rows: Int, cols: Int)? = nil,
                            purpose: String = "") throws -> ImageDataset {
        let dir = directory ?? defaultDirectory
        let kind = kind ?? (directory == nil ? .fashionMNIST : DatasetKind.detect(directory: dir))
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
            // Something is there that does not resolve to a directory: say what (a symbolic link loop, a file).
            if let what = FileBytes.kind(of: dir), what != "a regular file" {
                var info = stat()
                let reason = stat(dir, &info) != 0 ? FileBytes.reason(errno: errno) : "it is \(what)"
                throw DataError.unreadable(path: dir, reason: reason + ", expected a data directory")
            }
            throw DataError.missingDirectory(path: dir, dataset: kind.displayName, isDefault: directory == nil)
        }
        let imagesPath = try locate(split.imagesFile, in: dir)
        let labelsPath = try locate(split.labelsFile, in: dir)
        let images = try IDX.read(path: imagesPath, expecting: .images)
        if let imageSize, images.shape.count == 3, images.shape[1] != imageSize.rows || images.shape[2] != imageSize.cols {
            throw DataError.invalidShape(name: imagesPath, shape: images.shape,
                                         expected: "images of \(imageSize.rows)×\(imageSize.cols) pixels"
                                             + (purpose.isEmpty ? "" : " (\(purpose))")
                                             + ", found \(images.shape[1])×\(images.shape[2])")
        }
        let labels = try IDX.read(path: labelsPath, expecting: .labels)
        return try decode(images: images, named: imagesPath, labels: labels, named: labelsPath,
                          classNames: kind.classNames, normalization: normalization ?? .standardized(for: kind))
    }

    /// Builds a data set from parsed images and labels IDX arrays, checking that they belong together.
    public static func decode(images: IDXArray, named imagesName: String, labels: IDXArray, named labelsName: String,
                              classNames: [String], normalization: Normalization) throws -> ImageDataset {
        guard images.elementType == .uint8, images.shape.count == 3 else {
            throw DataError.invalidShape(name: imagesName, shape: images.shape, expected: "count × rows × cols unsigned bytes")
        }
        guard labels.elementType == .uint8, labels.shape.count == 1 else {
            throw DataError.invalidShape(name: labelsName, shape: labels.shape, expected: "count unsigned bytes")
        }
        let (count, rows, cols) = (images.shape[0], images.shape[1], images.shape[2])
        guard rows > 0, cols > 0 else {
            throw DataError.invalidShape(name: imagesName, shape: images.shape, expected: "images at least 1×1")
        }
        guard count == labels.shape[0] else {
            throw DataError.countMismatch(images: imagesName, imageCount: count,
                                          labels: labelsName, labelCount: labels.shape[0])
        }
        var labelValues = [Int](repeating: 0, count: count)
        for (index, byte) in labels.body.enumerated() {
            guard Int(byte) < classNames.count else {
                throw DataError.labelOutOfRange(name: labelsName, index: index, label: Int(byte),
                                                classes: classNames.count)
            }
            labelValues[index] = Int(byte)
        }
        return ImageDataset(images: decodePixels(images.body, normalization: normalization), labels: labelValues,
                            rows: rows, cols: cols, classNames: classNames, normalization: normalization)
    }

    /// Bytes → normalised floats through a 256-entry table: one load per pixel, no arithmetic, no allocation.
    static func decodePixels(_ bytes: [UInt8], normalization: Normalization) -> [Float] {
        let table = normalization.table
        return [Float](unsafeUninitializedCapacity: bytes.count) { out, initialized in
            table.withUnsafeBufferPointer { lookup in
                bytes.withUnsafeBufferPointer { src in
                    for i in 0..<src.count { out[i] = lookup[Int(src[i])] }
                }
            }
            initialized = bytes.count
        }
    }

    /// `directory/file` if present, else `directory/file.gz`; errors name the directory and the file. Anything
    /// at the path counts as present (a dangling link or a link loop is then reported by the reader as what it is).
    static func locate(_ file: String, in directory: String) throws -> String {
        let plain = PathText.join(directory, file)
        if FileBytes.kind(of: plain) != nil { return plain }
        let gzipped = plain + ".gz"
        if FileBytes.kind(of: gzipped) != nil { return gzipped }
        throw DataError.missingFile(directory: directory, file: file)
    }
}
