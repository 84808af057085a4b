/// Visits every element of `shape` in row-major order with the matching offsets into two operands read
/// through `stridesA`/`stridesB` (0 along broadcast axes). Fast path when both operands are dense.
@inlinable @inline(__always)
func forEachBroadcast(_ shape: Shape, _ stridesA: [Int], _ stridesB: [Int],
                      _ body: (_ out: Int, _ a: Int, _ b: Int) -> Void) {
    let n = shape.count
    guard n > 0 else { return }
    let rank = shape.rank
    let dense = shape.strides
    if stridesA == dense && stridesB == dense {
        for i in 0..<n { body(i, i, i) }
        return
    }
    if rank == 0 {
        body(0, 0, 0)
        return
    }
    let inner = shape.dims[rank - 1], ia = stridesA[rank - 1], ib = stridesB[rank - 1]
    var index = [Int](repeating: 0, count: rank)
    var offA = 0, offB = 0, out = 0
    while out < n {
        var a = offA, b = offB
        for _ in 0..<inner {
            body(out, a, b)
            out += 1
            a += ia
            b += ib
        }
        // Odometer over the outer axes.
        var axis = rank - 2
        while axis >= 0 {
            index[axis] += 1
            offA += stridesA[axis]
            offB += stridesB[axis]
            if index[axis] < shape.dims[axis] { break }
            offA -= stridesA[axis] * shape.dims[axis]
            offB -= stridesB[axis] * shape.dims[axis]
            index[axis] = 0
            axis -= 1
        }
        if axis < 0 { break }
    }
}
