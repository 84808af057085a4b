import Foundation
import Testing

/// Issue 12, `dlexplain trace`: expressions that start with a minus sign, overflow named like division by zero,
/// the gradient check's words at kinks and domain edges, repeated or unused `--set`, and a wide fan-in that
/// lays out in seconds.
@Suite struct HostileExpressionTests {
    /// Runs `trace arguments…` in a fresh directory; returns the result and whether trace.json was written.
    static func trace(_ arguments: [String], timeout: Double = 120) throws -> (CLI.Result, wrote: Bool) {
        let dir = try CLI.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try CLI.run(["trace"] + arguments + ["--out", "out"], in: dir, timeout: timeout)
        return (result, FileManager.default.fileExists(atPath: dir + "/out/trace.json"))
    }

    @Test(arguments: [
        (["-x^2", "--set", "x=3"], "f = −x^2 = −9.0000"),
        (["--set", "x=3", "-x^2"], "f = −x^2 = −9.0000"),
        (["-3*x", "--set", "x=-2"], "6.0000"),
        (["-(x - y)", "--set", "x=1", "--set", "y=-1e-3"], "-1.0010"),
        (["-x", "--json", "--set", "x=2"], "\"engine\""),
        (["--x^2", "--set", "x=3"], "9.0000"),
    ])
    func expressionsStartingWithAMinusWork(arguments: [String], shows: String) throws {
        let (result, wrote) = try Self.trace(arguments)
        #expect(result.status == 0, "stderr was: \(result.stderr)")
        #expect(result.stdout.contains(shows), "stdout was: \(result.stdout)")
        #expect(!result.stderr.contains("Missing expected argument"))
        #expect(wrote)
    }

    @Test(arguments: [
        (["exp(x)", "--set", "x=1000"], "exp(x) overflows: exp(1000.0) is beyond ±1.8e308, the largest Double"),
        (["x^-1", "--set", "x=0"], "x^-1 is 0.0 to the power -1.0, a division by zero; expected a non-zero base"),
        (["x*x", "--set", "x=1e200"], "x*x overflows: 1e+200 * 1e+200 is beyond ±1.8e308"),
        (["1/x", "--set", "x=1e-320"], "1/x overflows: 1.0 / 1e-320 is beyond ±1.8e308"),
        (["exp(1000)"], "exp(1000) overflows: exp(1000.0) is beyond ±1.8e308"),
        (["0^-1"], "0^-1 is 0.0 to the power -1.0, a division by zero"),
        (["y + exp(x)^2", "--set", "x=400", "--set", "y=1"], "exp(x)^2 overflows"),
    ])
    func overflowIsNamedLikeDivisionByZero(arguments: [String], message: String) throws {
        let (result, wrote) = try Self.trace(arguments)
        #expect(result.failedCleanly, "status \(result.status):\n\(result.stderr)")
        #expect(result.stderr.contains(message), "stderr was: \(result.stderr)")
        #expect(!result.stdout.contains("inf"), "stdout was: \(result.stdout)")
        #expect(!wrote)
    }

    @Test func reluAtItsKinkIsExplainedNotFlagged() throws {
        let (result, _) = try Self.trace(["relu(x)", "--set", "x=0"])
        #expect(result.status == 0, "stderr was: \(result.stderr)")
        #expect(result.stdout.contains("x: not differentiable at 0: left/right derivatives are 0 and 1; "
                                       + "backward's 0 is the left one, a valid subgradient"), "stdout: \(result.stdout)")
    }

    @Test func logNearZeroUsesASmallerStepInsideTheDomain() throws {
        let (result, _) = try Self.trace(["log(x)", "--set", "x=1e-7"])
        #expect(result.status == 0, "stderr was: \(result.stderr)")
        #expect(result.stdout.contains("the check's step ±1e-06 leaves the domain; a smaller step ±1e-10 was used"))
        #expect(!result.stdout.contains("log of -"), "the check must not evaluate outside the domain")
        #expect(!result.stderr.contains("log of"))
    }

    @Test func squareRootAtZeroUsesAOneSidedDifference() throws {
        let (result, _) = try Self.trace(["x^0.5", "--set", "x=0"])
        #expect(result.status == 0, "stderr was: \(result.stderr)")
        #expect(result.stdout.contains("the check's step leaves the domain below 0; one-sided difference used"))
        #expect(result.stdout.contains("the slope is unbounded"))
        #expect(!result.stdout.contains("≠"), "the narration must not call ∞ different from ∞")
    }

    @Test func zeroPowerHasGradientZeroAtZero() throws {
        let (result, _) = try Self.trace(["x^0 + x", "--set", "x=0"])
        #expect(result.status == 0, "stderr was: \(result.stderr)")
        #expect(!result.stdout.lowercased().contains("nan"), "stdout was: \(result.stdout)")
    }

    @Test func gradientOverflowIsNamedOnStandardError() throws {
        // f = 1/x is finite at 1e-160; ∂f/∂x = −1/x² = −1e320 is not.
        let (result, _) = try Self.trace(["1/x", "--set", "x=1e-160"])
        #expect(result.failedCleanly, "status \(result.status):\n\(result.stderr)")
        #expect(result.stderr.contains("the gradient check failed: ∂f/∂x is -inf by backward"), "stderr: \(result.stderr)")
        #expect(result.stderr.contains("overflows"))
    }

    /// Found by hand: the output being the variable itself crashed `--why` (an empty path indexed).
    @Test func whyOfTheOutputItselfIsOne() throws {
        let (result, _) = try Self.trace(["x", "--set", "x=1", "--why", "x"])
        #expect(result.status == 0, "status \(result.status):\n\(result.stderr)")
        #expect(result.stdout.contains("x is the output itself"), "stdout: \(result.stdout)")
    }

    @Test func emptyWrtIsRefused() throws {
        let (result, wrote) = try Self.trace(["x*y", "--set", "x=1", "--set", "y=2", "--wrt", " , "])
        #expect(result.failedCleanly)
        #expect(result.stderr.contains("--wrt ' , ': expected variable names separated by commas"), "stderr: \(result.stderr)")
        #expect(!wrote)
    }

    @Test func overflowingNaNGradientIsExplained() throws {
        let (result, _) = try Self.trace(["x/x", "--set", "x=1e-320"])
        #expect(result.failedCleanly)
        #expect(result.stderr.contains("backward's gradient is NaN: local derivatives overflowed and cancelled"),
                "stderr: \(result.stderr)")
    }

    @Test(arguments: [
        (["x*y", "--set", "x=1", "--set", "x=2", "--set", "y=1"], "--set x is given twice (x=1 and x=2); expected one value per variable"),
        (["x*2", "--set", "x=1", "--set", "zz=2"], "--set zz=…: the expression has no variable 'zz'; expected only x"),
        (["3*2", "--set", "x=1"], "--set x=…: the expression has no variable 'x'; expected no --set, as it has no variables"),
    ])
    func repeatedOrUnusedSetIsRefusedNamingTheVariable(arguments: [String], message: String) throws {
        let (result, wrote) = try Self.trace(arguments)
        #expect(result.failedCleanly, "status \(result.status):\n\(result.stderr)")
        #expect(result.stderr.contains(message), "stderr was: \(result.stderr)")
        #expect(!wrote)
    }

    /// 99 uses of one variable: every diagram is drawn (with a tag per use) instead of a layout that ran for
    /// minutes. The timeout is a hang guard, not a timing target (`dlexplain trace` on this expression is timed
    /// in Tests/Fuzz/README.md's notes).
    @Test func wideFanInIsDrawnWithUseTags() throws {
        let dir = try CLI.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sum = Array(repeating: "x", count: 99).joined(separator: "+")
        let result = try CLI.run(["trace", sum, "--set", "x=1", "--out", "out"], in: dir, timeout: 90)
        #expect(result.status == 0, "stderr was: \(result.stderr)")
        let dot = try String(contentsOfFile: dir + "/out/graph.dot", encoding: .utf8)
        #expect(dot.contains("x (use 98 of 98)"))
        #expect(FileManager.default.fileExists(atPath: dir + "/out/backprop.png"))
    }
}
