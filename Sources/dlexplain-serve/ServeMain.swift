import ArgumentParser
import Foundation
import Render
import Server

/// `dlexplain-serve` (started by `dlexplain serve`): the explorer's local web server.
@main
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dlexplain serve",
        abstract: "Start the explorer: trace expressions, read the lessons, train a small network live, look inside the CNN.",
        discussion: "Binds 127.0.0.1 unless --host says otherwise. The API is documented in the README.")

    @Option(help: "Port to listen on (0 picks a free one).") var port = 8000
    @Option(help: "Address to bind; 0.0.0.0 lets other machines connect.") var host = "127.0.0.1"
    @Option(help: "Language the pages open in: en or zh.") var lang: Language = .en
    @Option(help: "Folder the lessons write their figures into.") var out = "Output/serve"
    @Option(help: ArgumentHelp("Serve the page's files from this folder instead of the bundled ones.",
                               visibility: .hidden)) var assets: String?
    @Flag(help: "Run lessons with their smaller --quick settings.") var quick = false
    @Option(help: "Most training playgrounds at once (one more is refused with a message).") var sessions = 10
    @Option(help: "Seconds of silence from a playground page after which its training stops.") var idle = 120.0
    @Option(help: ArgumentHelp("A folder searched for `train` checkpoints (*.dlxckpt) and ONNX models (*.onnx) "
                               + "the CNN page can open; "
                               + "repeat for several (default: Output/train).", valueName: "folder"))
    var checkpoints: [String] = []

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port \(port): expected 0…65535") }
        guard !host.isEmpty else { throw ValidationError("--host: expected an address such as 127.0.0.1") }
        guard (1...100).contains(sessions) else { throw ValidationError("--sessions \(sessions): expected 1…100") }
        guard idle.isFinite, (1...86_400).contains(idle) else {
            throw ValidationError("--idle \(idle): expected 1…86400 seconds")
        }
    }

    func run() async throws {
        guard let folder = assets ?? StaticAssets.bundledDirectory else {
            let message = "dlexplain serve: the page's files (dlexplain_Server.resources) are missing next to the "
                + "executable\n"
            FileHandle.standardError.write(Data(message.utf8))
            throw ExitCode.failure
        }
        let configuration = ServerConfiguration(host: host, port: port, language: lang, assetDirectory: folder,
                                                outputDirectory: out, quickLessons: quick,
                                                maximumTrainingSessions: sessions, idleTimeout: idle,
                                                checkpointDirectories: checkpoints.isEmpty ? ["Output/train"] : checkpoints)
        do {
            try await ExplorerServer.run(configuration) { url in
                print("dlexplain explorer: open \(url)  (Ctrl-C stops it)")
                fflush(stdout)
            }
        } catch {
            FileHandle.standardError.write(Data("dlexplain serve: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}

extension Language: ExpressibleByArgument {}
