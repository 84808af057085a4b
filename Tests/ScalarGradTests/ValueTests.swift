import Foundation
import Testing
@testable import ScalarGrad

/// Central difference of a one-input function, for checking each op's local derivative.
func centralDifference(_ f: (Double) -> Double, at x: Double, epsilon: Double = 1e-6) -> Double {
    (f(x + epsilon) - f(x - epsilon)) / (2 * epsilon)
}

@Suite struct ValueTests {
    /// Each unary op, its forward in plain Double, and points away from kinks.
    static let unaryOps: [(name: String, op: (Value) -> Value, f: (Double) -> Double, at: [Double])] = [
        ("neg", { -$0 }, { -$0 }, [-1.3, 0.7]),
        ("pow3", { $0.pow(3) }, { Foundation.pow($0, 3) }, [-1.3, 0.7]),
        ("pow-0.5", { $0.pow(-0.5) }, { Foundation.pow($0, -0.5) }, [0.4, 2.5]),
        ("exp", { $0.exp() }, { Foundation.exp($0) }, [-1.3, 0.7]),
        ("log", { $0.log() }, { Foundation.log($0) }, [0.3, 2.5]),
        ("tanh", { $0.tanh() }, { Foundation.tanh($0) }, [-1.3, 0.7]),
        ("relu", { $0.relu() }, { max(0, $0) }, [-1.3, 0.7]),
        ("sigmoid", { $0.sigmoid() }, { 1 / (1 + Foundation.exp(-$0)) }, [-1.3, 0.7, -40]),
    ]

    @Test(arguments: 0..<unaryOps.count)
    func unaryBackwardMatchesFiniteDifference(_ index: Int) {
        let (name, op, f, points) = Self.unaryOps[index]
        for x in points {
            let a = Value(x)
            let y = op(a)
            #expect(abs(y.data - f(x)) < 1e-12, "\(name) forward at \(x)")
            y.backward()
            #expect(abs(a.grad - centralDifference(f, at: x)) < 1e-6, "\(name) grad at \(x): \(a.grad)")
        }
    }

    static let binaryOps: [(name: String, op: (Value, Value) -> Value, f: (Double, Double) -> Double)] = [
        ("add", { $0 + $1 }, { $0 + $1 }),
        ("sub", { $0 - $1 }, { $0 - $1 }),
        ("mul", { $0 * $1 }, { $0 * $1 }),
        ("div", { $0 / $1 }, { $0 / $1 }),
    ]

    @Test(arguments: 0..<binaryOps.count)
    func binaryBackwardMatchesFiniteDifference(_ index: Int) {
        let (name, op, f) = Self.binaryOps[index]
        let (x, y) = (1.7, -0.6)
        let a = Value(x), b = Value(y)
        let out = op(a, b)
        #expect(abs(out.data - f(x, y)) < 1e-12)
        out.backward()
        #expect(abs(a.grad - centralDifference({ f($0, y) }, at: x)) < 1e-6, "\(name) ∂/∂a")
        #expect(abs(b.grad - centralDifference({ f(x, $0) }, at: y)) < 1e-6, "\(name) ∂/∂b")
    }

    @Test func opsRecordTheirLocalDerivativesAsData() {
        let a = Value(2), b = Value(-3)
        let product = a * b
        #expect(product.operation == .mul)
        #expect(product.parents.map(\.local) == [-3, 2])
        #expect(product.parents[0].value === a && product.parents[1].value === b)
        let quotient = a / b
        let quotientLocals: [Double] = [1.0 / -3.0, -2.0 / 9.0]  // typed: Value's operators make the literals slow to infer
        #expect(quotient.parents.map(\.local) == quotientLocals)
        #expect((a - b).parents.map(\.local) == [1, -1])
        #expect(a.pow(2).powerExponent == 2 && a.pow(2).parents.map(\.local) == [4])
    }

    @Test func numbersOnEitherSideBecomeConstants() {
        let a = Value(3)
        for out in [a + 1, 1 + a, a - 1, 1 - a, a * 2, 2 * a, a / 2, 2 / a] {
            #expect(out.parents.count == 2)
            #expect(out.parents.contains { $0.value.isConstant })
            #expect(out.parents.contains { $0.value === a })
        }
        #expect((1 - a).data == -2 && (2 / a).data == 2.0 / 3)
    }

    @Test func gradientsAccumulateOverRepeatedUses() {
        let x = Value(3)
        let square = x * x
        square.backward()
        #expect(x.grad == 6)
        let a = Value(-2)
        let twice = a + a
        twice.backward()
        #expect(a.grad == 2)
        // A shared intermediate: b = a·a used twice, f = b + b·a → ∂f/∂a = 2a + 3a².
        let c = Value(1.5)
        let b = c * c
        let f = b + b * c
        f.backward()
        #expect(abs(c.grad - (2 * 1.5 + 3 * 1.5 * 1.5)) < 1e-12)
    }

    @Test func secondBackwardAddsUnlessZeroed() {
        let x = Value(2)
        let y = x * x * x
        y.backward()
        #expect(x.grad == 12)
        y.backward()
        #expect(x.grad == 24, "leaves accumulate; intermediate grads restart from 0")
        y.zeroGrad()
        #expect(x.grad == 0 && y.grad == 0 && !y.hasRunBackward)
        y.backward()
        #expect(x.grad == 12)
    }

    @Test func chainOfOneHundredThousandNodesBackpropagatesAndFrees() {
        let x = Value(1)
        var y = x
        for _ in 0..<100_000 { y = y * 1.0 + 0.0 }
        #expect(y.graphSize == 1 + 4 * 100_000)
        y.backward()
        #expect(x.grad == 1)
        // Also deep on the second argument, and through unary ops.
        var z = x
        for _ in 0..<100_000 { z = (0.5 + z).relu() }
        z.backward()
        #expect(x.grad == 2)
        y = x
        z = x
    }

    @Test func topologicalOrderPutsParentsFirstAndResetsMarks() {
        let a = Value(1, label: "a"), b = Value(2, label: "b")
        let c = a * b
        let d = c + a
        let order = d.topologicalOrder()
        #expect(order.count == 4)
        #expect(order.map(\.label) == ["a", "b", "", ""])
        #expect(order.last === d)
        #expect(order.allSatisfy { $0.mark == 0 })
        #expect(d.topologicalOrder().count == 4)
    }

    @Test func backwardVisitsEachNodeAfterEveryNodeThatUsesIt() {
        // A graph with sharing at several depths.
        let a = Value(0.3), b = Value(-0.8)
        let c = a * b, d = c.tanh() + a
        let e = (d * c).exp() - d / (b * b + 1)
        let order = e.backwardOrder()
        #expect(order.first === e)
        #expect(order.count == e.graphSize)
        #expect(Set(order.map(\.id)).count == order.count)
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1.id, $0) })
        for node in order {
            for parent in node.parents {
                #expect(position[node.id]! < position[parent.value.id]!)
            }
        }
        #expect(order.allSatisfy { $0.mark == 0 })
    }

    @Test func labelsCanBeSetChangedAndCleared() {
        let w = Value(1, label: "w1")
        #expect(w.label == "w1")
        w.label = "w2"
        #expect(w.label == "w2")
        w.label = ""
        #expect(w.label == "" && !w.hasLabel)
        let product = w * 2
        #expect(product.label == "")
        product.label = "p"
        #expect(product.label == "p" && w.label == "")
        // Many short-lived labelled nodes: each removes its own entry when freed, so a new node never
        // inherits an old label.
        for index in 0..<1_000 {
            _ = Value(Double(index), label: "tmp\(index)")
            #expect(Value(0).label == "")
        }
    }

    @Test func sumFoldsLeftToRight() {
        let values = [1.0, 2, 3].map { Value($0) }
        let total = Value.sum(values)
        #expect(total.data == 6 && total.graphSize == 5)
        #expect(Value.sum([Value]()).isConstant)
    }
}
