import Groundwork
import TensorGrad

extension TensorOpRegistry {
    /// Matrix products, convolution and pooling: batch > 1, non-square and odd shapes, stride 2, padding 1.
    static var structuralCases: [TensorGradCheckCase] {
        [
            .init(.matmul, "matmul [3,4]·[4,5]", inputs: { g in [Draw.normal([3, 4], &g), Draw.normal([4, 5], &g)] },
                  function: { $0[0].matmul($0[1]) }),
            .init(.matmul, "batched matmul [2,3,4]·[2,4,2]",
                  inputs: { g in [Draw.normal([2, 3, 4], &g), Draw.normal([2, 4, 2], &g)] },
                  function: { $0[0].matmul($0[1]) }),
            .init(.matmul, "batch · shared matrix [2,3,4]·[4,5]",
                  inputs: { g in [Draw.normal([2, 3, 4], &g), Draw.normal([4, 5], &g)] },
                  function: { $0[0].matmul($0[1]) }),
            .init(.linear, "linear [5,4]→3 with bias",
                  inputs: { g in [Draw.normal([5, 4], &g), Draw.normal([3, 4], &g), Draw.normal([3], &g)] },
                  function: { $0[0].linear(weight: $0[1], bias: $0[2]) }),
            .init(.linear, "linear [2,3]→4 no bias", inputs: { g in [Draw.normal([2, 3], &g), Draw.normal([4, 3], &g)] },
                  function: { $0[0].linear(weight: $0[1]) }),
            .init(.conv2d, "conv2d batch 2, 3→4, 3×3 on 6×5, bias",
                  inputs: { g in [Draw.normal([2, 3, 6, 5], &g), Draw.normal([4, 3, 3, 3], &g), Draw.normal([4], &g)] },
                  function: { $0[0].conv2d(weight: $0[1], bias: $0[2]) }),
            .init(.conv2d, "conv2d stride 2 pad 1, 2→3 on 7×7",
                  inputs: { g in [Draw.normal([1, 2, 7, 7], &g), Draw.normal([3, 2, 3, 3], &g), Draw.normal([3], &g)] },
                  function: { $0[0].conv2d(weight: $0[1], bias: $0[2], stride: 2, padding: 1) }),
            .init(.conv2d, "conv2d 2×3 kernel pad 1 no bias on 5×6",
                  inputs: { g in [Draw.normal([2, 2, 5, 6], &g), Draw.normal([2, 2, 2, 3], &g)] },
                  function: { $0[0].conv2d(weight: $0[1], padding: 1) }),
            .init(.maxPool2d, "maxPool2d 2 on [2,3,4,6]", inputs: { g in [Draw.distinct([2, 3, 4, 6], &g)] },
                  function: { $0[0].maxPool2d(kernel: 2) }),
            .init(.maxPool2d, "maxPool2d 3 stride 2 (overlapping) on 7×7", inputs: { g in [Draw.distinct([1, 2, 7, 7], &g)] },
                  function: { $0[0].maxPool2d(kernel: 3, stride: 2) }),
            .init(.avgPool2d, "avgPool2d 2 on [2,2,4,4]", inputs: { g in [Draw.normal([2, 2, 4, 4], &g)] },
                  function: { $0[0].avgPool2d(kernel: 2) }),
            .init(.avgPool2d, "avgPool2d 3 stride 2 on 7×5", inputs: { g in [Draw.normal([1, 1, 7, 5], &g)] },
                  function: { $0[0].avgPool2d(kernel: 3, stride: 2) }),
        ]
    }

    /// Regularisation, normalisation, softmax and losses.
    static var networkCases: [TensorGradCheckCase] {
        [
            .init(.dropout, "dropout p 0.3 (training, fixed mask)", inputs: { g in [Draw.normal([4, 5], &g)] },
                  function: { x in
                      var rng = SeededGenerator(seed: 7)
                      return x[0].dropout(probability: 0.3, training: true, using: &rng)
                  }),
            .init(.dropout2d, "dropout2d p 0.5 on [2,3,2,2]", inputs: { g in [Draw.normal([2, 3, 2, 2], &g)] },
                  function: { x in
                      var rng = SeededGenerator(seed: 11)
                      return x[0].dropout2d(probability: 0.5, training: true, using: &rng)
                  }),
            .init(.batchNorm1d, "batchNorm1d training [6,3]",
                  inputs: { g in [Draw.normal([6, 3], &g), Draw.uniform([3], 0.5, 1.5, &g), Draw.normal([3], &g)] },
                  function: { x in x[0].batchNorm(weight: x[1], bias: x[2], runningMean: .zeros([3]),
                                                  runningVariance: .ones([3]), training: true) }),
            .init(.batchNorm1d, "batchNorm1d eval [4,3]",
                  inputs: { g in [Draw.normal([4, 3], &g), Draw.uniform([3], 0.5, 1.5, &g), Draw.normal([3], &g)] },
                  function: { x in x[0].batchNorm(weight: x[1], bias: x[2],
                                                  runningMean: Tensor(shape: [3], scalars: [0.1, -0.2, 0.3]),
                                                  runningVariance: Tensor(shape: [3], scalars: [0.5, 1.5, 2]),
                                                  training: false) }),
            .init(.batchNorm2d, "batchNorm2d training [3,2,3,3]",
                  inputs: { g in [Draw.normal([3, 2, 3, 3], &g), Draw.uniform([2], 0.5, 1.5, &g), Draw.normal([2], &g)] },
                  function: { x in x[0].batchNorm(weight: x[1], bias: x[2], runningMean: .zeros([2]),
                                                  runningVariance: .ones([2]), training: true) }),
            .init(.batchNorm2d, "batchNorm2d eval [2,2,3,2] no affine", inputs: { g in [Draw.normal([2, 2, 3, 2], &g)] },
                  function: { x in x[0].batchNorm(weight: nil, bias: nil,
                                                  runningMean: Tensor(shape: [2], scalars: [0.2, -0.1]),
                                                  runningVariance: Tensor(shape: [2], scalars: [0.7, 1.3]),
                                                  training: false) }),
            .init(.softmax, "softmax last axis [3,5]", inputs: { g in [Draw.normal([3, 5], &g)] },
                  function: { $0[0].softmax() }),
            .init(.softmax, "softmax axis 1 of [2,4,3]", inputs: { g in [Draw.normal([2, 4, 3], &g)] },
                  function: { $0[0].softmax(axis: 1) }),
            .init(.logSoftmax, "logSoftmax last axis [3,5]", inputs: { g in [Draw.normal([3, 5], &g)] },
                  function: { $0[0].logSoftmax() }),
            .init(.logSoftmax, "logSoftmax axis 0 of [2,3,4]", inputs: { g in [Draw.normal([2, 3, 4], &g)] },
                  function: { $0[0].logSoftmax(axis: 0) }),
            .init(.mseLoss, "mseLoss mean, both sides [3,4]", inputs: { g in [Draw.normal([3, 4], &g), Draw.normal([3, 4], &g)] },
                  function: { $0[0].mseLoss($0[1]) }),
            .init(.mseLoss, "mseLoss sum [5]", inputs: { g in [Draw.normal([5], &g), Draw.normal([5], &g, grad: false)] },
                  function: { $0[0].mseLoss($0[1], reduction: .sum) }),
            .init(.bceLoss, "bceLoss mean [3,4]",
                  inputs: { g in [Draw.uniform([3, 4], 0.1, 0.9, &g), Draw.uniform([3, 4], 0, 1, &g, grad: false)] },
                  function: { $0[0].bceLoss($0[1]) }),
            .init(.bceLoss, "bceLoss sum, target grad too [4]",
                  inputs: { g in [Draw.uniform([4], 0.1, 0.9, &g), Draw.uniform([4], 0, 1, &g)] },
                  function: { $0[0].bceLoss($0[1], reduction: .sum) }),
            .init(.bceWithLogitsLoss, "bceWithLogits mean [2,5]",
                  inputs: { g in [Draw.normal([2, 5], &g), Draw.uniform([2, 5], 0, 1, &g)] },
                  function: { $0[0].bceWithLogitsLoss($0[1]) }),
            .init(.crossEntropy, "crossEntropy mean [4,5]", inputs: { g in [Draw.normal([4, 5], &g)] },
                  function: { $0[0].crossEntropy([1, 0, 4, 2]) }),
            .init(.crossEntropy, "crossEntropy sum [3,7]", inputs: { g in [Draw.normal([3, 7], &g)] },
                  function: { $0[0].crossEntropy([6, 3, 0], reduction: .sum) }),
            .init(.nllLoss, "nllLoss mean [4,5]", inputs: { g in [Draw.normal([4, 5], &g)] },
                  function: { $0[0].nllLoss([2, 2, 0, 4]) }),
            .init(.klDiv, "klDiv mean, both sides [3,4]",
                  inputs: { g in [Draw.normal([3, 4], &g), Draw.probabilities([3, 4], &g, grad: true)] },
                  function: { $0[0].klDiv($0[1]) }),
            .init(.klDiv, "klDiv batchMean [2,5]",
                  inputs: { g in [Draw.normal([2, 5], &g), Draw.probabilities([2, 5], &g)] },
                  function: { $0[0].klDiv($0[1], reduction: .batchMean) }),
        ]
    }
}
