/// What the whole history adds up to: "sccache saved ≈ 3 h 12 min of compile time in 214 runs".
public struct HistoryTotals: Hashable, Codable, Sendable {
    public var runs: Int
    /// Compile time the cache saved, summed over the runs (each run's estimate).
    public var savedSeconds: Double
    public var hits: Int
    public var misses: Int
    /// The first run's start (seconds since 1970), nil when there is none.
    public var since: Double?

    public init(runs: Int = 0, savedSeconds: Double = 0, hits: Int = 0, misses: Int = 0, since: Double? = nil) {
        self.runs = runs
        self.savedSeconds = savedSeconds
        self.hits = hits
        self.misses = misses
        self.since = since
    }

    /// "sccache saved ≈ 3 h 12 min of compile time in 214 runs".
    public var sentence: String {
        let runsText = runs == 1 ? "1 run" : "\(runs) runs"
        guard savedSeconds >= 1 else { return "\(runsText) in the history" }
        return "sccache saved ≈ \(Durations.format(savedSeconds)) of compile time in \(runsText)"
    }
}
