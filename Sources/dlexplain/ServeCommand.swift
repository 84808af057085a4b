import ArgumentParser
import Foundation
import Render

/// `dlexplain serve`: starts the explorer, the `dlexplain-serve` executable built next to this one. The server
/// is its own product so that building `dlexplain` (and `make lesson`) never compiles the web framework.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Start the explorer: a local web page to trace expressions and read the lessons.",
        discussion: "Needs the dlexplain-serve executable: build it with `make serve` or "
            + "`swift build --product dlexplain-serve`. Binds 127.0.0.1 unless --host says otherwise.")

    @Option(help: "Port to listen on (0 picks a free one).") var port = 8000
    @Option(help: "Address to bind; 0.0.0.0 lets other machines on the network connect.") var host = "127.0.0.1"
    @Option(help: "Language the pages open in: en or zh.") var lang: Language = .en
    @Option(help: "Folder the lessons write their figures into.") var out = "Output/serve"
    @Option(help: "Most training playgrounds at once (one more is refused with a message).") var sessions = 10
    @Option(help: ArgumentHelp("A folder searched for `train` checkpoints (*.dlxckpt) and ONNX models (*.onnx) "
                               + "the CNN page can open; "
                               + "repeat for several (default: Output/train).", valueName: "folder"))
    var checkpoints: [String] = []

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port \(port): expected 0…65535") }
        guard (1...100).contains(sessions) else { throw ValidationError("--sessions \(sessions): expected 1…100") }
    }

    /// The server executable beside this one (`.build/<config>/dlexplain-serve`).
    static func serverExecutable() -> String {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        return ((me as NSString).deletingLastPathComponent as NSString).appendingPathComponent("dlexplain-serve")
    }

    func run() throws {
        let server = Self.serverExecutable()
        guard FileManager.default.isExecutableFile(atPath: server) else {
            printError("dlexplain serve: the explorer's server \(server) was not built; expected it next to "
                       + "dlexplain. Build it with `make serve` (or `swift build -c release --product dlexplain-serve`).")
            throw ExitCode.failure
        }
        let arguments = [server, "--port", String(port), "--host", host, "--lang", lang.rawValue, "--out", out,
                         "--sessions", String(sessions)] + checkpoints.flatMap { ["--checkpoints", $0] }
        let argv = arguments.map { strdup($0) } + [nil]
        let environment = ProcessTuning.serverEnvironment().map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + environment).forEach { free($0) } }
        execve(server, argv, environment)
        printError("dlexplain serve: could not start \(server): \(String(cString: strerror(errno)))")
        throw ExitCode.failure
    }
}
