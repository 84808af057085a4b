import Foundation
import GradCheck
import Render

/// One lesson of the curriculum: a driver that computes everything it shows, fills its text, writes its
/// artifacts, and ends with a self-check. It only declares these through its `LessonContext`; the framework loads
/// its text, records its files and checks, and builds the `LessonReport`.
public protocol Lesson {
    /// The name typed on the command line (`backprop`).
    static var name: String { get }
    /// A one-line summary per language, for `dlexplain lessons`.
    static var summary: [Language: String] { get }
    /// Makes the lesson.
    init()
    /// Runs the lesson: computes, narrates (`context.say`), writes files (`context.write`, `context.record`) and
    /// states its self-check (`context.check`).
    func run(_ context: LessonContext) throws
}

/// The outcome of a lesson run: the files written and the self-check.
public struct LessonReport {
    /// Every file the lesson wrote, in the order written.
    public var files: [String]
    /// One row per gradient (or other number) the lesson showed and then verified independently.
    public var checks: [SelfCheckRow]

    /// Makes a report.
    public init(files: [String], checks: [SelfCheckRow]) {
        self.files = files
        self.checks = checks
    }

    /// True when every check passed.
    public var passed: Bool { !checks.isEmpty && checks.allSatisfy(\.passed) }
}

/// One line of a lesson's closing self-check: a shown value against an independent computation.
public struct SelfCheckRow: Equatable {
    /// What was checked (`∂L/∂w1`).
    public var name: String
    /// The value the lesson showed (from backward).
    public var shown: Double
    /// The independent value (central differences, or a closed form).
    public var expected: Double
    /// How close `shown` must come to `expected`.
    public var tolerance: Tolerance
    /// `tolerance.absolute`.
    public var atol: Double { tolerance.absolute }
    /// `tolerance.relative`.
    public var rtol: Double { tolerance.relative }

    /// Makes a row; tolerances default to the gradient-check standard (`Tolerance.standard`).
    public init(name: String, shown: Double, expected: Double, atol: Double = Tolerance.standard.absolute,
                rtol: Double = Tolerance.standard.relative) {
        self.name = name
        self.shown = shown
        self.expected = expected
        self.tolerance = Tolerance(absolute: atol, relative: rtol)
    }

    /// `tolerance.accepts(shown, approximating: expected)`: both finite and |shown − expected| ≤ atol + rtol·|expected|.
    public var passed: Bool { tolerance.accepts(shown, approximating: expected) }
}
