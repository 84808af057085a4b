import Foundation

/// A data set or IDX file that could not be loaded; every case names the file and says what was expected.
public enum DataError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The data set directory does not exist (or is not a directory).
    case missingDirectory(path: String, dataset: String, isDefault: Bool)
    /// The directory exists but one of the four standard files is missing (neither plain nor `.gz`).
    case missingFile(directory: String, file: String)
    /// The file exists but cannot be read (permissions, a directory in its place, an I/O error).
    case unreadable(path: String, reason: String)
    /// Fewer bytes than an IDX header needs.
    case tooShort(name: String, bytes: Int, needed: Int)
    /// The first four bytes are not the magic number the caller expects (or no IDX magic at all).
    case wrongMagic(name: String, found: UInt32, expected: String)
    /// The magic number's dimension count is not the one the content needs (3 for images, 1 for labels).
    case wrongDimensions(name: String, magic: UInt32, found: Int, expected: Int, content: String)
    /// The header promises more bytes than the file holds.
    case truncated(name: String, promise: String, fileBytes: Int)
    /// The file holds more bytes than the header accounts for.
    case trailingBytes(name: String, promise: String, fileBytes: Int)
    /// A gzipped file inflates to more than its header promises; inflation stopped after `produced` bytes.
    case inflatesBeyond(name: String, promise: String, produced: Int)
    /// The header declares a body larger than `IDX.maximumBodyBytes`.
    case tooLarge(name: String, promise: String, limit: Int)
    /// A shape the data sets cannot use (zero-sized images).
    case invalidShape(name: String, shape: [Int], expected: String)
    /// The images file and the labels file disagree on how many examples there are.
    case countMismatch(images: String, imageCount: Int, labels: String, labelCount: Int)
    /// A label outside `0..<classes`.
    case labelOutOfRange(name: String, index: Int, label: Int, classes: Int)
    /// A split or limit that cannot be taken from a data set of this size.
    case invalidSplit(reason: String)

    /// The four file names of an MNIST-format data set, as a `--data` directory must provide them.
    static let standardFileList = "train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], "
        + "t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]"

    public var description: String {
        switch self {
        case let .missingDirectory(path, dataset, isDefault):
            guard isDefault else {
                return "no \(dataset) at \(path): expected a directory (the --data path) with \(DataError.standardFileList)"
            }
            return "no \(dataset) at \(path): install the Debian package dataset-fashion-mnist "
                + "(apt-get install dataset-fashion-mnist) or pass --data DIR with \(DataError.standardFileList)"
        case let .missingFile(directory, file):
            return "\(directory) has no \(file) (nor \(file).gz); expected a data directory with \(DataError.standardFileList)"
        case let .unreadable(path, reason):
            return "cannot read \(path): \(reason) (expected a readable IDX file)"
        case let .tooShort(name, bytes, needed):
            return "\(name): only \(bytes) bytes, expected at least \(needed) for an IDX header"
        case let .wrongMagic(name, found, expected):
            return "\(name): wrong magic number \(hex(found)) (expected \(expected))"
        case let .wrongDimensions(name, magic, found, expected, content):
            let plural = found == 1 ? "dimension" : "dimensions"
            return "\(name): magic number \(hex(magic)) says \(found) \(plural), expected \(expected) for \(content)"
        case let .truncated(name, promise, fileBytes):
            return "\(name) truncated: header promises \(promise), file has \(fileBytes) bytes"
        case let .trailingBytes(name, promise, fileBytes):
            return "\(name): header promises \(promise), but file has \(fileBytes) bytes (extra bytes at the end)"
        case let .inflatesBeyond(name, promise, produced):
            return "\(name): header promises \(promise), but the gzip stream inflates to more "
                + "(stopped after \(produced) bytes); expected exactly what the header declares"
        case let .tooLarge(name, promise, limit):
            return "\(name): header promises \(promise), more than the \(limit) bytes dlexplain reads from one IDX file "
                + "(expected an MNIST-sized data set)"
        case let .invalidShape(name, shape, expected):
            return "\(name): shape \(shape.map(String.init).joined(separator: "×")) is unusable, expected \(expected)"
        case let .countMismatch(images, imageCount, labels, labelCount):
            return "images (\(imageCount), \(images)) and labels (\(labelCount), \(labels)) differ in count; "
                + "expected one label per image"
        case let .labelOutOfRange(name, index, label, classes):
            return "\(name): label \(label) at index \(index) is out of range, expected 0..<\(classes)"
        case let .invalidSplit(reason):
            return "cannot split the data set: \(reason)"
        }
    }
}

/// `0x00000803`-style hex, as IDX magic numbers are usually written.
func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}
