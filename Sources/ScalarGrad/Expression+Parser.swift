// MARK: - Parsing text into an Expression (recursive descent; grammar on `Expression`)

extension Expression {
    /// How deeply parentheses, unary minus and `^` may nest; keeps the recursive parser's stack bounded. Below
    /// half of `maximumTokens`, so a too-deep expression is named as such rather than as too long.
    public static let maximumDepth = 64
    /// How many tokens an expression may hold. A chain such as `x+x+…+x` nests one level per operator in the
    /// tree that evaluation, printing and teardown walk recursively: 20 000 terms overflowed the main thread's
    /// stack in a debug build. The diagrams set the practical bound: `dlexplain trace` on 100 terms of one
    /// variable (199 tokens) takes about 20 s, nearly all in Graphviz layout and PNG encoding, and the time
    /// grows faster than the square of the length (200 terms: about 100 s).
    public static let maximumTokens = 200

    /// Parses `text` (numbers such as `2`, `0.5`, `1e-3`; variables of letters, digits and `_`; `+ - * / ^`;
    /// unary minus; parentheses; `exp log tanh relu sigmoid`). Throws `ExpressionError` naming the column.
    public static func parse(_ text: String) throws -> Expression {
        let tokens = try Lexer.tokens(of: text)
        // The end marker is not counted.
        guard tokens.count - 1 <= maximumTokens else {
            throw ExpressionError.tooLong(tokens: tokens.count - 1, limit: maximumTokens)
        }
        var parser = Parser(text: text, tokens: tokens)
        let expression = try parser.parseSum()
        let token = parser.peek
        guard case .end = token.kind else {
            throw ExpressionError.unexpected(
                column: token.column, expected: .operatorOrEnd,
                found: token.quoted)
        }
        return expression
    }
}

/// A lexical unit with its 0-based character offset and length.
struct Token {
    enum Kind: Equatable {
        case number(Double)
        case identifier(String)
        case symbol(Character)
        case end
    }

    var kind: Kind
    var offset: Int
    var text: String

    /// 1-based column for messages.
    var column: Int { offset + 1 }

    /// How a message names the token: `')'` or `the end of the expression`.
    var quoted: String {
        if case .end = kind { return ExpressionError.endOfExpression }
        return "'\(text)'"
    }
}

enum Lexer {
    static func tokens(of text: String) throws -> [Token] {
        let characters = Array(text)
        var tokens: [Token] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let start = index
            if character.isWhitespace {
                index += 1
            } else if character.isASCIIDigit || (character == "." && characters.indices.contains(index + 1)
                                                   && characters[index + 1].isASCIIDigit) {
                index = scanNumber(characters, from: index)
                let literal = String(characters[start..<index])
                guard let number = Double(literal), number.isFinite else {
                    throw ExpressionError.numberOutOfRange(column: start + 1, text: literal)
                }
                tokens.append(Token(kind: .number(number), offset: start, text: literal))
            } else if character.isIdentifierStart {
                while index < characters.count && characters[index].isIdentifierBody { index += 1 }
                let name = String(characters[start..<index])
                tokens.append(Token(kind: .identifier(name), offset: start, text: name))
            } else {
                tokens.append(Token(kind: .symbol(character), offset: start, text: String(character)))
                index += 1
            }
        }
        tokens.append(Token(kind: .end, offset: characters.count, text: ""))
        return tokens
    }

    /// Digits, an optional fraction, and an exponent only when digits follow the `e` (`2e` is 2 then `e`).
    private static func scanNumber(_ characters: [Character], from start: Int) -> Int {
        var index = start
        func digits() { while index < characters.count && characters[index].isASCIIDigit { index += 1 } }
        digits()
        if index < characters.count && characters[index] == "." {
            index += 1
            digits()
        }
        if index < characters.count && (characters[index] == "e" || characters[index] == "E") {
            var probe = index + 1
            if probe < characters.count && (characters[probe] == "+" || characters[probe] == "-") { probe += 1 }
            if probe < characters.count && characters[probe].isASCIIDigit {
                index = probe
                digits()
            }
        }
        return index
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
    var isIdentifierStart: Bool { (isASCII && isLetter) || self == "_" }
    var isIdentifierBody: Bool { isIdentifierStart || isASCIIDigit }
}

struct Parser {
    let text: String
    let tokens: [Token]
    var position = 0
    var depth = 0

    init(text: String, tokens: [Token]) {
        self.text = text
        self.tokens = tokens
    }

    var peek: Token { tokens[position] }

    mutating func advance() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    func node(_ node: Expression.Node, from start: Int, to end: Int) -> Expression {
        Expression(node, range: start..<end, source: text)
    }

    /// The offset just past the last token consumed.
    var consumedEnd: Int {
        let last = tokens[max(position - 1, 0)]
        return last.offset + last.text.count
    }

    mutating func symbol(in set: String) -> Character? {
        if case let .symbol(character) = peek.kind, set.contains(character) {
            _ = advance()
            return character
        }
        return nil
    }

    mutating func parseSum() throws -> Expression {
        var left = try parseProduct()
        while let character = symbol(in: "+-") {
            let right = try parseProduct()
            left = node(.binary(character == "+" ? .add : .subtract, left, right),
                        from: left.range.lowerBound, to: right.range.upperBound)
        }
        return left
    }

    mutating func parseProduct() throws -> Expression {
        var left = try parseUnary()
        while let character = symbol(in: "*/") {
            let right = try parseUnary()
            left = node(.binary(character == "*" ? .multiply : .divide, left, right),
                        from: left.range.lowerBound, to: right.range.upperBound)
        }
        return left
    }

    mutating func parseUnary() throws -> Expression {
        try deeper()
        defer { depth -= 1 }
        let start = peek.offset
        if symbol(in: "-") != nil {
            let operand = try parseUnary()
            return node(.negate(operand), from: start, to: operand.range.upperBound)
        }
        let base = try parsePrimary()
        guard symbol(in: "^") != nil else { return base }
        let exponent = try parseUnary()
        return node(.binary(.power, base, exponent), from: base.range.lowerBound, to: exponent.range.upperBound)
    }

    mutating func parsePrimary() throws -> Expression {
        let token = advance()
        switch token.kind {
        case let .number(x):
            return node(.number(x), from: token.offset, to: token.offset + token.text.count)
        case let .identifier(name):
            let isCall: Bool
            if case .symbol("(") = peek.kind { isCall = true } else { isCall = false }
            guard let function = Value.Operation(function: name) else {
                if isCall { throw ExpressionError.unknownFunction(column: token.column, name: name) }
                return node(.variable(name), from: token.offset, to: token.offset + token.text.count)
            }
            guard isCall else { throw ExpressionError.missingArgument(column: token.column, function: name) }
            let argument = try parseParenthesised()
            return node(.call(function, argument), from: token.offset, to: consumedEnd)
        case .symbol("("):
            position -= 1
            let inner = try parseParenthesised()
            // Keep the parentheses in the range so errors quote `(b - 1)` as written.
            return Expression(inner.node, range: token.offset..<consumedEnd, source: text)
        default:
            throw ExpressionError.unexpected(
                column: token.column, expected: .operand, found: token.quoted)
        }
    }

    /// `( sum )`, with the current token at the `(`.
    mutating func parseParenthesised() throws -> Expression {
        // No depth count here: every way into a parenthesis passes parseUnary, which counts the level once.
        let open = advance()
        let inner = try parseSum()
        guard symbol(in: ")") != nil else {
            throw ExpressionError.unexpected(
                column: peek.column, expected: .closingParenthesis(openedAt: open.column), found: peek.quoted)
        }
        return inner
    }

    mutating func deeper() throws {
        depth += 1
        if depth > Expression.maximumDepth {
            throw ExpressionError.tooDeep(column: peek.column, limit: Expression.maximumDepth)
        }
    }
}
