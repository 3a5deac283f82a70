import Foundation

/// Reads `sccache --show-stats --stats-format=json` output.
public enum SccacheJSONParser {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case notJSON
        case notStats

        public var description: String {
            switch self {
            case .notJSON: return "sccache's output is not JSON"
            case .notStats: return "sccache's JSON has no \"stats\" object"
            }
        }
    }

    public static func parse(_ text: String) throws -> SccacheStats {
        guard let data = text.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        else { throw Failure.notJSON }
        guard let root = object as? [String: Any], let stats = root["stats"] as? [String: Any] else {
            throw Failure.notStats
        }
        var result = SccacheStats()
        result.compileRequests = int(stats["compile_requests"])
        result.requestsExecuted = int(stats["requests_executed"])
        result.requestsNotCacheable = int(stats["requests_not_cacheable"])
        result.requestsNotCompile = int(stats["requests_not_compile"])
        result.requestsUnsupportedCompiler = int(stats["requests_unsupported_compiler"])
        result.hits = counts(stats["cache_hits"])
        result.misses = counts(stats["cache_misses"])
        result.cacheErrors = counts(stats["cache_errors"])
        result.cacheTimeouts = int(stats["cache_timeouts"])
        result.cacheReadErrors = int(stats["cache_read_errors"])
        result.forcedRecaches = int(stats["forced_recaches"])
        result.cacheWriteErrors = int(stats["cache_write_errors"])
        result.cacheWrites = int(stats["cache_writes"])
        result.compilations = int(stats["compilations"])
        result.compileFailures = int(stats["compile_fails"])
        result.nonCacheableCompilations = int(stats["non_cacheable_compilations"])

        let writeSeconds = seconds(stats["cache_write_duration"])
        let readSeconds = seconds(stats["cache_read_hit_duration"])
        let compileSeconds = seconds(stats["compiler_write_duration"])
        result.totalCompileSeconds = compileSeconds
        result.averageCacheWrite = average(writeSeconds, over: result.cacheWrites)
        result.averageCompile = average(compileSeconds, over: result.compilations)
        result.averageCacheReadHit = average(readSeconds, over: result.hits.total)

        if let reasons = stats["not_cached"] as? [String: Any] {
            result.notCached = reasons.compactMap { key, value in int(value).map { NotCachedReason(key, $0) } }
                .sorted { $0.count != $1.count ? $0.count > $1.count : $0.reason < $1.reason }
        }
        if let farm = stats["dist_compiles"] as? [String: Any] {
            result.distCompiles = [:]
            for (server, value) in farm.sorted(by: { $0.key < $1.key }) {
                if let count = int(value) { result.addDistCompiles(server: server, count) }
            }
        }
        result.distErrors = int(stats["dist_errors"])
        if let chain = stats["multi_level"] as? [[String: Any]] {
            result.levels = chain.map(level)
        }
        // The location names the backend, with its credentials when sccache was given them (a Redis URL).
        result.cacheLocation = (root["cache_location"] as? String).map(SecretMask.text)
        result.cacheSize = int64(root["cache_size"])
        result.maxCacheSize = int64(root["max_cache_size"])
        result.version = root["version"] as? String
        return result
    }

    /// A count: never negative, never beyond `SccacheStats.maxCount` (the stats file is written by the build's
    /// container, so any number can arrive; sums of counts must not overflow).
    private static func int(_ value: Any?) -> Int? {
        int64(value).map { Int(min($0, Int64(SccacheStats.maxCount))) }
    }

    /// A size in bytes: not negative.
    private static func int64(_ value: Any?) -> Int64? {
        guard let number = value as? NSNumber else { return nil }
        let double = number.doubleValue
        guard double.isFinite else { return nil }
        if double >= 9.2e18 { return Int64.max }
        if double < 0 { return nil }
        return max(0, number.int64Value)
    }

    private static func level(_ object: [String: Any]) -> CacheLevelStats {
        var level = CacheLevelStats(name: object["name"] as? String ?? "?")
        level.location = (object["location"] as? String).map(SecretMask.text)
        level.hits = int(object["hits"])
        level.misses = int(object["misses"])
        level.writes = int(object["writes"])
        level.writeFailures = int(object["write_failures"])
        level.backfillsFrom = int(object["backfills_from"])
        level.backfillsTo = int(object["backfills_to"])
        level.averageHit = average(seconds(object["hit_duration"]), over: level.hits)
        level.averageWrite = average(seconds(object["write_duration"]), over: level.writes)
        return level
    }

    private static func counts(_ value: Any?) -> LanguageCounts {
        guard let object = value as? [String: Any] else { return LanguageCounts() }
        let map = object["counts"] as? [String: Any] ?? [:]
        let entries = map.compactMap { key, value in int(value).map { LanguageCount(key, $0) } }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.language < $1.language }
        return LanguageCounts(total: entries.reduce(0) { $0 &+ $1.count }, byLanguage: entries)
    }

    private static func seconds(_ value: Any?) -> Double? {
        guard let object = value as? [String: Any] else { return nil }
        let secs = (object["secs"] as? NSNumber)?.doubleValue ?? 0
        let nanos = (object["nanos"] as? NSNumber)?.doubleValue ?? 0
        let total = secs + nanos / 1e9
        return total.isFinite ? total : nil
    }

    private static func average(_ total: Double?, over count: Int?) -> Double? {
        guard let total else { return nil }
        guard let count, count > 0 else { return 0 }
        return total / Double(count)
    }
}
