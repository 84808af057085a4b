/// What one showcase call produced for a front end: the text to show (in order) and the files it wrote.
/// A command prints `text`, then `files`; the explorer sends both; nothing else needs assembling.
public struct Outcome: Sendable {
    /// Lines (or blocks) of text, in the order they belong on a terminal.
    public var text: [String]
    /// Every file written, in the order written.
    public var files: [String]
    /// False when a check the call ran failed (the CLI then exits non-zero).
    public var passed: Bool

    /// An outcome.
    public init(text: [String] = [], files: [String] = [], passed: Bool = true) {
        self.text = text
        self.files = files
        self.passed = passed
    }
}

/// How a run is recorded in the pictures it makes.
public enum Provenance {
    /// `arguments` (argv without the program) as the command line that reproduces the run, each argument quoted
    /// for a POSIX shell when it needs it: `dlexplain trace 'tanh(x)' --set x=1`.
    public static func commandLine(_ arguments: [String], program: String = "dlexplain") -> String {
        arguments.reduce(program) { $0 + " " + shellQuoted($1) }
    }

    /// `argument` as a shell word: unchanged when it is plain, else in single quotes.
    public static func shellQuoted(_ argument: String) -> String {
        let safe = !argument.isEmpty && argument.allSatisfy { $0.isLetter || $0.isNumber || "-_=.,/:+".contains($0) }
        return safe ? argument : "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
