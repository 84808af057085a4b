/// Why an explanation could not be computed.
public enum ExplainError: Error, CustomStringConvertible, Equatable, Sendable {
    /// An input image with the wrong number of values.
    case imageSize(found: Int, expected: [Int])
    /// A class index outside the model's classes.
    case classOutOfRange(index: Int, classes: Int)
    /// A method that needs a convolution layer (Grad-CAM, filters) on a model without one.
    case noConvolution(method: String)
    /// An image index outside the data set.
    case indexOutOfRange(index: Int, count: Int, dataset: String)
    /// A file that is missing or not what was expected.
    case unreadable(path: String, expected: String)

    public var description: String {
        switch self {
        case let .imageSize(found, expected):
            let shape = expected.map(String.init).joined(separator: "×")
            return "input image has \(found) values; expected \(expected.reduce(1, *)) (shape \(shape))"
        case let .classOutOfRange(index, classes):
            return "class \(index) is outside 0..<\(classes)"
        case let .noConvolution(method):
            return "\(method) needs a convolution layer, but the model has none (expected the seed or wide architecture)"
        case let .indexOutOfRange(index, count, dataset):
            return "image index \(index) is outside the \(dataset) set; expected 0...\(count - 1)"
        case let .unreadable(path, expected):
            return "cannot read \(path): expected \(expected)"
        }
    }
}
