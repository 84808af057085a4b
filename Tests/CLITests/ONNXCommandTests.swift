import Foundation
import Testing

/// `export`, `train --evaluate FILE.onnx --save-logits`, `explain --model FILE.onnx --save-maps` end to end, and
/// (only where a python3 with onnxruntime and numpy is found) onnxruntime's logits against dlexplain's.
@Suite(.enabled(if: CLI.executable != nil && CLI.hasFashionMNIST, "needs the built dlexplain and Fashion-MNIST"))
struct ONNXCommandTests {
    /// A folder with the fixture checkpoint and its export `model.onnx`.
    func exported() throws -> String {
        let dir = try CheckpointFixture.copy(named: "mlp.dlxckpt")
        let result = try CLI.run(["export", "--checkpoint", "mlp.dlxckpt", "--onnx", "model.onnx"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("read back: identical logits"))
        return dir
    }

    @Test func anExportedModelEvaluatesLikeItsCheckpointAndSavesItsLogits() throws {
        let dir = try exported()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let checkpoint = try CLI.run(["train", "--evaluate", "--model", "mlp.dlxckpt"], in: dir)
        let onnx = try CLI.run(["train", "--evaluate", "--model", "model.onnx", "--save-logits", "logits.npy"], in: dir)
        #expect(onnx.status == 0, "\(onnx.stderr)")
        let accuracy = { (text: String) in text.split(separator: "\n").first { $0.hasPrefix("test accuracy") } }
        #expect(accuracy(onnx.stdout) != nil && accuracy(onnx.stdout) == accuracy(checkpoint.stdout))
        // The spelling, --evaluate with --model, reads the same file the same way.
        let named = try CLI.run(["train", "--evaluate", "--model", "model.onnx"], in: dir)
        #expect(named.status == 0 && accuracy(named.stdout) == accuracy(onnx.stdout), "\(named.stderr)")
        let twice = try CLI.run(["train", "--evaluate", "--model", "model.onnx", "--checkpoint", "mlp.dlxckpt"], in: dir)
        #expect(twice.status != 0 && twice.stderr.contains("exactly one model"))
        let npy = try Data(contentsOf: URL(fileURLWithPath: dir + "/logits.npy"))
        #expect(String(decoding: npy.prefix(80), as: UTF8.self).contains("'shape': (10000, 10)"))
        #expect(npy.count == 128 + 10_000 * 10 * 4)
    }

    @Test func explainingAnONNXModelSavesEveryMapAndItsIndex() throws {
        let dir = try exported()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try CLI.run(["explain", "--model", "model.onnx", "--index", "3", "--method", "gradxinput",
                                  "--no-sanity", "--save-maps", "maps", "--out", "out"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let csv = try String(contentsOfFile: dir + "/maps/3-maps.csv", encoding: .utf8)
        #expect(csv.hasPrefix("file,method,target_class,target_name,score,sum,min,max\n3-gradxinput.npy,gradxinput,"))
        #expect(FileManager.default.fileExists(atPath: dir + "/maps/3-gradxinput.npy"))
    }

    @Test func aFileThatIsNotONNXIsNamedAndRefused() throws {
        let dir = try CLI.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data([0x0A, 0x7F, 1, 2]).write(to: URL(fileURLWithPath: dir + "/m.onnx"))
        let error = try CLI.failure(["explain", "--model", "m.onnx"], in: dir)
        #expect(error.contains("m.onnx") && error.contains("truncated"))
    }

    /// A python3 (or $DLEXPLAIN_PYTHON) that imports onnxruntime and numpy; nil when there is none.
    static let python: String? = {
        let candidates = [ProcessInfo.processInfo.environment["DLEXPLAIN_PYTHON"], "/usr/bin/python3", "python3"].compactMap { $0 }
        for candidate in candidates {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = [candidate, "-c", "import onnxruntime, numpy"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            guard (try? p.run()) != nil else { continue }
            p.waitUntilExit()
            if p.terminationStatus == 0 { return candidate }
        }
        return nil
    }()

    @Test(.enabled(if: python != nil, "skipped: no python3 with onnxruntime and numpy (set DLEXPLAIN_PYTHON); CI has none"))
    func onnxruntimeGivesDlexplainsLogProbabilities() throws {
        let dir = try exported()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try CLI.run(["train", "--evaluate", "--model", "mlp.dlxckpt", "--save-logits", "logits.npy"], in: dir)
        let script = """
            import gzip, numpy as np, onnxruntime as ort
            raw = gzip.open('/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz').read()
            x = ((np.frombuffer(raw, np.uint8, offset=16).reshape(-1, 1, 28, 28) / 255.0 - 0.2860) / 0.3530).astype(np.float32)
            y = ort.InferenceSession('model.onnx', providers=['CPUExecutionProvider']).run(None, {'input': x})[0]
            z = np.load('logits.npy').astype(np.float64); z = z - z.max(1, keepdims=True)
            z = z - np.log(np.exp(z).sum(1, keepdims=True))
            print(np.abs(z - y).max())
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [Self.python!, "-c", script]
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        p.waitUntilExit()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let difference = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? .infinity
        #expect(difference <= 1e-5, "max |onnxruntime − dlexplain| = \(text)")
    }
}
