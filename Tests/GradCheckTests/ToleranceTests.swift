import Testing
@testable import GradCheck

/// The one tolerance of every gradient check.
@Suite struct ToleranceTests {
    @Test func standardIsPyTorchGradcheckDiscipline() {
        #expect(Tolerance.standard == Tolerance(absolute: 1e-5, relative: 1e-3))
        #expect(Tolerance.finiteDifferenceStep == 1e-6)
        #expect(Tolerance.standard.description == "atol 1e-5, rtol 1e-3")
        #expect(ScalarGradCheck.tolerance == .standard && TensorGradCheck.tolerance == .standard)
    }

    @Test func acceptsWithinAtolPlusRtolTimesReference() {
        let t = Tolerance(absolute: 1e-5, relative: 1e-3)
        #expect(t.accepts(1.0009, approximating: 1))      // 9e-4 ≤ 1e-5 + 1e-3
        #expect(!t.accepts(1.0011, approximating: 1))
        #expect(t.accepts(0, approximating: 9e-6))         // near zero only atol counts
        #expect(!t.accepts(0, approximating: 2e-5))
        #expect(!t.accepts(.nan, approximating: 1) && !t.accepts(1, approximating: .infinity))
        #expect(!t.accepts(.infinity, approximating: .infinity))
        #expect(t.excess(of: 1, over: .nan) == .infinity)
    }

    @Test func shortFormOfPowersOfTen() {
        #expect(Tolerance.short(1e-6) == "1e-6" && Tolerance.short(1e-3) == "1e-3" && Tolerance.short(5e-3) == "5e-3")
        #expect(Tolerance.short(0.25) == "0.25")
    }
}
