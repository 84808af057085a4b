/// The dimensions of a tensor, outermost first (`[N, C, H, W]`); `[]` is a scalar.
public struct Shape: Hashable, Sendable, Codable, CustomStringConvertible, ExpressibleByArrayLiteral {
    /// Sizes of each axis.
    public var dims: [Int]

    /// A shape with these dimensions (each ≥ 0).
    @inlinable
    public init(_ dims: [Int]) {
        precondition(dims.allSatisfy { $0 >= 0 }, "Shape: negative dimension in \(dims)")
        self.dims = dims
    }

    /// A shape from an array literal: `[2, 3]`.
    @inlinable
    public init(arrayLiteral elements: Int...) { self.init(elements) }

    /// Number of axes.
    @inlinable public var rank: Int { dims.count }
    /// Number of elements (1 for a scalar).
    @inlinable public var count: Int { dims.reduce(1, *) }
    /// Size of axis `i` (negative counts from the end).
    @inlinable public subscript(i: Int) -> Int { dims[i < 0 ? i + dims.count : i] }

    /// Row-major strides in elements.
    @inlinable
    public var strides: [Int] {
        var s = [Int](repeating: 1, count: dims.count)
        var acc = 1
        for i in stride(from: dims.count - 1, through: 0, by: -1) {
            s[i] = acc
            acc *= dims[i]
        }
        return s
    }

    /// `[2, 3]` style, as NumPy and PyTorch print shapes.
    public var description: String { "[" + dims.map(String.init).joined(separator: ", ") + "]" }

    /// The axis index for `axis`, allowing negative values; precondition: in range.
    @inlinable
    public func normalizedAxis(_ axis: Int, op: String) -> Int {
        let a = axis < 0 ? axis + rank : axis
        precondition(a >= 0 && a < Swift.max(rank, 1), "\(op): axis \(axis) out of range for shape \(self)")
        return a
    }

    /// The NumPy broadcast of two shapes, or `TensorError.shapeMismatch` naming `op` and both shapes.
    public static func broadcast(_ lhs: Shape, _ rhs: Shape, op: String) throws -> Shape {
        let rank = Swift.max(lhs.rank, rhs.rank)
        var out = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let l = i < rank - lhs.rank ? 1 : lhs.dims[i - (rank - lhs.rank)]
            let r = i < rank - rhs.rank ? 1 : rhs.dims[i - (rank - rhs.rank)]
            guard l == r || l == 1 || r == 1 else {
                throw TensorError.shapeMismatch(op: op, lhs: lhs, rhs: rhs)
            }
            out[i] = l == 1 ? r : l
        }
        return Shape(out)
    }

    /// Strides for reading this shape as if broadcast to `target` (0 along broadcast axes).
    @inlinable
    public func broadcastStrides(to target: Shape) -> [Int] {
        let own = strides
        var s = [Int](repeating: 0, count: target.rank)
        let offset = target.rank - rank
        for i in 0..<rank where dims[i] != 1 { s[i + offset] = own[i] }
        return s
    }
}

/// Why a tensor operation refused its inputs.
public enum TensorError: Error, Equatable, CustomStringConvertible {
    /// Two shapes that the op cannot combine.
    case shapeMismatch(op: String, lhs: Shape, rhs: Shape)
    /// One shape that the op cannot accept, with what it expected.
    case invalidShape(op: String, shape: Shape, expected: String)
    /// A class index outside `0..<classes`.
    case classOutOfRange(op: String, index: Int, classes: Int)

    public var description: String {
        switch self {
        case let .shapeMismatch(op, lhs, rhs):
            return "\(op): shapes \(lhs) and \(rhs) are incompatible"
        case let .invalidShape(op, shape, expected):
            return "\(op): got shape \(shape), expected \(expected)"
        case let .classOutOfRange(op, index, classes):
            return "\(op): class index \(index) is outside 0..<\(classes)"
        }
    }
}

/// Stops with the message of a shape error: shapes reaching an op unchecked are a programmer error.
@inlinable
func checkShape<T>(_ body: () throws -> T) -> T {
    do { return try body() } catch { preconditionFailure(String(describing: error)) }
}
