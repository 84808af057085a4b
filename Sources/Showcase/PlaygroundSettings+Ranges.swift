import Render

/// What a playground setting must satisfy: the rule and its bounds as data, so the explorer's pages can word
/// the refusal in their own language (`rule`, `low`, `high`) while other clients read `text`.
public enum SettingRange: Equatable, Sendable {
    /// low ≤ value ≤ high.
    case closed(Double, Double)
    /// low < value ≤ high.
    case openClosed(Double, Double)
    /// At most this many hidden layers.
    case layers(Int)
    /// Every hidden layer's width within 1…high.
    case widths(Int)

    /// The rule's name, which the pages look up as `err-invalid-setting-<rule>`.
    public var rule: String {
        switch self {
        case .closed: return "closed"
        case .openClosed: return "open-closed"
        case .layers: return "layers"
        case .widths: return "widths"
        }
    }

    /// The bounds as the message prints them.
    public var bounds: (low: String, high: String) {
        switch self {
        case let .closed(low, high), let .openClosed(low, high):
            return (NumberFormat.compact(low), NumberFormat.compact(high))
        case let .layers(n): return ("0", "\(n)")
        case let .widths(n): return ("1", "\(n)")
        }
    }

    /// The expectation in English: "0 to 1", "in (0, 10]", "at most 6 layers", "widths from 1 to 32".
    public var text: String {
        let (low, high) = bounds
        switch self {
        case .closed: return "\(low) to \(high)"
        case .openClosed: return "in (\(low), \(high)]"
        case .layers: return "at most \(high) layers"
        case .widths: return "widths from \(low) to \(high)"
        }
    }
}
