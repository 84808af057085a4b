import Groundwork
import Datasets
import Foundation
import Testing
@testable import GradCheck
@testable import ScalarGrad

@Suite struct ScalarGradCheckTests {
    /// Every op, alone and in composites, at points away from kinks (relu at 0) and poles (log/div near 0).
    static let cases: [(text: String, at: [String: Double])] = [
        ("a + b", ["a": 1.3, "b": -0.4]),
        ("a - b", ["a": 1.3, "b": -0.4]),
        ("a * b", ["a": 1.3, "b": -0.4]),
        ("a / b", ["a": 1.3, "b": -0.4]),
        ("-a", ["a": 0.8]),
        ("a^3", ["a": -0.7]),
        ("a^-0.5", ["a": 1.7]),
        ("exp(a)", ["a": 0.6]),
        ("log(a)", ["a": 0.6]),
        ("tanh(a)", ["a": -0.6]),
        ("relu(a)", ["a": 0.6]),
        ("relu(a)", ["a": -0.6]),
        ("sigmoid(a)", ["a": -0.6]),
        ("tanh(w1*x1 + w2*x2 + b)", ["x1": 2, "x2": 0, "w1": -3, "w2": 1, "b": 6.8813735870195432]),
        ("x*x + x/(1 + exp(-x))", ["x": 0.9]),
        ("log(sigmoid(a*b) + 1) - (a - b)^2 / 3", ["a": 0.4, "b": -1.1]),
        ("relu(a - b)*tanh(a*b) + -a^2", ["a": 1.2, "b": 0.3]),
    ]

    @Test(arguments: 0..<cases.count)
    func expressionGradientsMatchCentralDifferences(_ index: Int) throws {
        let (text, bindings) = Self.cases[index]
        let report = try ScalarGradCheck.check(try Expression.parse(text), at: bindings)
        #expect(report.passed, "\(text)\n\(report)")
        #expect(report.maximumAbsoluteError < 1e-6, "\(text)\n\(report)")
        #expect(report.entries.map(\.name) == (try Expression.parse(text)).variables)
    }

    @Test func reportCarriesBothValues() throws {
        let report = try ScalarGradCheck.check(try Expression.parse("x*x"), at: ["x": 3])
        let entry = try #require(report.entries.first)
        #expect(entry.name == "x" && entry.analytical == 6)
        #expect(abs(entry.numerical - 6) < 1e-6 && entry.passed)
        #expect(report.description.hasPrefix("x  analytical 6.0"))
    }

    @Test func wrongAnalyticalGradientIsCaught() throws {
        // d/dx sin-like function with a deliberately wrong derivative for the second input.
        let report = try ScalarGradCheck.compare(names: ["x", "y"], analytical: [2 * 1.5, 1.0], at: [1.5, 2.0]) {
            $0[0] * $0[0] + 3 * $0[1]
        }
        #expect(report.entries[0].passed)
        #expect(!report.entries[1].passed)
        #expect(report.failures.map(\.name) == ["y"])
        #expect(abs(report.entries[1].numerical - 3) < 1e-6)
        #expect(abs(report.entries[1].relativeError - 2.0 / 3) < 1e-6)
        #expect(!report.passed)
    }

    @Test func wrongLocalDerivativeInAGraphIsCaught() throws {
        // A node claiming ∂tanh(a)/∂a = 1 − tanh(a) (missing the square): backward follows the lie, the check does not.
        let report = try ScalarGradCheck.check(names: ["a"], at: [0.7]) { inputs in
            let a = inputs[0]
            let t = Value(data: Foundation.tanh(a.data), operation: .tanh, a, 1 - Foundation.tanh(a.data))
            return t * 2
        }
        #expect(!report.passed)
        #expect(report.failures.first?.name == "a")
    }

    @Test func smallMLPLossPassesTheCheck() throws {
        let moons = Synthetic.moons(count: 8, noise: 0.1, seed: 2)
        var generator = SeededGenerator(seed: 4)
        let template = MLP(inputs: 2, layers: [4, 1], nonlinearity: .tanh, using: &generator)
        let point = template.parameters.map(\.data)
        let report = try ScalarGradCheck.check(at: point) { parameters in
            let model = MLP(inputs: 2, layers: [4, 1], nonlinearity: .tanh, parameters: parameters)
            let scores = moons.points.map { model($0)[0] }
            return ScalarLoss.maxMargin(scores: scores, labels: moons.signedLabels)
                + ScalarLoss.l2(model.parameters, alpha: 1e-2)
        }
        #expect(report.entries.count == 17)
        #expect(report.passed, "\(report)")
    }

    @Test func missingBindingIsReported() {
        #expect(throws: ExpressionError.unboundVariable("b")) {
            try ScalarGradCheck.check(try Expression.parse("a + b"), at: ["a": 1])
        }
    }
}
