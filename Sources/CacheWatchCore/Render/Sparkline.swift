/// A one-row chart of values between 0 and 1 ("▁▂▄█").
public enum Sparkline {
    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// The last `width` values (or all of them, sampled down) as block characters.
    public static func render(_ values: [Double], width: Int) -> String {
        guard width > 0, !values.isEmpty else { return "" }
        let shown: [Double]
        if values.count <= width {
            shown = values
        } else {
            shown = (0..<width).map { values[$0 * values.count / width] }
        }
        return String(
            shown.map { value in
                let clamped = value.isFinite ? min(1, max(0, value)) : 0
                return levels[Int((clamped * Double(levels.count - 1)).rounded())]
            })
    }
}
