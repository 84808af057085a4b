import Foundation
import Testing
import ScalarGrad
import Showcase
@testable import Server

/// Every error the pages word themselves has a sentence in both languages, and every {name} in it is filled.
@Suite struct ErrorWordingTests {
    /// The `"err-…": "…"` templates of one language's table in i18n.js.
    static func templates(_ language: String) throws -> [String: String] {
        let text = try String(contentsOfFile: StaticAssets.bundledDirectory! + "/i18n.js", encoding: .utf8)
        let start = try #require(text.range(of: "\n  \(language): {"))
        let end = try #require(text.range(of: "\n  },", range: start.upperBound..<text.endIndex))
        let block = String(text[start.upperBound..<end.lowerBound])
        let pattern = try NSRegularExpression(pattern: #""(err-[a-z-]+)": "((?:[^"\\]|\\.)*)""#)
        var found: [String: String] = [:]
        for match in pattern.matches(in: block, range: NSRange(block.startIndex..., in: block)) {
            let key = String(block[Range(match.range(at: 1), in: block)!])
            found[key] = String(block[Range(match.range(at: 2), in: block)!])
        }
        return found
    }

    static let expressionErrors: [ExpressionError] = [
        .unexpected(column: 3, expected: .operatorOrEnd, found: "'x'"),
        .unexpected(column: 3, expected: .operand, found: "')'"),
        .unexpected(column: 3, expected: .operand, found: ExpressionError.endOfExpression),
        .unexpected(column: 5, expected: .closingParenthesis(openedAt: 1), found: "'y'"),
        .unexpected(column: 5, expected: .closingParenthesis(openedAt: 1), found: ExpressionError.endOfExpression),
        .unknownFunction(column: 1, name: "foo"), .missingArgument(column: 1, function: "exp"),
        .tooDeep(column: 65, limit: 64), .numberOutOfRange(column: 1, text: "1e999"),
        .tooLong(tokens: 201, limit: 200),
        .unboundVariable("x"), .variableExponent(expression: "x^y", exponent: "y"),
        .logOfNonPositive(expression: "log(x)", argument: -1), .divisionByZero(expression: "1/x", divisor: "x"),
        .notARealNumber(expression: "x^0.5", base: -1, exponent: 0.5),
        .zeroToNegativePower(expression: "x^-1", exponent: -1),
        .overflow(expression: "exp(x)", operation: "exp(1000.0)"),
    ]

    static var pageErrors: [APIError] {
        expressionErrors.map { APIError.from($0) }
            + [SettingRange.closed(0, 1), .openClosed(0, 10), .layers(6), .widths(32)].map {
                APIError.from(PlaygroundError.invalidSetting(field: "noise", expected: $0))
            }
    }

    @Test(arguments: ["en", "zh"])
    func everyCodedErrorIsWordedWithEveryNameFilled(language: String) throws {
        let table = try Self.templates(language)
        let names = try NSRegularExpression(pattern: #"\{(\w+)\}"#)
        for error in Self.pageErrors {
            let code = try #require(error.code, "\(error.message) has no code")
            let template = try #require(table["err-" + code], "no \(language) sentence for \(code)")
            for match in names.matches(in: template, range: NSRange(template.startIndex..., in: template)) {
                let name = String(template[Range(match.range(at: 1), in: template)!])
                #expect(error.parameters[name] != nil, "\(code) in \(language) needs {\(name)}")
            }
        }
    }

    @Test func theEnglishSentenceIsTheErrorsOwnDescription() throws {
        let table = try Self.templates("en")
        for error in Self.expressionErrors where error != .unboundVariable("x") {
            var sentence = try #require(table["err-" + error.code])
            for (name, value) in error.parameters {
                sentence = sentence.replacingOccurrences(of: "{\(name)}", with: value)
            }
            #expect(sentence == error.description)
        }
    }
}
