import Foundation
import Testing

/// One small real checkpoint (MLP, one epoch on 200 Fashion-MNIST images), trained once per test run and copied
/// by the tests that damage it.
enum CheckpointFixture {
    /// The checkpoint's bytes, or the error that kept them from being made.
    static let bytes: Result<Data, Error> = Result {
        let dir = try CLI.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try CLI.run(["train", "--arch", "mlp", "--limit", "200", "--seed", "5", "--threads", "1",
                                  "--checkpoint", "mlp.dlxckpt", "--out", "out"], in: dir)
        guard result.status == 0 else { throw CLIError("training the fixture failed:\n\(result.stderr)") }
        return try Data(contentsOf: URL(fileURLWithPath: dir + "/mlp.dlxckpt"))
    }

    /// A directory holding `name` with the fixture's bytes after `change`.
    static func copy(named name: String = "model.dlxckpt", _ change: (inout Data) -> Void = { _ in }) throws -> String {
        var data = try bytes.get()
        change(&data)
        let dir = try CLI.directory()
        try data.write(to: URL(fileURLWithPath: dir + "/" + name))
        return dir
    }

    /// Puts a little-endian UInt32 at `offset`.
    static func put(_ value: UInt32, at offset: Int, in data: inout Data) {
        withUnsafeBytes(of: value.littleEndian) { data.replaceSubrange(offset..<offset + 4, with: $0) }
    }
}
