/// Reads sccache's human-readable stats report (`--show-stats`, `--stop-server`), any version.
public enum SccacheTextParser {
    /// Parses the report in `text`; returns nil when no stats line is found.
    /// Lines of other output around the report are ignored.
    public static func parse(_ text: String) -> SccacheStats? {
        var stats = SccacheStats()
        var found = false
        var inReasons = false
        var inFarm = false
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = String(rawLine)
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty {
                inReasons = false
                inFarm = false
                continue
            }
            if trimmed == "Non-cacheable reasons:" {
                inReasons = true
                found = true
                continue
            }
            // "Successful distributed compiles", then "  127.0.0.1:10501      3" per build server.
            if trimmed == "Successful distributed compiles" {
                inFarm = true
                stats.distCompiles = stats.distCompiles ?? [:]
                continue
            }
            guard let (label, value) = split(trimmed) else { continue }
            if inReasons {
                if let count = count(value) { stats.notCached.append(NotCachedReason(label, count)) }
                continue
            }
            if inFarm {
                if let count = count(value) { stats.addDistCompiles(server: label, count) }
                continue
            }
            if apply(label: label, value: value, to: &stats) { found = true }
        }
        return found ? stats : nil
    }

    /// Splits "Label words    value" at the run of two or more spaces before the value.
    private static func split(_ line: String) -> (String, String)? {
        let chars = Array(line)
        var index = chars.count - 1
        // The value is the last field; for sizes and times it carries a unit ("13 MiB", "0.004 s").
        var spaces = 0
        var cut = -1
        while index > 0 {
            if chars[index] == " " {
                spaces += 1
                if spaces >= 2 && chars[index - 1] != " " {
                    cut = index
                    break
                }
            } else {
                spaces = 0
            }
            index -= 1
        }
        if cut < 0 {
            // Reason lists like "-  2" may use a single space when the label is long.
            guard let space = line.lastIndex(of: " ") else { return nil }
            let label = String(line[..<space]).trimmingSpaces
            let value = String(line[line.index(after: space)...]).trimmingSpaces
            return label.isEmpty || value.isEmpty ? nil : (label, value)
        }
        let label = String(chars[..<cut]).trimmingSpaces
        let value = String(chars[cut...]).trimmingSpaces
        return label.isEmpty || value.isEmpty ? nil : (label, value)
    }

    /// A count as sccache prints it: digits only, at most `SccacheStats.maxCount`.
    private static func count(_ text: String) -> Int? {
        guard !text.isEmpty, text.count <= 20, text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int64(text) else {
            return nil
        }
        return Int(min(value, Int64(SccacheStats.maxCount)))
    }

    private static func apply(label: String, value: String, to stats: inout SccacheStats) -> Bool {
        if let (name, field) = CacheLevelStats.split(label) {
            return applyLevel(name: name, field: field, value: value, to: &stats)
        }
        if let (base, language) = languageSuffix(label) {
            guard let count = count(value) else { return false }
            switch base {
            case "Cache hits": stats.hits.byLanguage.append(LanguageCount(language, count))
            case "Cache misses": stats.misses.byLanguage.append(LanguageCount(language, count))
            case "Cache errors": stats.cacheErrors.byLanguage.append(LanguageCount(language, count))
            default: return false
            }
            return true
        }
        let int = count(value)
        switch label {
        case "Compile requests": stats.compileRequests = int
        case "Compile requests executed": stats.requestsExecuted = int
        case "Cache hits": stats.hits.total = int
        case "Cache misses": stats.misses.total = int
        case "Cache errors": stats.cacheErrors.total = int
        case "Cache timeouts": stats.cacheTimeouts = int
        case "Cache read errors": stats.cacheReadErrors = int
        case "Forced recaches": stats.forcedRecaches = int
        case "Cache write errors": stats.cacheWriteErrors = int
        case "Compilations": stats.compilations = int
        case "Compilation failures": stats.compileFailures = int
        case "Non-cacheable compilations": stats.nonCacheableCompilations = int
        case "Non-cacheable calls": stats.requestsNotCacheable = int
        case "Non-compilation calls": stats.requestsNotCompile = int
        case "Unsupported compiler calls": stats.requestsUnsupportedCompiler = int
        case "Average cache write": stats.averageCacheWrite = seconds(value)
        case "Average compiler": stats.averageCompile = seconds(value)
        case "Average cache read hit": stats.averageCacheReadHit = seconds(value)
        case "Cache location": stats.cacheLocation = SecretMask.text(value)
        case "Version (client)": stats.version = value
        case "Cache size": stats.cacheSize = ByteSize.parse(value)
        case "Max cache size": stats.maxCacheSize = ByteSize.parse(value)
        case "Failed distributed compilations":
            // Printed by every version with a farm's counters; its per-server section only when it is not empty.
            stats.distErrors = int
            stats.distCompiles = stats.distCompiles ?? [:]
        case "Cache hits rate", "Use direct/preprocessor mode?",
            "Base directories", "Cache writes", "Multi-level cache levels":
            return true
        default:
            return false
        }
        return true
    }

    /// "  L1 (redis) hits   13", and "  L1 (redis)   redis, name: …" under the cache location.
    private static func applyLevel(name: String, field: String, value: String, to stats: inout SccacheStats) -> Bool {
        var levels = stats.levels ?? []
        var index = levels.firstIndex { $0.name == name }
        if index == nil {
            levels.append(CacheLevelStats(name: name))
            index = levels.count - 1
        }
        guard let i = index else { return false }
        switch field {
        case "": levels[i].location = SecretMask.text(value)
        case "hits": levels[i].hits = count(value)
        case "misses": levels[i].misses = count(value)
        case "writes": levels[i].writes = count(value)
        case "write failures": levels[i].writeFailures = count(value)
        case "backfills from": levels[i].backfillsFrom = count(value)
        case "backfills to": levels[i].backfillsTo = count(value)
        case "avg cache write": levels[i].averageWrite = seconds(value)
        case "avg cache read hit": levels[i].averageHit = seconds(value)
        case "hit rate": break
        default: return false
        }
        stats.levels = levels
        return true
    }

    /// "Cache hits (Rust)" → ("Cache hits", "Rust"); rates per language are ignored (computed instead).
    private static func languageSuffix(_ label: String) -> (String, String)? {
        guard label.hasSuffix(")"), let open = label.lastIndex(of: "(") else { return nil }
        let base = String(label[..<open]).trimmingSpaces
        let language = String(label[label.index(after: open)..<label.index(before: label.endIndex)])
        guard ["Cache hits", "Cache misses", "Cache errors"].contains(base) else { return nil }
        return (base, language)
    }

    private static func seconds(_ value: String) -> Double? {
        let number = value.hasSuffix(" s") ? String(value.dropLast(2)) : value
        return Double(number.trimmingSpaces)
    }
}
