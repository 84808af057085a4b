import Foundation
import NN
import Training
import Render

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
            print(String(format: "\r\u{1B}[2Kepoch %d/%d %@ %d/%d  loss %.4f  acc %.1f%%  %.0f img/s  ETA %@",
                         epoch, epochs, bar, batch, total, loss, accuracy * 100, rate, clock(remaining)),
                  terminator: "")
            fflush(stdout)
        case let .epoch(r):
            if isTerminal { print("\r\u{1B}[2K", terminator: "") }
            print(String(format: "epoch %d/%d  train loss %.4f acc %.2f%%  val loss %.4f acc %.2f%%  %.1f s  %.0f img/s",
                         r.epoch, epochs, r.trainLoss, r.trainAccuracy * 100, r.validationLoss,
                         r.validationAccuracy * 100, r.seconds, r.imagesPerSecond))
        }
    }

    private func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return String(format: "%d:%02d", s / 60, s % 60)
    }

    /// Test accuracy, the per-class table and the confusion matrix.
    static func printResults(_ test: Evaluation) {
        print(String(format: "test accuracy %.2f%% (%d images), loss %.4f", test.accuracy * 100, test.count, test.loss))
        let rows = test.perClass.enumerated().map { c, row in
            ["\(c)", row.name, "\(row.count)", "\(row.correct)", String(format: "%.1f %%", row.accuracy * 100)]
        }
        print(Table(header: ["#", "class", "images", "correct", "accuracy"], rows: rows,
                    alignments: [.right, .left, .right, .right, .right]).render())
        print("confusion matrix (rows: true class, columns: predicted)")
        let header = [""] + test.classNames.indices.map(String.init)
        let matrix = test.confusion.enumerated().map { c, counts in ["\(c) \(test.classNames[c])"] + counts.map(String.init) }
        print(Table(header: header, rows: matrix, alignments: [.left] + test.classNames.map { _ in .right }).render())
    }
}
