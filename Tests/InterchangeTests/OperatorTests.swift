import Foundation
import NN
import TensorGrad
import Testing
@testable import Interchange

/// One test per operator against a reference computed here independently, in Double.
@Suite struct OperatorTests {
    func close(_ a: [Float], _ b: [Double], tolerance: Double = 1e-5) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs(Double($0) - $1) <= tolerance * max(1, abs($1)) }
    }

    @Test func gemmWithoutTransBAndWithAlphaBetaIsAlphaXBPlusBetaC() throws {
        let b = Fixture.values(12, seed: 2), c = Fixture.values(4, seed: 3), x = Fixture.values(6, seed: 4)
        let m = Fixture.model(input: [3], nodes: [Fixture.node("Gemm", ["x", "B", "C"], "y", [.float("alpha", 0.5), .float("beta", 2)])],
                              initializers: [ONNXTensor(name: "B", dims: [3, 4], floats: b), ONNXTensor(name: "C", dims: [4], floats: c)])
        let y = Fixture.run(try Fixture.load(m), x, batch: 2)
        var expected: [Double] = []
        for n in 0..<2 { for o in 0..<4 {
            var dot = 0.0
            for k in 0..<3 { dot += Double(x[n * 3 + k]) * Double(b[k * 4 + o]) }
            expected.append(0.5 * dot + 2 * Double(c[o]))
        } }
        #expect(close(y, expected))
    }

    @Test func matMulThenAddIsALinearLayerAndAConstantAdd() throws {
        let b = Fixture.values(6, seed: 5), bias = Fixture.values(2, seed: 6), x = Fixture.values(3, seed: 7)
        let m = Fixture.model(input: [3], nodes: [Fixture.node("MatMul", ["x", "B"], "t"), Fixture.node("Add", ["bias", "t"])],
                              initializers: [ONNXTensor(name: "B", dims: [3, 2], floats: b), ONNXTensor(name: "bias", dims: [2], floats: bias)])
        let imported = try Fixture.load(m)
        let expected: [Double] = (0..<2).map { (o: Int) -> Double in
            (0..<3).reduce(Double(bias[o])) { (sum: Double, i: Int) -> Double in sum + Double(x[i]) * Double(b[i * 2 + o]) }
        }
        #expect(close(Fixture.run(imported, x), expected))
        #expect(imported.model.layers.map { $0.module.summary } == ["Linear 3→2", "Add constant [2]"])
    }

    @Test func convWithPaddingAndStrideMatchesADirectLoop() throws {
        let (cin, cout, h, k) = (2, 3, 5, 3)
        let w = Fixture.values(cout * cin * k * k, seed: 8), bias = Fixture.values(cout, seed: 9)
        let x = Fixture.values(cin * h * h, seed: 10)
        let m = Fixture.model(input: [cin, h, h], nodes: [Fixture.node("Conv", ["x", "W", "b"], "y",
            [.ints("kernel_shape", [3, 3]), .ints("pads", [1, 1, 1, 1]), .ints("strides", [2, 2])])],
            initializers: [ONNXTensor(name: "W", dims: [cout, cin, k, k], floats: w), ONNXTensor(name: "b", dims: [cout], floats: bias)])
        let y = Fixture.run(try Fixture.load(m), x)
        let oh = (h + 2 - k) / 2 + 1
        var expected: [Double] = []
        for o in 0..<cout { for i in 0..<oh { for j in 0..<oh {
            var s = Double(bias[o])
            for c in 0..<cin { for u in 0..<k { for v in 0..<k {
                let (r, q) = (i * 2 + u - 1, j * 2 + v - 1)
                if r >= 0 && r < h && q >= 0 && q < h { s += Double(w[((o * cin + c) * k + u) * k + v]) * Double(x[(c * h + r) * h + q]) }
            } } }
            expected.append(s)
        } } }
        #expect(close(y, expected))
    }

    @Test func poolingOperatorsMatchTheirWindows() throws {
        let x: [Float] = (0..<16).map { Float(($0 * 5) % 16) }
        func run(_ node: ONNXNode) throws -> [Float] { Fixture.run(try Fixture.load(Fixture.model(input: [1, 4, 4], nodes: [node])), x) }
        let window: [Int: [Int]] = [0: [0, 1, 4, 5], 1: [2, 3, 6, 7], 2: [8, 9, 12, 13], 3: [10, 11, 14, 15]]
        let max = try run(Fixture.node("MaxPool", ["x"], "y", [.ints("kernel_shape", [2, 2]), .ints("strides", [2, 2])]))
        #expect(max == (0..<4).map { o in window[o]!.map { x[$0] }.max()! })
        let avg = try run(Fixture.node("AveragePool", ["x"], "y", [.ints("kernel_shape", [2, 2]), .ints("strides", [2, 2])]))
        #expect(close(avg, (0..<4).map { o in window[o]!.reduce(0.0) { $0 + Double(x[$1]) } / 4 }))
        let global = try run(Fixture.node("GlobalAveragePool", ["x"]))
        #expect(close(global, [x.reduce(0.0) { $0 + Double($1) } / 16]))
    }

    @Test(arguments: ["Relu", "LeakyRelu", "Sigmoid", "Tanh"])
    func activationsMatchTheirFormulas(op: String) throws {
        let x = Fixture.values(8, seed: 11).map { $0 * 3 }
        let attributes: [ONNXAttribute] = op == "LeakyRelu" ? [.float("alpha", 0.2)] : []
        let y = Fixture.run(try Fixture.load(Fixture.model(input: [8], nodes: [Fixture.node(op, ["x"], "y", attributes)])), x)
        func f(_ v: Double) -> Double {
            switch op {
            case "Relu": return max(v, 0)
            case "LeakyRelu": return v > 0 ? v : 0.2 * v
            case "Sigmoid": return 1 / (1 + exp(-v))
            default: return tanh(v)
            }
        }
        #expect(close(y, x.map { f(Double($0)) }))
    }

    @Test func softmaxAndLogSoftmaxNormaliseTheLastAxis() throws {
        let x = Fixture.values(6, seed: 12).map { $0 * 4 }
        let denominators = (0..<2).map { n in (0..<3).reduce(0.0) { $0 + exp(Double(x[n * 3 + $1])) } }
        let soft = Fixture.run(try Fixture.load(Fixture.model(input: [3], nodes: [Fixture.node("Softmax", ["x"])])), x, batch: 2)
        #expect(close(soft, x.indices.map { exp(Double(x[$0])) / denominators[$0 / 3] }))
        let log = Fixture.run(try Fixture.load(Fixture.model(input: [3], nodes: [Fixture.node("LogSoftmax", ["x"])])), x, batch: 2)
        #expect(close(log, x.indices.map { Double(x[$0]) - Foundation.log(denominators[$0 / 3]) }))
    }

    @Test func batchNormalizationUsesTheRunningStatistics() throws {
        let x = Fixture.values(2 * 2 * 2, seed: 13)
        let (scale, bias, mean, variance): ([Float], [Float], [Float], [Float]) = ([2, 0.5], [0.1, -0.3], [0.2, -0.1], [0.5, 2])
        let m = Fixture.model(input: [2, 2, 2], nodes: [Fixture.node("BatchNormalization", ["x", "s", "b", "m", "v"], "y", [.float("epsilon", 1e-3)])],
                              initializers: [ONNXTensor(name: "s", dims: [2], floats: scale), ONNXTensor(name: "b", dims: [2], floats: bias),
                                             ONNXTensor(name: "m", dims: [2], floats: mean), ONNXTensor(name: "v", dims: [2], floats: variance)])
        let y = Fixture.run(try Fixture.load(m), x)
        #expect(close(y, x.indices.map { i in
            let c = i / 4
            return (Double(x[i]) - Double(mean[c])) / (Double(variance[c]) + 1e-3).squareRoot() * Double(scale[c]) + Double(bias[c])
        }))
    }

    @Test(arguments: ["Sub", "Div", "Mul", "Add"])
    func arithmeticWithTheConstantOnTheLeft(op: String) throws {
        let x = Fixture.values(4, seed: 14).map { $0 + 2 }, c = Fixture.values(4, seed: 15)
        let m = Fixture.model(input: [4], nodes: [Fixture.node(op, ["c", "x"])], initializers: [ONNXTensor(name: "c", dims: [4], floats: c)])
        func f(_ a: Double, _ b: Double) -> Double {
            switch op {
            case "Sub": return a - b
            case "Div": return a / b
            case "Mul": return a * b
            default: return a + b
            }
        }
        #expect(close(Fixture.run(try Fixture.load(m), x), x.indices.map { f(Double(c[$0]), Double(x[$0])) }))
    }

    /// `x.view(x.size(0), -1)` as torch.onnx.export writes it: Shape → Gather → Unsqueeze → Concat → Reshape.
    @Test func aShapeSubgraphBeforeReshapeFoldsToAFlatten() throws {
        let nodes = [
            Fixture.node("Shape", ["x"], "s"), Fixture.node("Constant", [], "zero", [.tensor("value", ONNXTensor(name: "", dims: [], int64s: [0]))]),
            Fixture.node("Gather", ["s", "zero"], "n", [.int("axis", 0)]),
            Fixture.node("Constant", [], "axes", [.tensor("value", ONNXTensor(name: "", dims: [1], int64s: [0]))]),
            Fixture.node("Unsqueeze", ["n", "axes"], "n1"),
            Fixture.node("Constant", [], "minus", [.tensor("value", ONNXTensor(name: "", dims: [1], int64s: [-1]))]),
            Fixture.node("Concat", ["n1", "minus"], "shape", [.int("axis", 0)]),
            Fixture.node("Reshape", ["x", "shape"]),
        ]
        let imported = try Fixture.load(Fixture.model(input: [2, 3, 3], nodes: nodes))
        #expect(imported.model.layers.map { $0.module.summary } == ["Flatten"])
        #expect(imported.notes.contains { $0.contains("7 constant nodes folded") })
        let x = Fixture.values(36)
        #expect(Fixture.run(imported, x, batch: 2) == x)  // a batch of 2 too: the batch size is not baked in
    }

    @Test func transposeSqueezeUnsqueezeMoveValuesAsNumPyDoes() throws {
        let x = Fixture.values(6, seed: 16)  // one example [2, 3]
        let t = Fixture.run(try Fixture.load(Fixture.model(input: [2, 3], nodes: [Fixture.node("Transpose", ["x"], "y", [.ints("perm", [0, 2, 1])])])), x)
        #expect(t == [x[0], x[3], x[1], x[4], x[2], x[5]])
        let axes = ONNXTensor(name: "axes", dims: [1], int64s: [1])
        let u = try Fixture.load(Fixture.model(input: [2, 3], nodes: [Fixture.node("Unsqueeze", ["x", "axes"], "u"), Fixture.node("Squeeze", ["u", "axes"])],
                                               initializers: [axes]))
        #expect(u.model.outputShape(for: [1, 2, 3]) == [1, 2, 3] && Fixture.run(u, x) == x)
    }

    @Test func dropoutIdentityAndFlattenPassValuesThrough() throws {
        let x = Fixture.values(12, seed: 17)
        let m = Fixture.model(input: [3, 2, 2], nodes: [Fixture.node("Dropout", ["x"], "a"), Fixture.node("Identity", ["a"], "b"),
                                                       Fixture.node("Flatten", ["b"], "y", [.int("axis", 1)])])
        let imported = try Fixture.load(m)
        #expect(Fixture.run(imported, x) == x)
        #expect(imported.model.outputShape(for: [1, 3, 2, 2]) == [1, 12])
    }
}
