/// What the history view shows: the newest runs (of one project, or all), and the totals over all of them.
public struct HistoryPage: Hashable, Codable, Sendable {
    /// The project the runs belong to; nil for every project under the mount root.
    public var project: String?
    /// Newest first, at most `limit`.
    public var entries: [HistoryEntry]
    public var totals: HistoryTotals
    /// Set when the history is read-only (a database from a newer cachewatch) or could not be read.
    public var note: String?
    /// Seconds east of UTC of the viewer's clock, for the times shown.
    public var utcOffset: Int

    /// Most runs the dashboard loads at once (the charts show far fewer; `cachewatch history` lists them all).
    public static let limit = 1000

    public init(
        project: String?, entries: [HistoryEntry], totals: HistoryTotals, note: String? = nil, utcOffset: Int = 0
    ) {
        self.project = project
        self.entries = entries
        self.totals = totals
        self.note = note
        self.utcOffset = utcOffset
    }
}
