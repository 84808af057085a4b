/// The 2×2, stride-2 max-pooling window of Float planes, eight outputs at a time: what `maxPool2d` runs for its
/// most common case. Same first-maximum-wins order as the general loop (top-left, top-right, bottom-left,
/// bottom-right; a later value must be strictly greater), lane by lane, so the same maxima and the same indices.
@usableFromInline
enum PoolKernels {
    /// Pools `planes` planes of h×w starting at `x` into `y` (oh×ow each, oh = h/2, ow = w/2) and writes each
    /// output's index within its input plane to `argmax`.
    @usableFromInline
    static func maxPool2x2(_ x: UnsafePointer<Float>, planes: Range<Int>, height h: Int, width w: Int,
                           into y: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>) {
        let oh = h / 2, ow = w / 2, vectorEnd = ow - ow % 8
        let lanes = SIMD8<Int32>(0, 2, 4, 6, 8, 10, 12, 14)
        for plane in planes {
            let src = x + plane * h * w, base = plane * oh * ow
            for i in 0..<oh {
                let top = src + 2 * i * w, bottom = top + w, out = base + i * ow
                var j = 0
                while j < vectorEnd {
                    let r0 = UnsafeRawPointer(top + 2 * j).loadUnaligned(as: SIMD16<Float>.self)
                    let r1 = UnsafeRawPointer(bottom + 2 * j).loadUnaligned(as: SIMD16<Float>.self)
                    let corner = lanes &+ Int32(2 * i * w + 2 * j)
                    var best = r0.evenHalf, index = corner
                    let b = r0.oddHalf, c = r1.evenHalf, d = r1.oddHalf
                    var take = b .> best
                    best.replace(with: b, where: take); index.replace(with: corner &+ 1, where: take)
                    take = c .> best
                    best.replace(with: c, where: take); index.replace(with: corner &+ Int32(w), where: take)
                    take = d .> best
                    best.replace(with: d, where: take); index.replace(with: corner &+ Int32(w + 1), where: take)
                    UnsafeMutableRawPointer(y + out + j).storeBytes(of: best, as: SIMD8<Float>.self)
                    UnsafeMutableRawPointer(argmax + out + j).storeBytes(of: index, as: SIMD8<Int32>.self)
                    j += 8
                }
                while j < ow {
                    let corner = 2 * i * w + 2 * j
                    var best = src[corner], index = corner
                    if src[corner + 1] > best { best = src[corner + 1]; index = corner + 1 }
                    if src[corner + w] > best { best = src[corner + w]; index = corner + w }
                    if src[corner + w + 1] > best { best = src[corner + w + 1]; index = corner + w + 1 }
                    y[out + j] = best
                    argmax[out + j] = Int32(index)
                    j += 1
                }
            }
        }
    }
}
