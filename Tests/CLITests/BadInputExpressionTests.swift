import Foundation
import Testing

/// docs/ARCHITECTURE.md §7, expressions: `dlexplain trace` names the column or the sub-expression and what was expected,
/// exits non-zero without a crash, and writes no files.
@Suite struct BadInputExpressionTests {
    static func traceFails(_ arguments: [String]) throws -> String {
        let dir = try CLI.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let error = try CLI.failure(["trace"] + arguments, in: dir)
        #expect(!FileManager.default.fileExists(atPath: dir + "/Output/trace/trace.json"))
        return error
    }

    @Test func syntaxErrorNamesTheColumn() throws {
        let error = try Self.traceFails(["x * (y + ", "--set", "x=1", "--set", "y=2"])
        #expect(error.contains("column 10: expected a number, variable, function or '('"))
        #expect(error.contains("found the end of the expression"))
    }

    @Test func unknownFunctionListsTheKnownOnes() throws {
        let error = try Self.traceFails(["2 * sqrt(x)", "--set", "x=4"])
        #expect(error.contains("column 5: 'sqrt' is not a function"))
        #expect(error.contains("expected one of exp, log, tanh, relu, sigmoid"))
    }

    @Test func unboundVariableSaysHowToSetIt() throws {
        let error = try Self.traceFails(["w*x + b", "--set", "w=1", "--set", "x=2"])
        #expect(error.contains("variable 'b' has no value; set it with --set b="))
    }

    @Test func logOfNonPositiveNamesTheNode() throws {
        let error = try Self.traceFails(["y + log(x - 2)", "--set", "x=1.5", "--set", "y=0"])
        #expect(error.contains("log(x - 2) is log of -0.5, expected a positive argument"))
    }

    @Test func divisionByZeroNamesTheDivisor() throws {
        let error = try Self.traceFails(["x / (y - 1)", "--set", "x=3", "--set", "y=1"])
        #expect(error.contains("x / (y - 1) divides by zero: (y - 1) is 0.0, expected a non-zero divisor"))
    }

    /// Found by hand after the fuzzer: a 20 000-term sum overflowed the stack (signal 11); now it is refused.
    @Test func overlongExpressionIsRefusedNotCrashed() throws {
        let error = try Self.traceFails([Array(repeating: "x", count: 20_000).joined(separator: "+"), "--set", "x=1"])
        #expect(error.contains("the expression has 39999 tokens; expected at most 200"))
    }
}
