/// The numbers of a node: every element when there are at most `TensorSummary.fullLimit`, else only
/// statistics (docs/ARCHITECTURE.md §3). Statistics are always present so a reader never has to branch.
public struct TensorSummary: Codable, Equatable, Sendable {
    /// Tensors up to this many elements keep every value.
    public static let fullLimit = 64

    /// Number of elements summarised.
    public var count: Int
    /// All elements in row-major order, when `count <= fullLimit`.
    public var values: [Double]?
    /// Smallest element.
    public var min: Double
    /// Largest element.
    public var max: Double
    /// Arithmetic mean.
    public var mean: Double
    /// Euclidean (L2) norm.
    public var norm: Double

    /// Summarises `elements`; keeps them all when there are few enough.
    public init<C: Collection>(_ elements: C) where C.Element == Double {
        var lo = Double.infinity, hi = -Double.infinity, sum = 0.0, squares = 0.0, n = 0
        for x in elements {
            lo = Swift.min(lo, x)
            hi = Swift.max(hi, x)
            sum += x
            squares += x * x
            n += 1
        }
        count = n
        values = n <= TensorSummary.fullLimit ? Array(elements) : nil
        min = n == 0 ? 0 : lo
        max = n == 0 ? 0 : hi
        mean = n == 0 ? 0 : sum / Double(n)
        norm = squares.squareRoot()
    }

    /// Summarises one number.
    public init(scalar: Double) { self.init([scalar]) }

    /// The single value, when exactly one element was summarised.
    public var scalar: Double? { count == 1 ? values?.first : nil }
}
