import Testing
import Showcase

/// The playground's curve histories stay bounded and evenly spread over the whole run.
@Suite struct EvenHistoryTests {
    @Test func longRunsKeepEvenlySpacedPointsAndTheLatest() {
        var history = EvenHistory<Int>(capacity: 400)
        for step in 1...3345 { history.append(step: step, step * 2) }
        let steps = history.points.map(\.step)
        #expect(steps.count <= 400 && steps.count >= 200)
        #expect(steps.last == 3345 && history.points.last?.value == 6690)
        let gaps = Set(zip(steps.dropLast(), steps.dropFirst().dropLast()).map { $1 - $0 })
        #expect(gaps == [history.stride], "gaps \(gaps.sorted())")
        // The first half of the run holds about half of the points (the old thinning kept 2 of 345 there).
        let early = steps.filter { $0 <= 1672 }.count
        #expect(abs(Double(early) / Double(steps.count) - 0.5) < 0.05)
    }

    @Test func aSecondValueAtTheSameStepReplacesTheFirst() {
        var history = EvenHistory<Double>(capacity: 4)
        history.append(step: 10, 1)
        history.append(step: 10, 2)
        history.append(step: 20, 3)
        #expect(history.points.map(\.step) == [10, 20] && history.points.map(\.value) == [2, 3])
    }

    @Test func pointsEveryTenStepsPlusFramesStaySpreadOverTheRun() {
        // The loss curve's rhythm: a point every 10 steps and one at each frame (here every 37th step).
        var history = EvenHistory<Int>(capacity: 50)
        for step in 1...5000 where step % 10 == 0 || step % 37 == 0 { history.append(step: step, step) }
        let steps = history.points.map(\.step)
        #expect(steps.count <= 50 && steps.last == 5000)
        let largestGap = zip(steps.dropLast(), steps.dropFirst()).map { $1 - $0 }.max() ?? 0
        #expect(largestGap <= 4 * 5000 / 50, "largest gap \(largestGap)")
        let early = steps.filter { $0 <= 2500 }.count
        #expect(abs(Double(early) / Double(steps.count) - 0.5) < 0.15, "\(early) of \(steps.count) in the first half")
    }
}
