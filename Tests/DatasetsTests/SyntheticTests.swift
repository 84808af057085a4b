import Foundation
import Testing
@testable import Datasets

@Suite struct SyntheticTests {
    @Test func sameSeedSameDataDifferentSeedDifferent() {
        #expect(Synthetic.moons(seed: 4) == Synthetic.moons(seed: 4))
        #expect(Synthetic.moons(seed: 4) != Synthetic.moons(seed: 5))
        #expect(Synthetic.spirals(seed: 4) == Synthetic.spirals(seed: 4))
        #expect(Synthetic.xor(noise: 0.1, seed: 4) == Synthetic.xor(noise: 0.1, seed: 4))
        #expect(Synthetic.blobs(seed: 4) == Synthetic.blobs(seed: 4))
        #expect(Synthetic.blobs(seed: 4) != Synthetic.blobs(seed: 6))
    }

    @Test func noiselessMoonsLieOnTheirHalfCircles() {
        let moons = Synthetic.moons(count: 101, noise: 0, seed: 1)
        #expect(moons.count == 101)
        #expect(moons.labels.filter { $0 == 0 }.count == 50 && moons.labels.filter { $0 == 1 }.count == 51)
        for (point, label) in zip(moons.points, moons.labels) {
            let (x, y) = (point[0], point[1])
            if label == 0 {
                #expect(abs(x * x + y * y - 1) < 1e-12 && y >= -1e-12)
            } else {
                let (u, v) = (1 - x, 0.5 - y)  // (cos t, sin t) of the inner moon
                #expect(abs(u * u + v * v - 1) < 1e-12 && v >= -1e-12)
            }
        }
        // Shuffled: not all of class 0 first.
        #expect(moons.labels != moons.labels.sorted())
        #expect(moons.signedLabels.allSatisfy { $0 == 1 || $0 == -1 })
    }

    @Test func moonNoiseHasTheRequestedSpread() {
        let clean = Synthetic.moons(count: 2000, noise: 0, seed: 3)
        let noisy = Synthetic.moons(count: 2000, noise: 0.1, seed: 3)
        // Same points (the shuffle follows the noise draws, so compare distances to the circles instead).
        func residual(_ set: PointSet) -> [Double] {
            zip(set.points, set.labels).map { point, label in
                let (x, y) = label == 0 ? (point[0], point[1]) : (1 - point[0], 0.5 - point[1])
                return (x * x + y * y).squareRoot() - 1
            }
        }
        let rms = { (r: [Double]) in (r.map { $0 * $0 }.reduce(0, +) / Double(r.count)).squareRoot() }
        #expect(rms(residual(clean)) < 1e-12)
        #expect(abs(rms(residual(noisy)) - 0.1) < 0.02)
    }

    @Test func spiralsHaveBalancedClassesInsideTheUnitDisc() {
        let spirals = Synthetic.spirals(count: 301, classes: 3, noise: 0.2, seed: 2)
        #expect(spirals.count == 301 && spirals.classes == 3)
        #expect((0..<3).map { k in spirals.labels.filter { $0 == k }.count } == [101, 100, 100])
        #expect(spirals.points.allSatisfy { ($0[0] * $0[0] + $0[1] * $0[1]).squareRoot() <= 1 + 1e-12 })
    }

    @Test func xorLabelsFollowTheQuadrants() {
        let xor = Synthetic.xor(count: 500, noise: 0, seed: 9)
        #expect(xor.count == 500)
        for (point, label) in zip(xor.points, xor.labels) {
            #expect(abs(point[0]) <= 1 && abs(point[1]) <= 1)
            #expect(label == ((point[0] > 0) != (point[1] > 0) ? 1 : 0))
        }
        let share = Double(xor.labels.reduce(0, +)) / 500
        #expect(abs(share - 0.5) < 0.1)
    }

    @Test func blobsClusterAroundTheirCentres() {
        let blobs = Synthetic.blobs(count: 3000, classes: 3, spread: 0.5, radius: 2, seed: 8)
        #expect(blobs.classes == 3)
        for k in 0..<3 {
            let members = zip(blobs.points, blobs.labels).filter { $0.1 == k }.map(\.0)
            #expect(members.count == 1000)
            let meanX = members.map { $0[0] }.reduce(0, +) / 1000, meanY = members.map { $0[1] }.reduce(0, +) / 1000
            let angle = 2 * Double.pi * Double(k) / 3
            #expect(abs(meanX - 2 * cos(angle)) < 0.06 && abs(meanY - 2 * sin(angle)) < 0.06)
        }
        #expect(blobs.xs.count == 3000 && blobs.ys.count == 3000)
    }

    @Test func circlesPutClassZeroOnTheUnitCircleAndClassOneInside() {
        let circles = Synthetic.circles(count: 40, noise: 0, factor: 0.4, seed: 3)
        #expect(circles.count == 40 && circles.classes == 2)
        for (point, label) in zip(circles.points, circles.labels) {
            let radius = (point[0] * point[0] + point[1] * point[1]).squareRoot()
            #expect(abs(radius - (label == 0 ? 1 : 0.4)) < 1e-12)
        }
        #expect(Synthetic.circles(seed: 2) == Synthetic.circles(seed: 2))
        #expect(Synthetic.circles(seed: 2) != Synthetic.circles(seed: 3))
    }
}
