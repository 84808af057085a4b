import Foundation
import Groundwork
import NN
import TensorGrad

/// The variational autoencoder of the vae lesson: MLP encoder 784 → H → (μ, log σ²) in 2 dimensions, MLP decoder
/// 2 → H → 784 pixel logits. Written over the engine's tensors directly (not `Sequential`) because the encoder
/// has two outputs and the loss samples in between; generic so the self-check can run the very same code in Double.
public struct VAEModel<S: TensorScalar> {
    /// Encoder layer 1 weight [H, 784] and bias, encoder head weight [4, H] and bias (rows 0–1 give μ, rows 2–3
    /// log σ²), decoder layer 1 weight [H, 2] and bias, decoder output weight [784, H] and bias.
    public let tensors: [Tensor<S>]

    /// Names of `tensors`, as stored in the checkpoint.
    public static var names: [String] { ["enc1.weight", "enc1.bias", "head.weight", "head.bias",
                                  "dec1.weight", "dec1.bias", "dec2.weight", "dec2.bias"] }
    /// Shapes of `tensors` for `hidden` units.
    public static func shapes(hidden: Int) -> [[Int]] {
        [[hidden, 784], [hidden], [4, hidden], [4], [hidden, 2], [hidden], [784, hidden], [784]]
    }

    /// Hidden width H.
    public var hidden: Int { tensors[1].count }
    /// Name and tensor of each parameter, for the optimizer.
    public var named: [(name: String, tensor: Tensor<S>)] { Array(zip(Self.names, tensors)) }

    public init(tensors: [Tensor<S>]) {
        self.tensors = tensors
        for t in tensors { t.requiresGrad = true }
    }

    /// μ and log σ² of q(z|x) for a batch of images [B, 784] in [0, 1].
    public func encode(_ x: Tensor<S>) -> (mu: Tensor<S>, logVar: Tensor<S>) {
        let h = x.linear(weight: tensors[0], bias: tensors[1]).relu()
        let head = h.linear(weight: tensors[2], bias: tensors[3])
        return (head.slice(axis: 1, 0..<2), head.slice(axis: 1, 2..<4))
    }

    /// Pixel logits [B, 784] for latent points [B, 2]; σ(logit) is the decoded image.
    public func decode(_ z: Tensor<S>) -> Tensor<S> {
        z.linear(weight: tensors[4], bias: tensors[5]).relu().linear(weight: tensors[6], bias: tensors[7])
    }

    /// The reparameterised sample z = μ + σ·ε with σ = exp(½·log σ²): the randomness is the input ε, so the
    /// gradient reaches μ and log σ² through ordinary ops.
    public static func reparameterize(mu: Tensor<S>, logVar: Tensor<S>, epsilon: Tensor<S>) -> Tensor<S> {
        mu + (logVar * S(0.5)).exp() * epsilon
    }

    /// KL(N(μ, σ²) ‖ N(0, 1)) of each row, summed over the latent dimensions and averaged over the batch, in closed
    /// form: ½ Σ (μ² + σ² − 1 − log σ²).
    public static func kl(mu: Tensor<S>, logVar: Tensor<S>) -> Tensor<S> {
        let batch = S(mu.shape[0])
        return (mu * mu + logVar.exp() - logVar - S(1)).sum() * (S(0.5) / batch)
    }

    /// The loss of a batch with noise `epsilon` [B, 2], per image: reconstruction (Bernoulli negative
    /// log-likelihood, summed over pixels), KL, and total = reconstruction + β·KL (the negative ELBO when β = 1).
    public func loss(_ x: Tensor<S>, epsilon: Tensor<S>, beta: S) -> (total: Tensor<S>, reconstruction: Tensor<S>,
                                                               kl: Tensor<S>) {
        let (mu, logVar) = encode(x)
        let z = Self.reparameterize(mu: mu, logVar: logVar, epsilon: epsilon)
        let reconstruction = decode(z).bceWithLogitsLoss(x, reduction: .sum) * (S(1) / S(x.shape[0]))
        let kl = Self.kl(mu: mu, logVar: logVar)
        return (reconstruction + kl * beta, reconstruction, kl)
    }

    /// A copy in another scalar type (the self-check's Double twin).
    public func converted<T: TensorScalar>(to: T.Type) -> VAEModel<T> {
        VAEModel<T>(tensors: tensors.map { $0.converted(to: T.self) })
    }
}

extension VAEModel where S == Float {
    /// PyTorch-style initialisation of every layer (uniform ±1/√fan-in), drawn from `generator`.
    public static func random(hidden: Int, generator: inout SeededGenerator) -> VAEModel {
        let layers = [Linear(784, hidden, generator: &generator), Linear(hidden, 4, generator: &generator),
                      Linear(2, hidden, generator: &generator), Linear(hidden, 784, generator: &generator)]
        return VAEModel(tensors: layers.flatMap { [$0.weight, $0.bias!] })
    }
}
