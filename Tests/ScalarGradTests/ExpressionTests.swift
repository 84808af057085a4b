import Testing
@testable import ScalarGrad

@Suite struct ExpressionTests {
    func value(_ text: String, _ bindings: [String: Double] = [:]) throws -> Double {
        try Expression.parse(text).evaluate(bindings).output.data
    }

    @Test func precedenceAndAssociativity() throws {
        #expect(try value("-x^2", ["x": 3]) == -9)
        #expect(try value("2^3^2") == 512)
        #expect(try value("1 + 2*3") == 7)
        #expect(try value("(1 + 2)*3") == 9)
        #expect(try value("8 - 3 - 2") == 3)
        #expect(try value("16 / 4 / 2") == 2)
        #expect(try value("2*3^2") == 18)
        #expect(try value("-2*3") == -6)
        #expect(try value("2^-1") == 0.5)
        #expect(try value("- -x", ["x": 4]) == 4)
        #expect(try value("x^(1/2)", ["x": 9]) == 3)
        #expect(try value("(-2)^2") == 4)
    }

    @Test func numbersIdentifiersAndFunctions() throws {
        #expect(try value("1e-3 * 1000") == 1)
        #expect(try value("2.5E2") == 250)
        #expect(try value(".5 + 0.25") == 0.75)
        #expect(try value("w1*x_2 + _b", ["w1": 2, "x_2": 3, "_b": 1]) == 7)
        #expect(try value("relu(-3) + relu(2)") == 2)
        #expect(try value("log(exp(1.5))") == 1.5)
        #expect(try value("sigmoid(0) + tanh(0)") == 0.5)
    }

    @Test func variablesInOrderOfFirstAppearanceShareOneLeaf() throws {
        let expression = try Expression.parse("w1*x1 + x1*x1 + w1")
        #expect(expression.variables == ["w1", "x1"])
        let (output, leaves) = try expression.evaluate(["w1": 2, "x1": 3])
        #expect(leaves.count == 2 && leaves["x1"]?.label == "x1")
        output.backward()
        #expect(leaves["x1"]?.grad == 8.0)  // w1 + 2·x1
        #expect(leaves["w1"]?.grad == 4.0)  // x1 + 1
    }

    @Test(arguments: [
        "tanh(w1*x1 + w2*x2 + b)", "-x^2", "2^3^2", "(2^3)^2", "a - (b - c)", "a - b - c", "a/(b*c)",
        "-(a + b)", "(-a)^2", "a*-b", "exp(-x) + 1e-05", "2^-x", "a - -b", "x^0.5",
    ])
    func canonicalTextRoundTrips(_ text: String) throws {
        let expression = try Expression.parse(text)
        #expect(expression.description == text)
        #expect(try Expression.parse(expression.description).description == text)
    }

    @Test func canonicalTextNormalisesSpacingAndParentheses() throws {
        #expect(try Expression.parse("tanh( w1 * x1+b )").description == "tanh(w1*x1 + b)")
        #expect(try Expression.parse("((a)) + (b*c)").description == "a + b*c")
        #expect(try Expression.parse("2.50").description == "2.5")
    }

    @Test func nodesKeepTheirSourceText() throws {
        let expression = try Expression.parse("3 * log(x - 2)")
        guard case let .binary(.multiply, left, right) = expression.node else {
            Issue.record("expected a product")
            return
        }
        #expect(left.text == "3" && right.text == "log(x - 2)")
        #expect(expression.text == "3 * log(x - 2)")
    }

    // MARK: - Every error, with its message

    func parseError(_ text: String) -> String? {
        do {
            _ = try Expression.parse(text)
            return nil
        } catch {
            return "\(error)"
        }
    }

    func evaluationError(_ text: String, _ bindings: [String: Double]) -> String? {
        do {
            _ = try Expression.parse(text).evaluate(bindings)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func syntaxErrorsNameTheColumnAndWhatWasExpected() {
        #expect(parseError("w1*x1 + )") == "column 9: expected a number, variable, function or '(' but found ')'")
        #expect(parseError("") == "column 1: expected a number, variable, function or '(' but found the end of the expression")
        #expect(parseError("2 +") == "column 4: expected a number, variable, function or '(' but found the end of the expression")
        #expect(parseError("(a + b") == "column 7: expected ')' to close the '(' at column 1 but found the end of the expression")
        #expect(parseError("a b") == "column 3: expected an operator (+ - * / ^) or the end of the expression but found 'b'")
        #expect(parseError("2x") == "column 2: expected an operator (+ - * / ^) or the end of the expression but found 'x'")
        #expect(parseError("a $ b") == "column 3: expected an operator (+ - * / ^) or the end of the expression but found '$'")
        #expect(parseError("a + * b") == "column 5: expected a number, variable, function or '(' but found '*'")
        #expect(parseError("tanh(x))") == "column 8: expected an operator (+ - * / ^) or the end of the expression but found ')'")
        #expect(parseError("+x") == "column 1: expected a number, variable, function or '(' but found '+'")
    }

    @Test func functionErrors() {
        #expect(parseError("1 + sin(x)") == "column 5: 'sin' is not a function; expected one of exp, log, tanh, relu, sigmoid")
        #expect(parseError("exp + 1") == "column 1: expected '(' after the function 'exp', as in exp(x)")
    }

    @Test func numberAndNestingLimits() {
        #expect(parseError("1e999") == "column 1: the number 1e999 is too large; expected a finite number")
        let deep = String(repeating: "(", count: 70) + "x" + String(repeating: ")", count: 70)
        #expect(parseError(deep)?.contains("nest at most 64 levels") == true)
        #expect(parseError(String(repeating: "-", count: 80) + "x")?.contains("nest at most 64 levels") == true)
        let fine = String(repeating: "(", count: 50) + "x" + String(repeating: ")", count: 50)
        #expect(parseError(fine) == nil)
    }

    /// `x+x+…+x` with 20 000 terms crashed `dlexplain trace` (stack overflow in the recursive tree walks); the
    /// token limit refuses it by name, and the longest chain allowed still parses, evaluates and differentiates.
    @Test func longChainIsRefusedBeforeItCanOverflowTheStack() throws {
        let huge = Array(repeating: "x", count: 20_000).joined(separator: "+")
        #expect(throws: ExpressionError.tooLong(tokens: 39_999, limit: 200)) { try Expression.parse(huge) }
        #expect(parseError(huge) == "the expression has 39999 tokens; expected at most 200 (numbers, names, "
                + "operators, parentheses)")
        let longest = Array(repeating: "x", count: 100).joined(separator: "+")
        let expression = try Expression.parse(longest)
        #expect(expression.description == longest.replacingOccurrences(of: "+", with: " + "))
        let (output, leaves) = try expression.evaluate(["x": 0.5])
        output.backward()
        #expect(output.data == 50 && leaves["x"]?.grad == 100)
        #expect(throws: ExpressionError.tooLong(tokens: 201, limit: 200)) { try Expression.parse(longest + "+x") }
    }

    @Test func evaluationErrorsNameTheSubexpression() {
        #expect(evaluationError("w1*x1 + w2", ["w1": 1, "x1": 2]) == "variable 'w2' has no value; set it with --set w2=…")
        #expect(evaluationError("3 * log(x - 2)", ["x": 1]) == "log(x - 2) is log of -1.0, expected a positive argument")
        #expect(evaluationError("log(x)", ["x": 0]) == "log(x) is log of 0.0, expected a positive argument")
        #expect(evaluationError("a / (b - 1)", ["a": 1, "b": 1])
                == "a / (b - 1) divides by zero: (b - 1) is 0.0, expected a non-zero divisor")
        #expect(evaluationError("x^y", ["x": 2, "y": 3])?.hasPrefix("x^y raises to y, which uses a variable") == true)
        #expect(evaluationError("x^0.5", ["x": -4])
                == "x^0.5 is -4.0 to the power 0.5, which is not a real number; expected a non-negative base or a whole exponent")
        #expect(evaluationError("x^0.5", ["x": 4]) == nil)
    }

    @Test func errorsAreEquatableValues() {
        #expect(throws: ExpressionError.unknownFunction(column: 1, name: "sin")) { try Expression.parse("sin(x)") }
        #expect(throws: ExpressionError.unboundVariable("y")) { try Expression.parse("y").evaluate([:]) }
    }
}
