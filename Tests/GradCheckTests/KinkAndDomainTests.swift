import Foundation
import GradCheck
import ScalarGrad
import Testing

/// Issue 12: the gradient check at kinks and domain edges says what it did instead of comparing with a
/// central difference that is nobody's derivative or that evaluates the function where it is not defined.
@Suite struct KinkAndDomainTests {
    static func check(_ text: String, _ x: Double) throws -> ScalarGradCheck.Entry {
        let report = try ScalarGradCheck.check(try Expression.parse(text), at: ["x": x])
        return try #require(report.entries.first)
    }

    @Test func reluAtZeroIsAKinkAndBackwardsZeroIsTheLeftDerivative() throws {
        let entry = try Self.check("relu(x)", 0)
        #expect(entry.passed)
        #expect(entry.note == "not differentiable at 0: left/right derivatives are 0 and 1; "
                + "backward's 0 is the left one, a valid subgradient")
    }

    @Test func aGradientOutsideTheKinksSlopesFails() throws {
        let report = try ScalarGradCheck.compare(names: ["x"], analytical: [2], at: [0]) { max(0, $0[0]) }
        #expect(!report.passed)
        #expect(report.entries[0].note?.contains("backward's 2 is neither") == true)
    }

    @Test func logNearZeroShrinksTheStepInsteadOfLeavingTheDomain() throws {
        let entry = try Self.check("log(x)", 1e-7)
        #expect(entry.passed)
        #expect(abs(entry.numerical - 1e7) / 1e7 < 1e-5)
        #expect(entry.note == "the check's step ±1e-06 leaves the domain; a smaller step ±1e-10 was used")
    }

    @Test func squareRootAtZeroIsUnboundedOnTheOnlySide() throws {
        let entry = try Self.check("x^0.5", 0)
        #expect(entry.analytical == .infinity)
        #expect(entry.passed)
        #expect(entry.note?.hasPrefix("the check's step leaves the domain below 0; one-sided difference used") == true)
        #expect(entry.note?.contains("the slope is unbounded") == true)
    }

    @Test func oneSidedDifferenceChecksAFiniteSlopeAtTheEdge() throws {
        let entry = try Self.check("x^1.5", 0)
        #expect(entry.passed)
        #expect(entry.analytical == 0)
        #expect(entry.note == "the check's step leaves the domain below 0; one-sided difference used (step 1e-10)")
    }

    @Test func zeroPowerHasGradientZeroEvenAtZero() throws {
        let x = Value(0)
        let y = x.pow(0)
        y.backward()
        #expect(y.data == 1)
        #expect(x.grad == 0)
        #expect(try Self.check("x^0", 0).passed)
    }

    @Test func backwardOverflowIsNamedNotCalledAKink() throws {
        let entry = try Self.check("1/x", 1e-160)
        #expect(!entry.passed)
        #expect(entry.note?.hasPrefix("backward's gradient overflows to −∞") == true)
    }

    @Test func smoothPointsNeedNoNote() throws {
        for (text, x) in [("tanh(x)", 0.3), ("exp(x)", 2.0), ("x^3", -0.7), ("sigmoid(x)", 0.0)] {
            let entry = try Self.check(text, x)
            #expect(entry.passed, "\(text) at \(x)")
            #expect(entry.note == nil, "\(text) at \(x): \(entry.note ?? "")")
        }
    }
}
