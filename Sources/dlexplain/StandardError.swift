import Foundation

/// Prints a message to standard error (errors and progress, so standard output stays the result).
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
