import Foundation
import Groundwork
import Training

/// What a front end does around a run that writes files: lock its output directory against other runs, and
/// turn SIGINT/SIGTERM into a clean stop of training with a word on where it stopped.
public enum RunGuard {
    /// Locks `directory` (creating it) for the rest of the process, recording `command`; throws a message naming
    /// the other run when one holds it (`OutputLock`).
    public static func lockOutput(_ directory: String, command: String) throws {
        try OutputLock.acquire(directory, command: command)
    }

    /// The folder a file path lies in ("." when it names none).
    public static func folder(of path: String) -> String { PathText.parent(path) }

    /// Catches SIGINT and SIGTERM while `body` runs: the trainer stops between batches with
    /// `TrainingError.interrupted`. A signal that arrives after training (while pictures are drawn) is honoured
    /// when `body` returns, by the returned exit status.
    public static func interruptible<R>(_ body: () throws -> R) throws -> (result: R?, signal: Int32?) {
        Interruption.install()
        defer { Interruption.uninstall() }
        let result = try body()
        return (result, Interruption.requested)
    }

    /// 130 for SIGINT, 143 for SIGTERM (128 + the signal number, as a shell reports it).
    public static func exitStatus(for signal: Int32) -> Int32 { Interruption.exitStatus(for: signal) }

    /// The command to continue an interrupted run: the same arguments with `--resume` (added once).
    public static func resumeCommand(_ arguments: [String]) -> String {
        let words = arguments.contains("--resume") ? arguments : arguments + ["--resume"]
        return Provenance.commandLine(words)
    }
}
