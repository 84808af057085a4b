import ArgumentParser

/// A subcommand whose issue has not landed: it says so in one line and exits 2 instead of pretending.
protocol PendingCommand: ParsableCommand {
    /// What the command will do and which issue brings it.
    static var pendingNote: String { get }
}

extension PendingCommand {
    func run() throws {
        let name = Self.configuration.commandName ?? "command"
        printError("dlexplain \(name): not available yet — \(Self.pendingNote)")
        throw ExitCode(2)
    }
}

/// Prints to standard error.
func printError(_ message: String) {
    var stderr = StandardError()
    print(message, to: &stderr)
}

/// Standard error as a `TextOutputStream`.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandleStream.writeStderr(string)
    }
}

import Foundation

enum FileHandleStream {
    static func writeStderr(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}
