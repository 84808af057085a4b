extension ExpressionError {
    /// What the parser expected where it stopped, as data: the message words it, and the explorer's pages word it
    /// in their own language.
    public enum Expected: Equatable, Sendable {
        /// After a complete operand: `an operator (+ - * / ^) or the end of the expression`.
        case operatorOrEnd
        /// Where an operand must start: `a number, variable, function or '('`.
        case operand
        /// Inside parentheses: `')' to close the '(' at column N`.
        case closingParenthesis(openedAt: Int)

        /// The English words of the message.
        public var text: String {
            switch self {
            case .operatorOrEnd: return "an operator (+ - * / ^) or the end of the expression"
            case .operand: return "a number, variable, function or '('"
            case let .closingParenthesis(column): return "')' to close the '(' at column \(column)"
            }
        }
    }

    /// The functions an expression may call, as the messages list them.
    static var knownFunctions: String { Value.Operation.functions.map(\.name).joined(separator: ", ") }

    /// How `found` names the end of the text.
    public static let endOfExpression = "the end of the expression"

    /// A stable name of the error's kind (`expression-unknown-function`), for clients that word errors
    /// themselves, such as the explorer's Chinese page.
    public var code: String {
        switch self {
        case let .unexpected(_, expected, found):
            let at = found == Self.endOfExpression ? "-at-end" : ""
            switch expected {
            case .operatorOrEnd: return "expression-expected-operator" + at
            case .operand: return "expression-expected-operand" + at
            case .closingParenthesis: return "expression-expected-close" + at
            }
        case .unknownFunction: return "expression-unknown-function"
        case .missingArgument: return "expression-missing-argument"
        case .tooDeep: return "expression-too-deep"
        case .numberOutOfRange: return "expression-number-too-large"
        case .tooLong: return "expression-too-long"
        case .unboundVariable: return "expression-unbound-variable"
        case .variableExponent: return "expression-variable-exponent"
        case .logOfNonPositive: return "expression-log-non-positive"
        case .divisionByZero: return "expression-division-by-zero"
        case .notARealNumber: return "expression-not-real"
        case .zeroToNegativePower: return "expression-zero-to-negative-power"
        case .overflow: return "expression-overflow"
        }
    }

    /// The values the error's sentence needs, by name (`column`, `name`, `expression`, …), as the message
    /// prints them.
    public var parameters: [String: String] {
        switch self {
        case let .unexpected(column, expected, found):
            var values = ["column": "\(column)", "found": found]
            if case let .closingParenthesis(open) = expected { values["open"] = "\(open)" }
            return values
        case let .unknownFunction(column, name):
            return ["column": "\(column)", "name": name,
                    "known": Self.knownFunctions]
        case let .missingArgument(column, function): return ["column": "\(column)", "function": function]
        case let .tooDeep(column, limit): return ["column": "\(column)", "limit": "\(limit)"]
        case let .numberOutOfRange(column, text): return ["column": "\(column)", "text": text]
        case let .tooLong(tokens, limit): return ["tokens": "\(tokens)", "limit": "\(limit)"]
        case let .unboundVariable(name): return ["name": name]
        case let .variableExponent(expression, exponent): return ["expression": expression, "exponent": exponent]
        case let .logOfNonPositive(expression, argument): return ["expression": expression, "argument": "\(argument)"]
        case let .divisionByZero(expression, divisor): return ["expression": expression, "divisor": divisor]
        case let .notARealNumber(expression, base, exponent):
            return ["expression": expression, "base": "\(base)", "exponent": "\(exponent)"]
        case let .zeroToNegativePower(expression, exponent):
            return ["expression": expression, "exponent": "\(exponent)"]
        case let .overflow(expression, operation): return ["expression": expression, "operation": operation]
        }
    }
}
