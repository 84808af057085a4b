import Testing
@testable import TensorGrad

@Suite struct BLASTests {
    // A = [[1,2,3],[4,5,6]] (2×3), B = [[7,8],[9,10],[11,12]] (3×2), A·B = [[58,64],[139,154]].
    @Test func sgemmMultipliesKnownMatrices() {
        let a: [Float] = [1, 2, 3, 4, 5, 6], b: [Float] = [7, 8, 9, 10, 11, 12]
        var c = [Float](repeating: 0, count: 4)
        BLAS.gemm(false, false, m: 2, n: 2, k: 3, a, b, &c)
        #expect(c == [58, 64, 139, 154])
    }

    @Test func dgemmHonoursTransposeAndBeta() {
        // Aᵀ given as 3×2, so op(A) = A; C starts at 1 and beta = 1 adds it.
        let aT: [Double] = [1, 4, 2, 5, 3, 6], b: [Double] = [7, 8, 9, 10, 11, 12]
        var c = [Double](repeating: 1, count: 4)
        BLAS.gemm(true, false, m: 2, n: 2, k: 3, aT, b, beta: 1, &c)
        #expect(c == [59, 65, 140, 155])
    }
}
