import Groundwork
import Foundation

/// Labelled points in the plane (or in any dimension), for the scalar and MLP lessons.
public struct PointSet: Equatable, Sendable {
    /// One coordinate vector per point ([count][dimensions]).
    public var points: [[Double]]
    /// One class per point, 0-based.
    public var labels: [Int]

    /// A set of `points` with their `labels`.
    public init(points: [[Double]], labels: [Int]) {
        precondition(points.count == labels.count, "one label per point")
        self.points = points
        self.labels = labels
    }

    /// Number of points.
    public var count: Int { points.count }
    /// First coordinates.
    public var xs: [Double] { points.map { $0[0] } }
    /// Second coordinates.
    public var ys: [Double] { points.map { $0[1] } }
    /// Number of classes (largest label + 1).
    public var classes: Int { (labels.max() ?? -1) + 1 }
    /// Labels 0/1 mapped to −1/+1, for max-margin losses.
    public var signedLabels: [Double] { labels.map { $0 > 0 ? 1 : -1 } }
}

/// Seeded synthetic data sets: same arguments and seed → the same points in the same order (docs/ARCHITECTURE.md §6).
public enum Synthetic {
    /// Two interleaving half circles, as scikit-learn's `make_moons`: the outer moon (class 0) is
    /// (cos t, sin t), the inner one (class 1) is (1 − cos t, 1 − sin t − 0.5), t evenly spaced in [0, π];
    /// Gaussian noise of standard deviation `noise` is added to every coordinate; the points are shuffled.
    public static func moons(count: Int = 100, noise: Double = 0.1, seed: UInt64 = 1) -> PointSet {
        precondition(count >= 2, "moons need at least 2 points")
        var generator = SeededGenerator(seed: seed)
        let outer = count / 2, inner = count - outer
        var points: [[Double]] = [], labels: [Int] = []
        for (n, label) in [(outer, 0), (inner, 1)] {
            for i in 0..<n {
                let t = n == 1 ? 0 : Double.pi * Double(i) / Double(n - 1)
                let point = label == 0 ? [cos(t), sin(t)] : [1 - cos(t), 1 - sin(t) - 0.5]
                points.append(point)
                labels.append(label)
            }
        }
        return shuffled(jittered(PointSet(points: points, labels: labels), noise, &generator), &generator)
    }

    /// Two concentric circles, as scikit-learn's `make_circles`: the outer one (class 0) of radius 1, the inner
    /// one (class 1) of radius `factor`, angles evenly spaced; Gaussian noise of `noise` on every coordinate;
    /// the points are shuffled.
    public static func circles(count: Int = 200, noise: Double = 0.05, factor: Double = 0.5,
                               seed: UInt64 = 1) -> PointSet {
        precondition(count >= 2, "circles need at least 2 points")
        precondition(factor > 0 && factor < 1, "circles: the inner radius factor must be in (0, 1)")
        var generator = SeededGenerator(seed: seed)
        let outer = count / 2, inner = count - outer
        var points: [[Double]] = [], labels: [Int] = []
        for (n, label, radius) in [(outer, 0, 1.0), (inner, 1, factor)] {
            for i in 0..<n {
                let t = 2 * Double.pi * Double(i) / Double(n)
                points.append([radius * cos(t), radius * sin(t)])
                labels.append(label)
            }
        }
        return shuffled(jittered(PointSet(points: points, labels: labels), noise, &generator), &generator)
    }

    /// `classes` interleaved spiral arms (as in CS231n): arm k has radius r from 0 to 1 and angle
    /// 4k + 4r (radians) plus Gaussian noise of `noise` on the angle. Points are shuffled.
    public static func spirals(count: Int = 300, classes: Int = 3, noise: Double = 0.2, seed: UInt64 = 1) -> PointSet {
        precondition(count >= classes && classes >= 2, "spirals need at least 2 classes and a point per class")
        var generator = SeededGenerator(seed: seed)
        var points: [[Double]] = [], labels: [Int] = []
        for k in 0..<classes {
            let n = count / classes + (k < count % classes ? 1 : 0)
            for i in 0..<n {
                let r = n == 1 ? 1 : Double(i) / Double(n - 1)
                let angle = 4 * Double(k) + 4 * r + noise * generator.nextNormal()
                points.append([r * sin(angle), r * cos(angle)])
                labels.append(k)
            }
        }
        return shuffled(PointSet(points: points, labels: labels), &generator)
    }

    /// The XOR problem: points uniform in [−1, 1]², class 1 where x and y have opposite signs, then Gaussian
    /// noise of `noise` added to the coordinates (labels keep the noise-free quadrant).
    public static func xor(count: Int = 200, noise: Double = 0.0, seed: UInt64 = 1) -> PointSet {
        precondition(count >= 1, "xor needs at least 1 point")
        var generator = SeededGenerator(seed: seed)
        var points: [[Double]] = [], labels: [Int] = []
        for _ in 0..<count {
            let x = 2 * generator.nextUnit() - 1, y = 2 * generator.nextUnit() - 1
            points.append([x, y])
            labels.append((x > 0) != (y > 0) ? 1 : 0)
        }
        return jittered(PointSet(points: points, labels: labels), noise, &generator)
    }

    /// Isotropic Gaussian blobs: class k centred at `radius`·(cos 2πk/classes, sin 2πk/classes) with standard
    /// deviation `spread`; points shuffled.
    public static func blobs(count: Int = 150, classes: Int = 3, spread: Double = 0.5, radius: Double = 2,
                             seed: UInt64 = 1) -> PointSet {
        precondition(count >= classes && classes >= 1, "blobs need at least a point per class")
        var generator = SeededGenerator(seed: seed)
        var points: [[Double]] = [], labels: [Int] = []
        for k in 0..<classes {
            let n = count / classes + (k < count % classes ? 1 : 0)
            let angle = 2 * Double.pi * Double(k) / Double(classes)
            for _ in 0..<n {
                points.append([radius * cos(angle) + spread * generator.nextNormal(),
                               radius * sin(angle) + spread * generator.nextNormal()])
                labels.append(k)
            }
        }
        return shuffled(PointSet(points: points, labels: labels), &generator)
    }

    /// Adds N(0, noise²) to every coordinate.
    private static func jittered(_ set: PointSet, _ noise: Double, _ generator: inout SeededGenerator) -> PointSet {
        guard noise > 0 else { return set }
        var result = set
        for i in result.points.indices {
            for j in result.points[i].indices { result.points[i][j] += noise * generator.nextNormal() }
        }
        return result
    }

    /// Fisher–Yates with the seeded generator (the standard library's shuffle is not specified across versions).
    private static func shuffled(_ set: PointSet, _ generator: inout SeededGenerator) -> PointSet {
        var result = set
        var i = result.count - 1
        while i > 0 {
            let j = Int(generator.next() % UInt64(i + 1))
            result.points.swapAt(i, j)
            result.labels.swapAt(i, j)
            i -= 1
        }
        return result
    }
}
