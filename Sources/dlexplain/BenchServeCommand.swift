import ArgumentParser
import Benchmarks
import Foundation

/// `dlexplain bench serve`: concurrent clients posting traces to the explorer; requests/s, p50/p99, errors, RSS.
struct BenchServe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Load the explorer: N clients posting traces (or a classroom mix) for S seconds; requests/s, "
            + "p50/p99, errors, peak RSS.",
        discussion: "Starts the dlexplain-serve built next to this executable on a free port (build both with "
            + "-c release: `make serve`), or loads a running server with --port. Targets: traces, 30 clients × 30 s, "
            + "p99 ≤ 250 ms, 0 errors; --mix classroom (10 of the clients stream training playgrounds, two more are "
            + "refused, the rest trace, read lessons and ask the CNN page), 30 clients × 60 s, p99 of the "
            + "non-training requests ≤ 500 ms, 0 errors.")

    @Option(parsing: .unconditional, help: "Concurrent clients.") var clients = 30
    @Option(parsing: .unconditional, help: "traces (every client posts traces) or classroom.") var mix = "traces"
    @Option(parsing: .unconditional, help: "Training playgrounds streamed in the classroom mix (the server's bound).")
    var training = 10
    @Option(parsing: .unconditional, help: "Seconds to run.") var seconds = 30.0
    @Option(parsing: .unconditional, help: "Load a server already listening on this port (127.0.0.1) instead.")
    var port: Int?

    func validate() throws {
        guard (1...1000).contains(clients) else { throw ValidationError("--clients \(clients): expected 1…1000") }
        guard seconds > 0, seconds <= 3600 else { throw ValidationError("--seconds \(seconds): expected 0 < S ≤ 3600") }
        guard ["traces", "classroom"].contains(mix) else {
            throw ValidationError("--mix \(mix): expected traces or classroom")
        }
        guard (1...100).contains(training), mix == "traces" || training < clients else {
            throw ValidationError("--training \(training): expected 1…100 and fewer than --clients")
        }
    }

    func run() throws {
        var server: Process?
        var serverPort = port ?? 0
        if port == nil {
            let executable = ServeCommand.serverExecutable()
            guard FileManager.default.isExecutableFile(atPath: executable) else {
                printError("dlexplain bench serve: \(executable) was not built; build it with `make serve`")
                throw ExitCode.failure
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["--port", "0", "--out", NSTemporaryDirectory() + "dlexplain-bench-serve",
                                 "--sessions", String(training)]
            process.environment = ProcessTuning.serverEnvironment()
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            server = process
            // The server prints its URL once it listens: "… open http://127.0.0.1:PORT/ …".
            var text = ""
            while !text.contains("\n") {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                text += String(decoding: chunk, as: UTF8.self)
            }
            guard let match = text.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression),
                  let found = Int(text[match].split(separator: ":")[1]) else {
                process.terminate()
                printError("dlexplain bench serve: the server did not report its address (it printed: \(text))")
                throw ExitCode.failure
            }
            serverPort = found
        }
        defer { server?.terminate(); server?.waitUntilExit() }
        let rss = { server.flatMap { ServeLoad.peakRSSKiB(pid: $0.processIdentifier) } }
        if mix == "classroom" {
            let report = ClassroomLoad(host: "127.0.0.1", port: serverPort, clients: clients,
                                       trainingSessions: training, seconds: seconds).run()
            report.lines(clients: clients, seconds: seconds, peakRSSKiB: rss()).forEach { print($0) }
            return
        }
        let report = ServeLoad(host: "127.0.0.1", port: serverPort, clients: clients, seconds: seconds).run()
        report.lines(clients: clients, seconds: seconds, peakRSSKiB: rss()).forEach { print($0) }
    }
}
