// MARK: - Evaluating an Expression into a graph of Values

extension Expression {
    /// Builds the graph: each variable becomes ONE leaf `Value` labelled with its name (reused where the name
    /// repeats, so `x*x` accumulates both uses), each number a constant, each operator its op node.
    /// Throws `ExpressionError` for a variable missing from `bindings`, a log of a value ≤ 0, a division by
    /// zero, a power that is not real, or a value that overflows Double, naming the sub-expression as written.
    public func evaluate(_ bindings: [String: Double]) throws -> (output: Value, leaves: [String: Value]) {
        var leaves: [String: Value] = [:]
        for name in variables {
            guard let value = bindings[name] else { throw ExpressionError.unboundVariable(name) }
            leaves[name] = Value(value, label: name)
        }
        return (try evaluate(with: leaves), leaves)
    }

    /// The value of the expression alone, without keeping the graph's leaves (numeric checks use this).
    public func value(_ bindings: [String: Double]) throws -> Double {
        try evaluate(bindings).output.data
    }

    /// Builds the graph over leaves you supply (one per variable, shared wherever the name repeats), so a
    /// caller can keep parameters alive across evaluations. Throws as `evaluate(_:)` does.
    public func evaluate(with leaves: [String: Value]) throws -> Value {
        let result = try evaluateNode(with: leaves)
        // Every operand is finite (each was checked on its way up), so a non-finite result is this node's overflow.
        guard result.data.isFinite else { throw overflow(result) }
        return result
    }

    /// The error for a node whose value left Double's range: names the node and its operands.
    private func overflow(_ result: Value) -> ExpressionError {
        let operands = result.parents.map { "\($0.value.data)" }
        let operation: String
        switch node {
        case let .call(function, _): operation = "\(function.name)(\(operands.first ?? ""))"
        case let .binary(op, left, right):
            // `x*x` has one parent used twice; a power's exponent is a constant, not a parent.
            let lhs = operands.first ?? left.text
            let rhs = op == .power ? right.text : operands.count > 1 ? operands[1] : lhs
            operation = "\(lhs) \(op.rawValue) \(rhs)"
        default: operation = "its value"
        }
        return .overflow(expression: text, operation: operation)
    }

    private func evaluateNode(with leaves: [String: Value]) throws -> Value {
        switch node {
        case let .number(x):
            return .constant(x)
        case let .variable(name):
            guard let leaf = leaves[name] else { throw ExpressionError.unboundVariable(name) }
            return leaf
        case let .negate(operand):
            return -(try operand.evaluate(with: leaves))
        case let .call(function, argument):
            let input = try argument.evaluate(with: leaves)
            if function == .log && !(input.data > 0) {
                throw ExpressionError.logOfNonPositive(expression: text, argument: input.data)
            }
            return input.applying(function)
        case let .binary(op, left, right):
            // pow takes a constant exponent: any expression without variables (`x^-2`, `x^(1/2)`).
            if op == .power && !right.variables.isEmpty {
                throw ExpressionError.variableExponent(expression: text, exponent: right.text)
            }
            let a = try left.evaluate(with: leaves), b = try right.evaluate(with: leaves)
            switch op {
            case .add: return a + b
            case .subtract: return a - b
            case .multiply: return a * b
            case .divide:
                guard b.data != 0 else {
                    throw ExpressionError.divisionByZero(expression: text, divisor: right.text)
                }
                return a / b
            case .power:
                let result = a.pow(b.data)
                if a.data == 0 && b.data < 0 {
                    throw ExpressionError.zeroToNegativePower(expression: text, exponent: b.data)
                }
                if result.data.isNaN && !a.data.isNaN {
                    throw ExpressionError.notARealNumber(expression: text, base: a.data, exponent: b.data)
                }
                return result
            }
        }
    }
}
