/// A measured duration as the seconds every report and benchmark prints.
extension Duration {
    /// This duration in seconds (attosecond resolution kept as far as a Double can).
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
