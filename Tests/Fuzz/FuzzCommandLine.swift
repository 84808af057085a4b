// libFuzzer harness for the command line's option parsing (Sources/dlexplain/ArgumentSyntax.swift and
// CheckedOption.swift), the path every `dlexplain …` takes before any work: argv rewritten for words starting
// with a minus sign, then parsed by ArgumentParser with the bounded numeric options.
// Not a SwiftPM target: the executable's commands import every engine, so this file declares a command tree with
// the same kinds of options — the real `Checked` transforms and `Bounds`, a positional expression, repeated
// `--set`, flags, a nested subcommand — and is compiled with ArgumentParser's own sources and the two CLI files
// into one module (see Tests/Fuzz/README.md for the commands).
//
// The input is split into words at NUL and newline bytes. Every input must either parse — and then every number
// lies within its bounds and is finite — or give an error ArgumentParser can describe, with a non-zero exit code
// (help and version requests exit 0). The rewrite must keep every word (glued ones split back) and be idempotent.
import Foundation

struct FuzzTrain: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "train")
    @Option(transform: Checked.whole(SizeLimit.epochs)) var epochs = 1
    @Option(transform: Checked.whole(SizeLimit.batch)) var batch = 64
    @Option(transform: Checked.float(.learningRate)) var lr: Float?
    @Option(transform: Checked.float(.momentum)) var momentum: Float = 0.5
    @Option(transform: Checked.float(.penalty)) var l1: Float = 0
    @Option(transform: Checked.float(.shrinkFactor)) var gamma: Float = 0.1
    @Option(transform: Checked.whole(SizeLimit.threads)) var threads = 2
    @Option var seed: UInt64 = 1
    @Option var out = "Output/train"
    @Flag var resume = false
}

struct FuzzTrace: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "trace")
    @Argument var expression: String
    @Option(name: .customLong("set")) var assignments: [String] = []
    @Flag var json = false
    @Option var wrt: String?
}

struct FuzzBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", subcommands: [Scalar.self])
    struct Scalar: ParsableCommand {
        @Option(transform: Checked.whole(2...10_000)) var points = 100
        @Option(transform: Checked.real(Bounds(lower: 0, upper: 10))) var noise = 0.1
        @Option(transform: Checked.whole(SizeLimit.benchBatch)) var batch = 64
    }
}

struct FuzzRoot: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dlexplain",
                                                    subcommands: [FuzzTrain.self, FuzzTrace.self, FuzzBench.self])
}

private let grammar = ArgumentSyntax.grammar(fromHelpJSON: FuzzRoot._dumpHelp())

/// Splits glued `--name=value` words back for the comparison of word multisets.
private func words(_ arguments: [String]) -> [String] {
    arguments.flatMap { word -> [String] in
        guard word.hasPrefix("--"), let equals = word.firstIndex(of: "="),
              ArgumentSyntax.isDashWord(String(word[word.index(after: equals)...])) else { return [word] }
        return [String(word[..<equals]), String(word[word.index(after: equals)...])]
    }.filter { $0 != "--" }.sorted()
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCommandLine(_ start: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: size), as: UTF8.self)
    let arguments = text.split(omittingEmptySubsequences: true) { $0 == "\0" || $0 == "\n" }.map(String.init)
    let normalized = ArgumentSyntax.normalize(arguments, grammar: grammar)
    precondition(ArgumentSyntax.normalize(normalized, grammar: grammar) == normalized, "rewrite not idempotent")
    precondition(words(normalized) == words(arguments), "rewrite lost or invented a word: \(arguments) → \(normalized)")
    do {
        let command = try FuzzRoot.parseAsRoot(normalized)
        if let train = command as? FuzzTrain {
            precondition(SizeLimit.epochs.contains(train.epochs) && SizeLimit.batch.contains(train.batch))
            precondition(SizeLimit.threads.contains(train.threads))
            precondition(train.lr.map { $0.isFinite && Bounds.learningRate.contains(Double($0)) } ?? true)
            precondition(train.momentum.isFinite && train.momentum >= 0 && train.momentum < 1)
            precondition(train.l1.isFinite && train.l1 >= 0 && train.l1 <= 1)
            precondition(train.gamma.isFinite && train.gamma > 0 && train.gamma <= 1)
        } else if let scalar = command as? FuzzBench.Scalar {
            precondition((2...10_000).contains(scalar.points) && SizeLimit.benchBatch.contains(scalar.batch))
            precondition(scalar.noise.isFinite && scalar.noise >= 0 && scalar.noise <= 10)
        }
    } catch {
        let message = FuzzRoot.fullMessage(for: error)
        let code = FuzzRoot.exitCode(for: error)
        let isRequest = code == .success  // --help, --version, help
        precondition(isRequest || !message.isEmpty, "an error without a message for \(normalized)")
    }
    return 0
}
