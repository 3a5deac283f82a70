/// The history's charts, oldest run first: hit rate, build time and cache size of each run (nil where a run
/// has none: one that failed to start, was interrupted or had no statistics).
public struct HistorySeries: Hashable, Sendable {
    public var ids: [RunID]
    public var startedAt: [Double]
    public var hitRates: [Double?]
    public var durations: [Double?]
    public var cacheSizes: [Double?]

    /// From the entries of a page (newest first).
    public init(entries: [HistoryEntry]) {
        let oldestFirst = entries.reversed()
        ids = oldestFirst.map(\.id)
        startedAt = oldestFirst.map(\.startedAt)
        hitRates = oldestFirst.map(\.hitRate)
        durations = oldestFirst.map { $0.state == .ended ? $0.duration : nil }
        cacheSizes = oldestFirst.map { $0.cacheBytes.map(Double.init) }
    }
}
