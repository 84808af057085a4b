import Testing
@testable import ScalarGrad

/// `Value.Operation` is the scalar engine's one list of op names; the parser and the MLP derive from it.
@Suite struct OperationTests {
    @Test func namesAreTheCaseNamesAndEmptyForInputs() {
        #expect(Value.Operation.allCases.map(\.name)
                == ["", "", "add", "sub", "mul", "div", "neg", "pow", "exp", "log", "tanh", "relu", "sigmoid"])
        #expect(Value.Operation.relu.displayName == "ReLU" && Value.Operation.tanh.displayName == "tanh")
    }

    @Test func parserFunctionsAreTheFunctionOps() throws {
        #expect(Value.Operation.functions.map(\.name) == ["exp", "log", "tanh", "relu", "sigmoid"])
        for op in Value.Operation.functions {
            #expect(Value.Operation(function: op.name) == op)
            let parsed = try Expression.parse("\(op.name)(x)")
            #expect(try parsed.evaluate(["x": 0.5]).output.operation == op)
            #expect(Value(0.5).applying(op).data == (try parsed.value(["x": 0.5])))
        }
        #expect(Value.Operation(function: "add") == nil && Value.Operation(function: "") == nil)
    }

    @Test func nonlinearitiesAreFunctionOps() {
        for nonlinearity in Nonlinearity.allCases {
            if let op = nonlinearity.operation {
                #expect(op.isFunction && op.name == nonlinearity.name)
            } else {
                #expect(nonlinearity == .linear)
            }
        }
    }
}
