/// Every differentiable tensor op, by the name its trace nodes carry.
///
/// Ops name themselves with these cases when they emit a node, and the gradient-check registry
/// (GradCheck's `TensorOpRegistry`) must hold a case for each one: adding an op here without a check fails the suite.
public enum TensorOp: String, CaseIterable, Sendable, Codable {
    // elementwise
    case add, sub, mul, div, neg, exp, log, pow, sqrt, abs, tanh, sigmoid, relu, leakyRelu
    // reductions
    case sum, mean, max
    // movement
    case reshape, permute, transpose, broadcast, slice, concat, flatten
    // linear algebra
    case matmul, linear
    // convolution and pooling
    case conv2d, maxPool2d, avgPool2d
    // regularisation and normalisation
    case dropout, dropout2d, batchNorm1d, batchNorm2d
    // probabilities and losses
    case softmax, logSoftmax, mseLoss, bceLoss, bceWithLogitsLoss, crossEntropy, nllLoss, klDiv
}

/// How a loss turns per-element losses into one number.
public enum LossReduction: String, CaseIterable, Sendable, Codable {
    /// Average over elements (for `klDiv`, over all elements, as PyTorch's `reduction="mean"`).
    case mean
    /// Sum over elements.
    case sum
    /// Sum divided by the batch size (first axis); PyTorch's recommended `kl_div` reduction.
    case batchMean
}
