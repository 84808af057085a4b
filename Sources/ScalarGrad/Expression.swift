/// A parsed arithmetic expression such as `tanh(w1*x1 + w2*x2 + b)`, ready to be evaluated into a graph of
/// `Value`s. Every node keeps the columns of the text it came from, so errors can quote the sub-expression.
///
/// Grammar (`^` binds tighter than unary minus and is right-associative, so `-x^2 = -(x^2)` and
/// `2^3^2 = 2^(3^2)`; `* /` bind tighter than `+ -`):
/// ```
/// sum     := product (("+" | "-") product)*
/// product := unary (("*" | "/") unary)*
/// unary   := "-" unary | power
/// power   := primary ("^" unary)?
/// primary := number | variable | function "(" sum ")" | "(" sum ")"
/// ```
public struct Expression: Equatable, Sendable {
    /// What this node is.
    public indirect enum Node: Equatable, Sendable {
        /// A literal number (`2`, `0.5`, `1e-3`).
        case number(Double)
        /// A named variable (`w1`, `x_2`).
        case variable(String)
        /// Unary minus.
        case negate(Expression)
        /// A binary operator and its two operands.
        case binary(BinaryOperator, Expression, Expression)
        /// A function applied to one argument.
        case call(Function, Expression)
    }

    /// A binary operator.
    public enum BinaryOperator: String, Sendable, CaseIterable {
        case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"

        /// Binding strength: `^` 3, `* /` 2, `+ -` 1.
        var precedence: Int {
            switch self {
            case .add, .subtract: return 1
            case .multiply, .divide: return 2
            case .power: return 3
            }
        }
    }

    /// A function the parser knows: a scalar op written as a call (`Value.Operation.functions`), so the
    /// parser's vocabulary is the engine's and a new function op is parsed as soon as it exists.
    public typealias Function = Value.Operation

    /// What this node is.
    public var node: Node
    /// The characters of `source` this node was parsed from (0-based offsets, end exclusive).
    public var range: Range<Int>
    /// The whole text the expression was parsed from.
    public var source: String

    /// Makes a node over `range` of `source`.
    public init(_ node: Node, range: Range<Int>, source: String) {
        self.node = node
        self.range = range
        self.source = source
    }

    /// The text this node was parsed from, exactly as written (`log(x - 2)`).
    public var text: String {
        let characters = Array(source)
        return String(characters[range.clamped(to: 0..<characters.count)])
    }

    /// Variable names in order of first appearance.
    public var variables: [String] {
        var seen: Set<String> = []
        var names: [String] = []
        visit { expression in
            if case let .variable(name) = expression.node, seen.insert(name).inserted { names.append(name) }
        }
        return names
    }

    /// Calls `body` on every node, parents before children, left operand before right.
    public func visit(_ body: (Expression) -> Void) {
        body(self)
        switch node {
        case .number, .variable: break
        case let .negate(operand), let .call(_, operand): operand.visit(body)
        case let .binary(_, left, right):
            left.visit(body)
            right.visit(body)
        }
    }
}

// MARK: - Canonical text

extension Expression: CustomStringConvertible {
    /// Canonical text: spaces around `+` and `-`, none around `* / ^`, parentheses only where needed
    /// (`tanh(w1*x1 + w2*x2 + b)`). Parsing it again gives the same expression structure.
    public var description: String {
        switch node {
        case let .number(x): return Value.format(x)
        case let .variable(name): return name
        case let .call(function, argument): return "\(function.name)(\(argument))"
        case let .negate(operand):
            // `-x^2` already means -(x^2); any other binary operand needs parentheses.
            if case let .binary(op, _, _) = operand.node, op != .power { return "-(\(operand))" }
            return "-\(operand)"
        case let .binary(op, left, right):
            let spaced = op.precedence == 1 ? " \(op.rawValue) " : op.rawValue
            return wrap(left, under: op, isRight: false) + spaced + wrap(right, under: op, isRight: true)
        }
    }

    private func wrap(_ operand: Expression, under op: BinaryOperator, isRight: Bool) -> String {
        let needsParentheses: Bool
        switch operand.node {
        case let .binary(inner, _, _):
            if inner.precedence != op.precedence {
                needsParentheses = inner.precedence < op.precedence
            } else {
                // Left-associative + - * / parenthesise an equal-precedence right operand; ^ (right-assoc.) a left one.
                needsParentheses = op == .power ? !isRight : isRight
            }
        case .negate:
            // The base of ^ is a primary; a negative exponent (`2^-x`) reads fine.
            needsParentheses = op == .power && !isRight
        default:
            needsParentheses = false
        }
        return needsParentheses ? "(\(operand))" : "\(operand)"
    }
}
