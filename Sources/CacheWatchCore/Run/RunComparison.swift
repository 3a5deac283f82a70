/// A run beside the one before it: how the numbers moved and which compiles regressed. The one comparison the
/// stats panel's "vs last run", the CI job summary and `history show`/`diff` word in their own places.
public struct RunComparison: Hashable, Sendable {
    /// sccache's version in the older run and in the newer.
    public struct VersionChange: Hashable, Sendable {
        public var from: String
        public var to: String
    }

    /// The newer run's hits and misses less the older run's.
    public var hits: Int
    public var misses: Int
    /// The newer run's duration less the older one's; nil while the newer run is still going.
    public var seconds: Double?
    /// The older run's own figures, for "then 13 hits, 13 misses in 9.5 s".
    public var hitsBefore: Int
    public var missesBefore: Int
    public var durationBefore: Double
    /// Compiles that were cache hits in the older run and are misses in the newer, in the newer run's order
    /// (matched by `CrateDiff`).
    public var regressions: [String]
    /// sccache's version changed between the runs.
    public var sccache: VersionChange?
    /// The cache moved (another directory or bucket) between the runs.
    public var cacheMoved: Bool

    /// `before` beside a run so far: its numbers now, its compiles, and its duration once it has ended.
    public init(before: RunRecord, stats: SccacheStats?, compiles: [CrateResult], duration: Double?) {
        hitsBefore = before.stats?.hits.total ?? 0
        missesBefore = before.stats?.misses.total ?? 0
        durationBefore = before.duration
        hits = (stats?.hits.total ?? 0) - hitsBefore
        misses = (stats?.misses.total ?? 0) - missesBefore
        seconds = duration.map { $0 - before.duration }
        regressions = CrateDiff.regressions(before.compiles, compiles)
        if let old = before.stats?.version, let new = stats?.version, old != new {
            sccache = VersionChange(from: old, to: new)
        }
        if let old = before.stats?.cacheLocation, let new = stats?.cacheLocation, old != new {
            cacheMoved = true
        } else {
            cacheMoved = false
        }
    }

    /// Two finished runs, `before` the older.
    public init(before: RunRecord, after: RunRecord) {
        self.init(before: before, stats: after.stats, compiles: after.compiles, duration: after.duration)
    }

    /// "hits +35 · misses −35 · −14.3 s" (no time while the newer run is going).
    public var text: String {
        var text = "hits \(Self.signed(hits)) · misses \(Self.signed(misses))"
        if let seconds { text += " · \(seconds < 0 ? "−" : "+")\(Durations.format(abs(seconds)))" }
        return text
    }

    /// "then 13 hits, 13 misses in 9.5 s".
    public var then: String {
        "then \(hitsBefore) hits, \(missesBefore) misses in \(Durations.format(durationBefore))"
    }

    /// "+3", "−2", "±0".
    public static func signed(_ n: Int) -> String { n > 0 ? "+\(n)" : n < 0 ? "−\(-n)" : "±0" }
}

extension RunRecord {
    /// A run the next one is compared with: it ended by itself (not stopped) and sccache's numbers were read.
    public var comparable: Bool {
        guard stats != nil, case .ended(_, stopped: false) = outcome else { return false }
        return true
    }
}
