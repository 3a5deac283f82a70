/// The markers around what the container prints after the build: sccache's text report, then `json` and its
/// JSON stats. The log pane never shows them; the report is folded into one line.
public enum FinalStatsMarker {
    public static let start = "<<cachewatch:final-stats>>"
    public static let json = "<<cachewatch:json>>"
    public static let end = "<<cachewatch:end>>"

    /// The text report and the JSON of one payload (a payload without `json` is JSON alone).
    public static func split(_ payload: String) -> (report: String?, json: String) {
        guard let range = payload.range(of: json) else { return (nil, payload.trimmingSpaces.trimmingNewlines) }
        // Through the PTY lines end in \r\n, or \r\r\n when the program wrote \r\n itself: drop every \r.
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: payload[..<range.lowerBound].unicodeScalars.filter { $0 != "\r" })
        let report = String(scalars).trimmingNewlines
        return (report.isEmpty ? nil : report, String(payload[range.upperBound...]).trimmingSpaces.trimmingNewlines)
    }
}
