/// Why an expression could not be parsed or evaluated. Each description names the place (1-based column or
/// the offending sub-expression) and what was expected.
public enum ExpressionError: Error, Equatable, CustomStringConvertible {
    /// A token that does not fit here: `column 9: expected a number, variable, function or '(' but found ')'`.
    /// `found` is the token quoted, or `ExpressionError.endOfExpression`.
    case unexpected(column: Int, expected: Expected, found: String)
    /// A name followed by `(` that is not one of `Value.Operation.functions`.
    case unknownFunction(column: Int, name: String)
    /// A function name used without its argument in parentheses.
    case missingArgument(column: Int, function: String)
    /// Parentheses nested deeper than `Expression.maximumDepth`.
    case tooDeep(column: Int, limit: Int)
    /// A literal too large to be a finite Double.
    case numberOutOfRange(column: Int, text: String)
    /// More tokens than `Expression.maximumTokens` (a longer chain would overflow the stack of the recursive
    /// evaluator, and no diagram of it could be read).
    case tooLong(tokens: Int, limit: Int)
    /// A variable with no value in the bindings.
    case unboundVariable(String)
    /// An exponent that depends on a variable (pow takes a constant exponent).
    case variableExponent(expression: String, exponent: String)
    /// A log whose argument evaluated to zero or less.
    case logOfNonPositive(expression: String, argument: Double)
    /// A division whose divisor evaluated to zero.
    case divisionByZero(expression: String, divisor: String)
    /// A power that is not a real number, such as a negative base with a fractional exponent.
    case notARealNumber(expression: String, base: Double, exponent: Double)
    /// A zero base raised to a negative power: a division by zero in disguise (`x^-1` at x = 0).
    case zeroToNegativePower(expression: String, exponent: Double)
    /// A value beyond Double's range (±1.8e308) from finite operands: `exp(1000)`, `x*x` at 1e200, `1/x` at
    /// 1e-320. `operation` shows the operands (`exp(1000.0)`).
    case overflow(expression: String, operation: String)

    public var description: String {
        switch self {
        case let .unexpected(column, expected, found):
            return "column \(column): expected \(expected.text) but found \(found)"
        case let .unknownFunction(column, name):
            return "column \(column): '\(name)' is not a function; expected one of \(Self.knownFunctions)"
        case let .missingArgument(column, function):
            return "column \(column): expected '(' after the function '\(function)', as in \(function)(x)"
        case let .tooDeep(column, limit):
            return "column \(column): expressions nest at most \(limit) levels deep; expected fewer parentheses"
        case let .numberOutOfRange(column, text):
            return "column \(column): the number \(text) is too large; expected a finite number"
        case let .tooLong(tokens, limit):
            return "the expression has \(tokens) tokens; expected at most \(limit) (numbers, names, operators, "
                + "parentheses)"
        case let .unboundVariable(name):
            return "variable '\(name)' has no value; set it with --set \(name)=…"
        case let .variableExponent(expression, exponent):
            return "\(expression) raises to \(exponent), which uses a variable; expected a constant exponent "
                + "(write exp(y*log(x)) for x^y)"
        case let .logOfNonPositive(expression, argument):
            return "\(expression) is log of \(argument), expected a positive argument"
        case let .divisionByZero(expression, divisor):
            return "\(expression) divides by zero: \(divisor) is 0.0, expected a non-zero divisor"
        case let .notARealNumber(expression, base, exponent):
            return "\(expression) is \(base) to the power \(exponent), which is not a real number; "
                + "expected a non-negative base or a whole exponent"
        case let .zeroToNegativePower(expression, exponent):
            return "\(expression) is 0.0 to the power \(exponent), a division by zero; expected a non-zero base "
                + "for a negative exponent"
        case let .overflow(expression, operation):
            return "\(expression) overflows: \(operation) is beyond ±1.8e308, the largest Double; expected "
                + "values whose result fits (smaller inputs)"
        }
    }
}

extension ExpressionError {
    /// The 1-based column the error points at, for errors tied to one place in the text (nil otherwise); the
    /// explorer underlines it.
    public var column: Int? {
        switch self {
        case let .unexpected(column, _, _), let .unknownFunction(column, _), let .missingArgument(column, _),
             let .tooDeep(column, _), let .numberOutOfRange(column, _):
            return column
        case .tooLong, .unboundVariable, .variableExponent, .logOfNonPositive, .divisionByZero, .notARealNumber,
             .zeroToNegativePower, .overflow:
            return nil
        }
    }
}
