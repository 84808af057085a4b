import Foundation

extension SeededGenerator {
    /// A uniform integer in `0..<bound` (Lemire's multiply-high; the bias is below bound / 2^64, far under any
    /// effect a data order could show). Spelled out here rather than using `Int.random(in:using:)` so the result
    /// never depends on the standard library's algorithm.
    @inlinable
    public mutating func nextIndex(below bound: Int) -> Int {
        precondition(bound > 0, "nextIndex(below:) needs a positive bound, got \(bound)")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A random permutation of `0..<count` (Fisher–Yates, back to front), fixed by the generator's state.
    public mutating func permutation(of count: Int) -> [Int] {
        var order = Array(0..<count)
        order.withUnsafeMutableBufferPointer { buffer in
            var i = count - 1
            while i > 0 {
                buffer.swapAt(i, nextIndex(below: i + 1))
                i -= 1
            }
        }
        return order
    }
}
