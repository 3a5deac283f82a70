import CacheWatchCore

extension RunRecord {
    /// A run of `cargo build` in `/p` that ended well at `t` (seconds since 1970), taking 2 s, with these numbers.
    public static func sample(
        _ id: String, at t: Double, hits: Int, misses: Int, engine: EngineKind = "fake", compiles: [CrateResult]
    ) -> RunRecord {
        var stats = SccacheStats()
        stats.hits.total = hits
        stats.misses.total = misses
        return RunRecord(
            id: RunID(id), engine: engine, project: "/p", command: ["cargo", "build"], startedAt: t, duration: 2,
            outcome: .ended(.exited(0), stopped: false), stats: stats, compiles: compiles)
    }
}
