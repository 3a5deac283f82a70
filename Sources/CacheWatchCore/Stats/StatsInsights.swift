/// What sccache's numbers mean beyond themselves, for the panel, the record and the job summary alike.
public enum StatsInsights {
    /// Compile time the hits saved: hits × (a compile's average time − a hit's read time), with the run's own
    /// average compile, else the last one known (an all-hit run compiles nothing to average).
    public static func savedSeconds(_ s: SccacheStats, knownCompile: Double?) -> Double? {
        guard let hits = s.hits.total, hits > 0 else { return nil }
        let compile = (s.compilations ?? 0) > 0 ? s.averageCompile : knownCompile
        guard let compile, compile > 0 else { return nil }
        return Double(hits) * max(0, compile - (s.averageCacheReadHit ?? 0))
    }

    /// "redis" when the location names a remote cache ("redis, name: …"); nil for a local disk or a chain.
    public static func remoteKind(_ location: String?) -> String? {
        guard let location, !location.hasPrefix("Local disk"), !location.hasPrefix("Multi-level") else { return nil }
        let word = location.prefix { $0 != "," && $0 != ":" && $0 != " " }
        return word.isEmpty ? nil : word.lowercased()
    }
}
