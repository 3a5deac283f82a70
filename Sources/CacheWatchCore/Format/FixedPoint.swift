/// Fixed-point formatting without Foundation's locale-dependent formatters.
public enum FixedPoint {
    /// `value` with `places` decimals ("2.571"), rounded half up.
    public static func format(_ value: Double, places: Int = 1) -> String {
        guard value.isFinite else { return "–" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let negative = value < 0
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e18 else { return negative ? "-∞" : "∞" }
        let integer = Int64(scaled)
        let whole = integer / Int64(scale)
        var text = "\(negative && integer != 0 ? "-" : "")\(whole)"
        if places > 0 {
            let fraction = String(integer % Int64(scale))
            text += "." + String(repeating: "0", count: places - fraction.count) + fraction
        }
        return text
    }
}
