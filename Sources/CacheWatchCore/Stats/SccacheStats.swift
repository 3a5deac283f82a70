/// sccache's statistics, from its JSON or text output. Every field is optional: versions differ.
public struct SccacheStats: Hashable, Codable, Sendable {
    public var compileRequests: Int?
    public var requestsExecuted: Int?
    public var requestsNotCacheable: Int?
    public var requestsNotCompile: Int?
    public var requestsUnsupportedCompiler: Int?
    public var hits = LanguageCounts()
    public var misses = LanguageCounts()
    public var cacheErrors = LanguageCounts()
    public var cacheTimeouts: Int?
    public var cacheReadErrors: Int?
    public var forcedRecaches: Int?
    public var cacheWriteErrors: Int?
    public var cacheWrites: Int?
    public var compilations: Int?
    public var compileFailures: Int?
    public var nonCacheableCompilations: Int?
    /// Average seconds, as sccache reports them (computed from totals for JSON).
    public var averageCacheWrite: Double?
    public var averageCompile: Double?
    public var averageCacheReadHit: Double?
    /// Total seconds spent compiling cache misses (JSON only).
    public var totalCompileSeconds: Double?
    public var notCached: [NotCachedReason] = []
    public var cacheLocation: String?
    public var cacheSize: Int64?
    public var maxCacheSize: Int64?
    public var version: String?
    /// The levels of a multi-level cache, first checked first; nil for a single cache.
    public var levels: [CacheLevelStats]?
    /// A build farm's successful compiles per build server (its `ip:port`); nil when sccache does not say (versions
    /// before the farm's counters, or a text report without a farm: its section is printed only when non-empty).
    public var distCompiles: [String: Int]?
    /// Compiles the farm could not run, done locally instead ("Failed distributed compilations").
    public var distErrors: Int?

    public init() {}

    /// At most this many build servers are kept from one report, each name at most `maxServerName` characters and terminal-safe:
    /// the stats come from the build's side (a container writes them), so nothing there may grow without bound.
    public static let maxServers = 64
    public static let maxServerName = 64

    /// The farm's compiles per server, in address order (empty without a farm).
    public var distServers: [(server: String, compiles: Int)] { Self.byServer(distCompiles ?? [:]) }

    /// Every compile a farm ran.
    public var distTotal: Int { Self.total(distCompiles ?? [:]) }

    /// Per-server counts in address order (the stats' and a run's farm alike).
    public static func byServer(_ counts: [String: Int]) -> [(server: String, compiles: Int)] {
        counts.map { ($0.key, $0.value) }.sorted { $0.server < $1.server }
    }

    /// The sum of per-server counts (each capped at `maxCount`: no overflow).
    public static func total(_ counts: [String: Int]) -> Int { counts.values.reduce(0) { $0 &+ $1 } }

    /// A server's count kept from untrusted input, when there is room: its name bounded, at most `maxServers`.
    mutating func addDistCompiles(server: String, _ count: Int) {
        var map = distCompiles ?? [:]
        let name = TerminalSafe.text(String(server.prefix(Self.maxServerName)))
        guard map[name] != nil || map.count < Self.maxServers else { return }
        map[name, default: 0] = min(SccacheStats.maxCount, map[name, default: 0] + count)
        distCompiles = map
    }

    /// hits / (hits + misses), as sccache computes its "Cache hits rate"; nil with no lookups.
    public var hitRate: Double? {
        Self.rate(hits.total ?? 0, misses.total ?? 0)
    }

    /// h / (h + m) in floating point (no sum of counts can overflow), nil when both are 0.
    static func rate(_ h: Int, _ m: Int) -> Double? {
        let (hits, misses) = (Double(max(0, h)), Double(max(0, m)))
        return hits + misses == 0 ? nil : hits / (hits + misses)
    }

    /// The most a count read from sccache may be: no build comes near it, and sums of such counts never overflow.
    public static let maxCount = 1 << 48

    /// The hit rate of one language, as sccache prints "Cache hits rate (Rust)".
    public func hitRate(language: String) -> Double? {
        Self.rate(hits.count(of: language), misses.count(of: language))
    }

    /// Every language that had a hit, a miss or an error, in first-seen order.
    public var languages: [String] {
        var seen: [String] = []
        for entry in hits.byLanguage + misses.byLanguage + cacheErrors.byLanguage where !seen.contains(entry.language) {
            seen.append(entry.language)
        }
        return seen
    }
}
