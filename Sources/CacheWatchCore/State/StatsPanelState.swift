/// The hit/miss panel: the newest sample of sccache's statistics and where it came from.
public struct StatsPanelState: Sendable {
    public enum Source: Hashable, Sendable {
        /// Nothing received yet for this build.
        case waiting
        /// Sampled from the running server.
        case live
        /// sccache's final numbers after the build ended.
        case final
        /// Reset by the user while no server ran.
        case reset
    }

    public var stats: SccacheStats?
    public var source: Source = .waiting
    /// Why the numbers may be stale or missing ("sccache did not answer: …").
    public var problem: String?
    /// The hit rate of each live sample, oldest first (for the sparkline).
    public var history: [Double] = []
    /// True when a sample went backwards without `z`: the server restarted and earlier numbers were lost.
    public var lostStats = false
    /// Show what each non-cacheable reason means instead of the numbers (`x`).
    public var explain = false

    public static let historyLimit = 240

    public init() {}

    /// `z` while a build runs: the live server's numbers restart from zero.
    mutating func clearForZero() {
        history.removeAll()
        stats = nil
        source = .waiting
    }

    /// `z` with no server running: the panel alone is reset.
    mutating func resetWithoutServer() {
        stats = SccacheStats()
        source = .reset
    }

    /// Takes a sample: remembers its hit rate and notices counters going backwards.
    public mutating func record(_ sample: SccacheStats, final: Bool) {
        if let old = stats?.compileRequests, let new = sample.compileRequests, new < old, source == .live {
            lostStats = true
        }
        stats = sample
        source = final ? .final : .live
        problem = nil
        if let rate = sample.hitRate {
            history.append(rate)
            if history.count > Self.historyLimit { history.removeFirst(history.count - Self.historyLimit) }
        }
    }
}
