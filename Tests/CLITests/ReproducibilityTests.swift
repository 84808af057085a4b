import Foundation
import Testing

/// Same seed, same thread count → the same bytes: trace JSON and diagrams, lesson PNGs, checkpoints. Each run
/// happens in its own directory with identical arguments (the command line is recorded inside the pictures).
@Suite struct ReproducibilityTests {
    /// Runs `arguments` in two fresh directories and returns both, after checking both runs succeeded.
    static func twice(_ arguments: [String]) throws -> (String, String) {
        let first = try CLI.run(arguments), second = try CLI.run(arguments)
        #expect(first.status == 0 && second.status == 0, "\(first.stderr)\n\(second.stderr)")
        return (first.directory, second.directory)
    }

    /// Every file under `relative` in `a` equals its namesake in `b`; returns how many were compared.
    @discardableResult
    static func expectSameFiles(_ a: String, _ b: String, under relative: String,
                                sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: a + "/" + relative).sorted()
        #expect(try FileManager.default.contentsOfDirectory(atPath: b + "/" + relative).sorted() == names,
                sourceLocation: sourceLocation)
        for name in names {
            let path = relative + "/" + name
            let left = try Data(contentsOf: URL(fileURLWithPath: a + "/" + path))
            let right = try Data(contentsOf: URL(fileURLWithPath: b + "/" + path))
            #expect(left == right, "\(path) differs between two runs", sourceLocation: sourceLocation)
        }
        return names
    }

    @Test func traceJSONAndDiagramsAreByteIdentical() throws {
        let (a, b) = try Self.twice(["trace", "tanh(w1*x1 + w2*x2 + b)", "--set", "x1=2", "--set", "x2=0",
                                     "--set", "w1=-3", "--set", "w2=1", "--set", "b=6.88", "--out", "t"])
        defer { [a, b].forEach { try? FileManager.default.removeItem(atPath: $0) } }
        let names = try Self.expectSameFiles(a, b, under: "t")
        #expect(Set(names).isSuperset(of: ["trace.json", "graph.png", "graph.svg", "backprop.png", "backprop.dot"]))
    }

    @Test func lessonPNGsAreByteIdentical() throws {
        let (a, b) = try Self.twice(["lesson", "activations", "--quick", "--seed", "3", "--out", "lesson"])
        defer { [a, b].forEach { try? FileManager.default.removeItem(atPath: $0) } }
        let names = try Self.expectSameFiles(a, b, under: "lesson")
        #expect(names.filter { $0.hasSuffix(".png") }.count >= 2)
    }

    @Test(.enabled(if: CLI.hasFashionMNIST, "needs Fashion-MNIST (dataset-fashion-mnist)"))
    func checkpointsAreByteIdentical() throws {
        let (a, b) = try Self.twice(["train", "--arch", "mlp", "--limit", "300", "--epochs", "2", "--seed", "11",
                                     "--threads", "2", "--checkpoint", "run/mlp.dlxckpt", "--out", "run"])
        defer { [a, b].forEach { try? FileManager.default.removeItem(atPath: $0) } }
        let left = try Data(contentsOf: URL(fileURLWithPath: a + "/run/mlp.dlxckpt"))
        let right = try Data(contentsOf: URL(fileURLWithPath: b + "/run/mlp.dlxckpt"))
        #expect(left.count > 100_000 && left == right)
    }
}
