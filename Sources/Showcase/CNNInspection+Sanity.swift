import Explain
import Foundation
import Render

/// The sanity check (cascading randomisation, Adebayo et al. 2018) for the page, one method at a time so the
/// page can show progress, over the same `TrainedModel.sanityDraws` re-initialisations as `explain` and the
/// saliency lesson (seeds 1…5). Each method's run re-initialises the layers from the same seeds, so the six runs
/// randomise exactly what one run over all six methods would, and the numbers are `explain`'s.
public struct CNNSanity: Codable, Sendable {
    /// One method's row.
    public struct Row: Codable, Sendable {
        /// Method id and title in the page's language.
        public var method: String, title: String
        /// The trained map, then the map after each cascading step (PNG data URLs over the input).
        public var images: [String]
        /// Spearman ρ of |map| with the trained |map| after each step (the first draw, the one drawn).
        public var correlations: [Double]
        /// ρ with every layer random over all the draws: smallest, mean, largest.
        public var spread: [Double]
        /// `flagged` (ρ ≥ threshold in every draw: the map does not depend on the weights), `passes` (below in
        /// every draw) or `unstable` (the draws disagree: no verdict).
        public var verdict: String
        /// Verdict `flagged`.
        public var flagged: Bool
    }
    /// The layers re-initialised, top first (step k has layers 0…k random).
    public var layers: [String]
    /// The class explained.
    public var target: Int
    /// The seeds of the re-initialisations (the first one drawn).
    public var seeds: [UInt64]
    /// The flag threshold on ρ.
    public var threshold: Double
    /// One row per method.
    public var rows: [Row]
}

extension CNNInspection {
    /// Runs the cascading sanity check on `image` for the predicted class, calling `progress(done, total)`
    /// after each method (total = 6). The network's weights are restored after every run.
    public func sanity(_ image: [Float], language: Language,
                       seeds: [UInt64] = Array(1...UInt64(TrainedModel.sanityDraws)),
                       progress: (Int, Int) -> Void = { _, _ in }) throws -> CNNSanity {
        let explainer = explainer
        let target = explainer.predictedClass(image)
        var rows: [CNNSanity.Row] = [], layers: [String] = [], threshold = 0.5
        let methods = SaliencyMethod.allCases
        progress(0, methods.count)
        for (done, method) in methods.enumerated() {
            let draws = try SanityDraws.run(explainer, image: image, target: target, methods: [method], seeds: seeds,
                                            independent: false)
            let check = draws.first, spread = draws.spread(method), verdict = draws.verdict(method)
            layers = check.cascade.map(\.layer)
            threshold = check.threshold
            let maps = [check.trained[0]] + check.cascade.map { $0.maps[0] }
            rows.append(CNNSanity.Row(
                method: method.rawValue, title: method.title(language),
                images: try maps.map { try PlaygroundSession.dataURL(ExplainFigures.overlay(HeatTile($0), on: image, scale: 3)) },
                correlations: check.cascade.map { $0.correlation(method) ?? .nan },
                spread: [spread.min, spread.mean, spread.max], verdict: verdict.rawValue, flagged: verdict == .flagged))
            progress(done + 1, methods.count)
        }
        return CNNSanity(layers: layers, target: target, seeds: seeds, threshold: threshold, rows: rows)
    }
}
