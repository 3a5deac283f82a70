/// Cache failures worth a warning, worded with their cause: sccache only counts them, and a build whose cache
/// writes all failed (a full disk, a read-only or deleted cache directory) still "succeeds".
public enum CacheWarnings {
    /// - Parameter cacheFree: bytes free where the cache lives: when sccache could not even log why its writes
    ///   failed (the log shares the full disk), a full disk is the cause to name.
    public static func failures(_ stats: SccacheStats, problems: CacheProblemLog, cacheFree: Int64? = nil) -> [String] {
        var result: [String] = []
        if let writes = stats.cacheWriteErrors, writes > 0 {
            var cause = problems.writeCause.map { ": \($0)" } ?? " (sccache's log gave no cause)"
            if problems.writeCause == nil, let free = cacheFree, free < 1 << 20 {
                cause = ": the disk holding the cache is full (\(ByteSize.format(free)) free)"
            }
            result.append("\(writes) cache \(writes == 1 ? "write" : "writes") failed\(cause)")
        }
        let logged = problems.readCauses.reduce(0) { $0 + $1.count }
        let reads = max(stats.cacheReadErrors ?? 0, logged)
        if reads > 0 {
            let cause = problems.readCause.map { ": \($0)" } ?? ""
            result.append("\(reads) cache \(reads == 1 ? "read" : "reads") failed\(cause) (compiled instead)")
        }
        if let timeouts = stats.cacheTimeouts, timeouts > 0 {
            result.append("\(timeouts) cache \(timeouts == 1 ? "lookup" : "lookups") timed out (compiled instead)")
        }
        return result
    }
}
