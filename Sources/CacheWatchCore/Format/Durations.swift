/// Durations for people: "0.4 s", "21.8 s", "2 m 05 s", "1 h 02 m".
public enum Durations {
    public static func format(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "–" }
        if seconds < 60 { return "\(FixedPoint.format(seconds)) s" }
        let total = Int(seconds.rounded(.down))
        if total < 3600 {
            let s = total % 60
            return "\(total / 60) m \(s < 10 ? "0" : "")\(s) s"
        }
        let m = (total / 60) % 60
        return "\(total / 3600) h \(m < 10 ? "0" : "")\(m) m"
    }

    /// Seconds with three decimals as sccache prints averages: "2.571 s".
    public static func precise(_ seconds: Double?) -> String {
        guard let seconds else { return "–" }
        return "\(FixedPoint.format(seconds, places: 3)) s"
    }

    /// A rate as a percentage with one decimal, or "–".
    public static func percent(_ fraction: Double?) -> String {
        guard let fraction else { return "–" }
        return "\(FixedPoint.format(fraction * 100))%"
    }

    /// "1:23", "12:05", "1:02:03": a position in a replay.
    public static func clock(_ seconds: Double) -> String {
        let total = max(0, Int(seconds))
        let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
        let ss = s < 10 ? "0\(s)" : "\(s)"
        if h > 0 { return "\(h):\(m < 10 ? "0\(m)" : "\(m)"):\(ss)" }
        return "\(m):\(ss)"
    }
}
