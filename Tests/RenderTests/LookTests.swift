import Groundwork
import Foundation
import Testing
@testable import Render
import Tracing

/// Writes every fixture's diagrams and narration to `$RENDER_LOOK` (e.g. /tmp/render-look) for a person to look
/// at; skipped unless that variable is set.
@Suite struct LookTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["RENDER_LOOK"] != nil))
    func writePicturesForReview() throws {
        let root = ProcessInfo.processInfo.environment["RENDER_LOOK"] ?? ""
        let cases: [(String, Trace)] = [("neuron", Fixtures.neuron), ("reused", Fixtures.reused),
                                        ("constant", Fixtures.withConstant), ("tensor", Fixtures.tensor(level: .full)),
                                        ("tensor-shapes", Fixtures.tensor(level: .shapes))]
        for (name, trace) in cases {
            let dir = root + "/" + name
            _ = try TraceDiagrams.write(trace, to: dir, command: "swift test --filter LookTests", flipbook: true)
            for language in Language.allCases {
                var text = Style.plain.render(Narration.full(trace, language: language))
                if let x = trace.leaves.first?.label, trace.engine == "scalar" {
                    text += "\n\n" + Style.plain.render(try Narration.why(trace, variable: x, language: language))
                }
                try AtomicFile.write(text + "\n", to: "\(dir)/narration.\(language).txt")
            }
        }
    }
}
