import Foundation
import NN
import Training

/// How `dlexplain train` shows progress: a redrawn bar on a terminal, one plain line per epoch otherwise.
struct TrainingOutput {
    let epochs: Int
    let batchSize: Int
    let isTerminal: Bool

    func show(_ event: TrainingProgress) {
        switch event {
        case let .batch(epoch, batch, total, loss, accuracy, rate):
            guard isTerminal, batch % 10 == 0 || batch == total else { return }
            let width = 24, filled = width * batch / max(total, 1)
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            let remaining = Double((total - batch) * batchSize) / max(rate, 1)
            print(String(format: "\r\u{1B}[2Kepoch %ld/%ld %@ %ld/%ld  loss %.4f  acc %.1f%%  %.0f img/s  ETA %@",
                         epoch, epochs, bar, batch, total, loss, accuracy * 100, rate, clock(remaining)),
                  terminator: "")
            fflush(stdout)
        case let .epoch(r):
            if isTerminal { print("\r\u{1B}[2K", terminator: "") }
            print(String(format: "epoch %ld/%ld  train loss %.4f acc %.2f%%  val loss %.4f acc %.2f%%  %.1f s  %.0f img/s",
                         r.epoch, epochs, r.trainLoss, r.trainAccuracy * 100, r.validationLoss,
                         r.validationAccuracy * 100, r.seconds, r.imagesPerSecond))
            // One line per epoch reaches a redirected stdout at once (`tail -f`), not in 4 KiB blocks.
            fflush(stdout)
        }
    }

    private func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return String(format: "%d:%02d", s / 60, s % 60)
    }
}
