/// The sanity check repeated over several random re-initialisations: one draw decides nothing (over nine draws
/// of the seed net, Grad-CAM's final ρ ranged −0.03…0.62 and the gradient's 0.35…0.51), so a method gets a
/// verdict only when every draw agrees.
public struct SanityDraws: Sendable {
    /// A method's verdict over the draws.
    public enum Verdict: String, Sendable {
        /// Every draw kept ρ ≥ threshold with all layers random: the map does not depend on the weights.
        case flagged
        /// Every draw fell below the threshold.
        case passes
        /// Some draws on each side of the threshold: no verdict.
        case unstable
    }

    /// The first draw in full (cascading and independent steps), the one drawn in the strip.
    public var first: SanityCheck
    /// The seeds of every draw, the first one's included.
    public var seeds: [UInt64]
    /// ρ with every layer random, per draw (in `seeds` order), per method (in `first.methods` order).
    public var finals: [[Double]]

    /// The methods checked.
    public var methods: [SaliencyMethod] { first.methods }
    /// The lesson's own threshold.
    public var threshold: Double { first.threshold }

    /// ρ with every layer random over the draws for `method`: smallest, mean, largest.
    public func spread(_ method: SaliencyMethod) -> (min: Double, mean: Double, max: Double) {
        guard let i = methods.firstIndex(of: method), !finals.isEmpty else { return (.nan, .nan, .nan) }
        let values = finals.map { $0[i] }
        return (values.min()!, values.reduce(0, +) / Double(values.count), values.max()!)
    }

    /// Flagged when every draw stays at or above the threshold, passes when every draw falls below, else unstable.
    public func verdict(_ method: SaliencyMethod) -> Verdict {
        let s = spread(method)
        if s.min >= threshold { return .flagged }
        if s.max < threshold { return .passes }
        return .unstable
    }

    /// Runs the full check with `seeds[0]` and the cascading steps with each further seed (weights restored after
    /// each). `independent: false` skips the first draw's one-layer-at-a-time steps (the cascade, the verdict and
    /// every ρ of it are the same either way: the independent steps run after it, from a fresh generator).
    public static func run(_ explainer: Explainer, image: [Float], target: Int? = nil,
                           methods: [SaliencyMethod] = SaliencyMethod.allCases, seeds: [UInt64],
                           threshold: Double = 0.5, independent: Bool = true) throws -> SanityDraws {
        precondition(!seeds.isEmpty, "SanityDraws: no seed")
        let first = try SanityCheck.run(explainer, image: image, target: target, methods: methods, seed: seeds[0],
                                        threshold: threshold, independent: independent)
        var finals = [first.cascade.last?.correlations ?? []]
        for seed in seeds.dropFirst() {
            let check = try SanityCheck.run(explainer, image: image, target: first.target, methods: methods,
                                            seed: seed, threshold: threshold, independent: false)
            finals.append(check.cascade.last?.correlations ?? [])
        }
        return SanityDraws(first: first, seeds: seeds, finals: finals)
    }
}
