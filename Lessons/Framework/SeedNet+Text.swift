import Foundation
import Groundwork
import Render
import Showcase

/// The shared seed net in the lessons: obtained next to the lesson's output folder (`<parent>/models/`), and what
/// the text says about it.
extension SeedNet {
    /// The shared seed net for this lesson run: the checkpoint lives in `models/` beside the lesson's folder, so
    /// the `cnn` and `saliency` lessons train it once between them.
    /// When no checkpoint is there yet, the run says so before it trains (tens of seconds), and the checkpoint it
    /// writes is listed under "Files written".
    static func obtain(_ context: LessonContext) throws -> SeedNet {
        let models = PathText.join(PathText.parent(context.outputDirectory), "models")
        let expected = configuration(seed: context.seed, quick: context.quick, modelsDirectory: models)
            .resolvedCheckpointPath
        if !FileManager.default.fileExists(atPath: expected) {
            context.emit(context.zh
                ? "（还没有共享的种子网络检查点 \(LessonFiles.display(expected))：现在训练它，release 构建下约需一分钟以内；之后 cnn 和 saliency 两课都会复用它。）\n"
                : "(No shared seed-net checkpoint at \(LessonFiles.display(expected)) yet: training it now, under a "
                    + "minute in a release build; the cnn and saliency lessons reuse it afterwards.)\n")
        }
        let net = try obtain(seed: context.seed, quick: context.quick, modelsDirectory: models)
        if net.trained { _ = context.record([net.path]) }
        return net
    }
}

extension SeedNet {
    /// What the text says about the shared model: trained now or reused, its data and its test accuracy.
    func placeholders(language: Language) -> [String: String] {
        let net = self
        let zh = language == .zh
        let c = net.configuration
        var status: String
        if net.trained {
            status = zh ? "本次运行训练了它，用时 \(fmt(net.seconds, digits: 1)) 秒，并保存为检查点"
                        : "This run trained it, in \(fmt(net.seconds, digits: 1)) s, and saved the checkpoint"
            if let why = net.rejected {
                status += zh ? "（已有的文件不能复用：\(why)）" : " (the file already there could not be reused: \(why))"
            }
        } else {
            status = zh ? "本次运行复用了之前训练好的检查点（校验和、架构、轮数和种子都已核对），没有重新训练"
                        : "This run reused the checkpoint trained earlier (its checksum, architecture, epochs and seed "
                            + "were checked) instead of training again"
        }
        return [
            "status": status, "path": LessonFiles.display(net.path),
            "train_count": "\(net.trainCount)", "epochs": "\(c.epochs)", "batch": "\(c.batchSize)",
            "lr": fmt(Double(c.learningRate), digits: 2), "momentum": fmt(Double(c.momentum), digits: 1),
            "test_count": "\(net.test.count)", "accuracy": String(format: "%.1f%%", 100 * net.testAccuracy),
            "chance": String(format: "%.0f%%", 100 / Double(net.test.classNames.count)),
            "quick_note": net.configuration.limit == nil || !net.quick ? "" : zh
                ? "（快速模式：只为冒烟测试训练了极少的图像，准确率因此很低；去掉 --quick 才能得到有用的模型。）"
                : " (Quick mode: a tiny run for smoke tests, hence the low accuracy; run without --quick for a "
                    + "useful model.)",
        ]
    }
}
