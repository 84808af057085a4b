// libFuzzer harness for the expression parser and evaluator (Sources/ScalarGrad/Expression*.swift), the path
// `dlexplain trace "…"` takes: parse, evaluate with bindings, backward, trace, trace JSON.
// Not a SwiftPM target: it is compiled together with the ScalarGrad and Trace sources into one module (an empty
// module named Trace stands in for the real one so `import Trace` resolves). From the package root:
//
//   mkdir -p .build/fuzz/stub && echo "" > .build/fuzz/stub/Trace.swift && swiftc -emit-module -parse-as-library \
//       -module-name Trace .build/fuzz/stub/Trace.swift -emit-module-path .build/fuzz/stub/Trace.swiftmodule
//   swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name FuzzExpression -use-ld=lld -I .build/fuzz/stub \
//       Tests/Fuzz/FuzzExpression.swift Sources/ScalarGrad/*.swift Sources/Trace/*.swift -o .build/fuzz/fuzz-expression
//
// The input's first byte picks the bindings (0, ±1, tiny, huge, negative…); the rest is the expression text.
// Every input must either parse, evaluate and differentiate, or throw an ExpressionError; parsing the canonical
// text of a parsed expression must give the same canonical text. A trap, ASan report, leak or hang is a bug.
import Foundation

/// Values a variable can take: the awkward ones first (kinks, poles, overflow), then ordinary ones.
private let bindingChoices: [Double] = [0, 1, -1, 0.5, -0.5, 2, -2, 1e-300, -1e-300, 1e300, -1e300, 710, -745, 3.25]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExpression(_ start: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let selector = Int(start[0])
    let text = String(decoding: UnsafeBufferPointer(start: start + 1, count: size - 1), as: UTF8.self)
    guard let expression = try? Expression.parse(text) else { return 0 }

    let canonical = expression.description
    let reparsed: Expression
    do { reparsed = try Expression.parse(canonical) } catch {
        preconditionFailure("canonical text '\(canonical)' of '\(text)' does not parse: \(error)")
    }
    precondition(reparsed.description == canonical, "canonical text changes when parsed again: '\(canonical)'")

    var bindings: [String: Double] = [:]
    for (index, name) in expression.variables.enumerated() {
        bindings[name] = bindingChoices[(selector &+ index &* 7) % bindingChoices.count]
    }
    // Leave one variable unbound now and then so that path runs too.
    if selector % 17 == 16, let first = expression.variables.first { bindings[first] = nil }
    guard let (output, leaves) = try? expression.evaluate(bindings) else { return 0 }
    output.backward()
    for (name, leaf) in leaves { precondition(leaf.label == name, "leaf for \(name) is labelled \(leaf.label)") }
    let trace = output.trace(title: text)
    precondition(trace.nodes.count == output.topologicalOrder().count, "trace node count disagrees with the graph")
    _ = try? trace.jsonData()
    return 0
}
