import Datasets
import Explain
import Foundation
import NN
import Render
import Showcase

/// Explainability: six saliency methods on Fashion-MNIST test images of several classes, where each map puts its
/// mass (on the garment or not, Grad-CAM's centre), Integrated Gradients' completeness, and the Adebayo sanity
/// check that tells a map explaining the model from one that merely redraws the image.
struct SaliencyLesson: Lesson {
    static let name = "saliency"
    static let summary: [Language: String] = [
        .en: "six saliency maps of a trained CNN; Integrated Gradients' completeness; the randomisation sanity check",
        .zh: "训练好的 CNN 的六种显著性图；积分梯度的完备性；随机化健全性检查",
    ]

    /// Classes explained: Trouser, Sneaker, Bag (the first two in quick mode).
    static let classes = [1, 7, 8]

    func run(_ context: LessonContext) throws {
        try context.say("intro")

        let net = try SeedNet.obtain(context)
        try context.say("model", net.placeholders(language: context.language))
        var explainer = net.explainer
        if context.quick {
            explainer.settings.smoothGradSamples = 8
        }
        let settings = explainer.settings
        try context.say("methods", [
            "samples": "\(settings.smoothGradSamples)", "noise": fmt(Double(settings.smoothGradNoise), digits: 2),
            "steps": "\(settings.integratedGradientsSteps)", "max_steps": "\(settings.integratedGradientsMaxSteps)",
            "tolerance": String(format: "%g%%", 100 * settings.completenessTolerance),
            "window": "\(settings.occlusionWindow)",
            "stride": "\(settings.occlusionStride)",
        ])

        // MARK: The six maps on images of several classes
        let double = SeedNetInDouble(net.model)
        let shown = Array(Self.classes.prefix(context.quick ? 2 : 3))
        var studies: [SaliencyStudy] = []
        for label in shown {
            let study = try SaliencyStudy(net: net, explainer: explainer, index: net.firstCorrect(label: label),
                                          language: context.language)
            try context.record(study.writePanel(to: context.outputDirectory, command: context.command))
            context.check(study.checks(double))
            studies.append(study)
        }
        try context.say("maps", SaliencyStudy.mapPlaceholders(studies, language: context.language))
        try context.say("completeness",
                        SaliencyStudy.completenessPlaceholders(studies, double: double, language: context.language))

        // MARK: The sanity check
        let first = studies[0]
        let sanity = try SanityStudy(explainer: explainer, study: first, seed: context.seed, language: context.language)
        try context.record(sanity.write(to: context.outputDirectory, command: context.command))
        try context.say("sanity", sanity.placeholders)
        context.check(sanity.checks)
        try context.say("check")
    }
}
