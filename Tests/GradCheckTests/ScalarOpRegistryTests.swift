import Testing
import ScalarGrad
@testable import GradCheck

/// The scalar engine's counterpart of `TensorGradCheckTests`: every `Value.Operation` has a gradient check, and
/// every check passes and really exercises its op.
@Suite struct ScalarOpRegistryTests {
    @Test func everyScalarOpHasARegisteredCase() {
        #expect(ScalarOpRegistry.missingOperations == [])
    }

    @Test(arguments: ScalarOpRegistry.cases.indices)
    func registeredCasePassesTheCentralDifferenceCheck(_ index: Int) throws {
        let testCase = ScalarOpRegistry.cases[index]
        let report = try testCase.check()
        #expect(report.passed, "\(testCase.name)\n\(report)")
        let graph = testCase.build(testCase.point.map { Value($0) }).topologicalOrder()
        #expect(graph.contains { $0.operation == testCase.operation },
                "\(testCase.name) builds no \(testCase.operation) node")
    }
}
