import Testing
import Tracing
@testable import TensorGrad

@Suite struct TensorTests {
    @Test func broadcastAddSumsGradientOverBroadcastAxes() {
        let a = Tensor<Double>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6], requiresGrad: true)
        let b = Tensor<Double>(shape: [3], scalars: [10, 20, 30], requiresGrad: true)
        let y = a + b
        #expect(y.scalars == [11, 22, 33, 14, 25, 36])
        (y * y).sum().backward()
        #expect(a.grad!.scalars == [22, 44, 66, 28, 50, 72])
        #expect(b.grad!.scalars == [50, 94, 138])
    }

    @Test func gradientsAccumulateAcrossBackwardCallsAndZeroGradResets() {
        let x = Tensor<Double>(shape: [2], scalars: [1, 2], requiresGrad: true)
        let loss = (x * x).sum()
        loss.backward()
        loss.backward()
        #expect(x.grad!.scalars == [4, 8])
        x.zeroGrad()
        #expect(x.grad!.scalars == [0, 0])
    }

    @Test func matmulMatchesHandWorkedProductAndGradients() {
        let a = Tensor<Float>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6], requiresGrad: true)
        let b = Tensor<Float>(shape: [3, 2], scalars: [7, 8, 9, 10, 11, 12], requiresGrad: true)
        let c = a.matmul(b)
        #expect(c.scalars == [58, 64, 139, 154])
        c.sum().backward()
        // ∂Σ(AB)/∂A = 1·Bᵀ: each row of A gets the row sums of B.
        #expect(a.grad!.scalars == [15, 19, 23, 15, 19, 23])
        #expect(b.grad!.scalars == [5, 5, 7, 7, 9, 9])
    }

    @Test func noGradScopeRecordsNoGraph() {
        let x = Tensor<Float>(shape: [2], scalars: [1, -2], requiresGrad: true)
        let y = withNoGrad { x.relu() * 3 }
        #expect(!y.requiresGrad && y.inputs.isEmpty)
        #expect(y.scalars == [3, 0])
    }

    @Test func shapeMismatchNamesOpAndBothShapes() {
        #expect(throws: TensorError.shapeMismatch(op: "add", lhs: [2, 3], rhs: [4])) {
            try Shape.broadcast([2, 3], [4], op: "add")
        }
        let message = TensorError.shapeMismatch(op: "matmul", lhs: [2, 3], rhs: [4, 5]).description
        #expect(message == "matmul: shapes [2, 3] and [4, 5] are incompatible")
        let a = Tensor<Float>.zeros([2, 3]), b = Tensor<Float>.zeros([4, 5])
        #expect(throws: TensorError.self) { try a.checkedMatmul(b) }
    }

    @Test func traceRecordsOpsShapesAndGradients() {
        let x = Tensor<Double>(shape: [2], scalars: [1, 2], requiresGrad: true)
        x.label = "x"
        let y = withTracing(.full) { (x * 3).tanh().sum() }
        y.backward()
        let trace = y.trace(title: "sum(tanh(3x))")
        #expect(trace.nodes.map(\.op) == ["", "", "mul", "tanh", "sum"])
        #expect(trace.nodes[0].label == "x" && trace.nodes[1].kind == .constant)
        #expect(trace.nodes[2].shape == [2] && trace.nodes[4].shape == [])
        #expect(trace.backwardOrder.first == 4)
        #expect(trace.nodes[4].grad?.scalar == 1)
        #expect(trace.edges.count == 4)
    }
}
