import Foundation
import Testing

/// Runs the built `dlexplain` executable as a learner would, in a directory of its own.
///
/// The binary is found next to the test bundle (`swift build --build-tests` and `swift test` build every product
/// of the package, the executable included, into the same directory), so these tests need no dependency on the
/// executable target. If it is missing the test fails saying where it looked.
enum CLI {
    /// `.build/<triple>/debug/dlexplain` (or the sanitizer build's), beside the running test bundle.
    static let executable: String? = {
        var candidates: [URL] = []
        if let bundle = Bundle.main.executableURL { candidates.append(bundle.deletingLastPathComponent()) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for bundle in Bundle.allBundles { candidates.append(bundle.bundleURL.deletingLastPathComponent()) }
        // Walk up from this file to the package root: .build/debug/dlexplain.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug"))
        return candidates.map { $0.appendingPathComponent("dlexplain").path }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// What a run left behind.
    struct Result {
        var status: Int32
        var signalled: Bool
        var stdout: String
        var stderr: String
        var directory: String

        /// Exit status ≠ 0, by `exit`, with no crash report: no signal, no Swift runtime trap, no stack dump.
        var failedCleanly: Bool {
            let text = stderr.lowercased()
            return !signalled && status != 0
                && !["fatal error", "stack dump", "stack trace", "backtrace", "program crashed"].contains { text.contains($0) }
        }
    }

    /// A fresh temporary directory, removed by the caller.
    static func directory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dlx-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Starts `dlexplain arguments…` in `directory` with output going to files there (no pipe can fill up).
    static func start(_ arguments: [String], in directory: String) throws -> Process {
        guard let executable else {
            throw CLIError("the dlexplain binary was not found next to the test bundle nor in .build/debug; "
                           + "expected it built by `swift build --build-tests`")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        _ = FileManager.default.createFile(atPath: directory + "/.stdout", contents: nil)
        _ = FileManager.default.createFile(atPath: directory + "/.stderr", contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: directory + "/.stdout")
        process.standardError = FileHandle(forWritingAtPath: directory + "/.stderr")
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Waits for `process` (killing it after `timeout` seconds) and collects what it printed.
    static func finish(_ process: Process, in directory: String, timeout: Double = 120) throws -> Result {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw CLIError("dlexplain \(process.arguments ?? []) did not finish within \(timeout) s")
        }
        process.waitUntilExit()
        let read = { (name: String) in (try? String(contentsOfFile: directory + "/" + name, encoding: .utf8)) ?? "" }
        return Result(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                      stdout: read(".stdout"), stderr: read(".stderr"), directory: directory)
    }

    /// Runs `dlexplain arguments…` to the end in `directory` (a fresh one when nil).
    static func run(_ arguments: [String], in directory: String? = nil, timeout: Double = 120) throws -> Result {
        let dir = try directory ?? self.directory()
        return try finish(try start(arguments, in: dir), in: dir, timeout: timeout)
    }

    /// Runs a command that must fail cleanly and returns its standard error; records an issue otherwise.
    static func failure(_ arguments: [String], in directory: String? = nil,
                        sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try run(arguments, in: directory)
        #expect(result.failedCleanly,
                "expected a clean non-zero exit, got status \(result.status) (signal: \(result.signalled)):\n\(result.stderr)",
                sourceLocation: sourceLocation)
        if directory == nil { try? FileManager.default.removeItem(atPath: result.directory) }
        return result.stderr
    }

    /// Whether Fashion-MNIST (needed by the tests that train) is installed.
    static let hasFashionMNIST = FileManager.default.fileExists(
        atPath: "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")
}

/// A test harness failure, with its reason.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
