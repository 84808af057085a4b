/// An RGB colour with components in 0…255.
public struct RGB: Equatable, Sendable, Hashable {
    public var r: UInt8, g: UInt8, b: UInt8
    /// Makes a colour.
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) { self.r = r; self.g = g; self.b = b }
    /// `#rrggbb`, for DOT and SVG.
    public var hex: String {
        "#" + [r, g, b].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
    /// Linear blend: `t = 0` gives `self`, `t = 1` gives `other`.
    public func mixed(with other: RGB, _ t: Double) -> RGB {
        let t = min(1, max(0, t))
        func m(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) * (1 - t) + Double(b) * t).rounded()) }
        return RGB(m(r, other.r), m(g, other.g), m(b, other.b))
    }
}

/// The two colour maps of docs/ARCHITECTURE.md §4: diverging for signed quantities, viridis for magnitudes.
public enum Colormap: Sendable {
    /// Blue (negative) – white (0) – red (positive), for weights, gradients and signed attributions.
    case diverging
    /// Perceptually uniform dark-purple → yellow, for magnitudes.
    case viridis
    /// Black → white.
    case grey

    /// Colour for `t` in 0…1 (clamped). For `.diverging`, 0.5 is white (zero).
    public func color(_ t: Double) -> RGB {
        let t = t.isFinite ? min(1, max(0, t)) : 0.5
        switch self {
        case .grey:
            let v = UInt8((t * 255).rounded())
            return RGB(v, v, v)
        case .diverging:
            return Colormap.interpolate(Colormap.divergingStops, t)
        case .viridis:
            return Colormap.interpolate(Colormap.viridisStops, t)
        }
    }

    /// Colour for a signed value on a symmetric range ±`limit` (diverging), or a magnitude on 0…`limit`.
    public func color(value: Double, limit: Double) -> RGB {
        let limit = limit > 0 && limit.isFinite ? limit : 1
        switch self {
        case .diverging: return color(0.5 + 0.5 * value / limit)
        case .viridis, .grey: return color(value / limit)
        }
    }

    // ColorBrewer RdBu (reversed so blue is negative), 9 classes with a pure white centre.
    static let divergingStops: [RGB] = [
        RGB(33, 102, 172), RGB(67, 147, 195), RGB(146, 197, 222), RGB(209, 229, 240), RGB(255, 255, 255),
        RGB(253, 219, 199), RGB(244, 165, 130), RGB(214, 96, 77), RGB(178, 24, 43),
    ]

    // matplotlib's viridis sampled at 9 evenly spaced points.
    static let viridisStops: [RGB] = [
        RGB(68, 1, 84), RGB(71, 45, 123), RGB(59, 82, 139), RGB(44, 114, 142), RGB(33, 145, 140),
        RGB(40, 174, 128), RGB(94, 201, 98), RGB(173, 220, 48), RGB(253, 231, 37),
    ]

    static func interpolate(_ stops: [RGB], _ t: Double) -> RGB {
        let x = t * Double(stops.count - 1)
        let i = min(stops.count - 2, Int(x))
        return stops[i].mixed(with: stops[i + 1], x - Double(i))
    }
}
