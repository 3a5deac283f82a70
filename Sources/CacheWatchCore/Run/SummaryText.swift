/// The lines printed after a headless build (stdout) and its problems (stderr), from the run's record: a log
/// file that is incomplete, a report that was not written. It never claims a file that was not written.
public struct SummaryText: Hashable, Sendable {
    public let lines: [String]
    public let problems: [String]

    /// - Parameters:
    ///   - statsProblem: why sccache's numbers are missing or stale, if they are.
    ///   - deleted: directories seen earlier that are gone now.
    ///   - inHistory: whether the run was kept in the history (a failure was said as a notice).
    public init(
        record: RunRecord, statsProblem: String? = nil, logFileProblem: String? = nil, report: ReportStatus? = nil,
        deleted: Set<String> = [], inHistory: Bool = true
    ) {
        var lines = ["build \(RunVerdict.text(record.outcome, duration: record.duration)) (\(record.engine) engine)"]
        var problems: [String] = []
        if let s = record.stats {
            lines.append(
                "sccache\(s.version.map { " " + $0 } ?? ""): \(s.hits.total ?? 0) hits, \(s.misses.total ?? 0) misses, hit rate "
                    + "\(Durations.percent(s.hitRate)), \(s.requestsNotCacheable ?? 0) not cacheable, "
                    + "\(s.cacheErrors.total ?? 0) cache errors, \(s.compileFailures ?? 0) compile failures")
            if let levels = s.levels, !levels.isEmpty {
                let parts = levels.map { level -> String in
                    var text =
                        "\(level.shortName) \(level.hits ?? 0) hits, \(level.misses ?? 0) misses, \(level.writes ?? 0) writes"
                    if let n = level.backfillsTo, n > 0 { text += ", \(n) backfilled in" }
                    if let n = level.backfillsFrom, n > 0 { text += ", \(n) backfilled out" }
                    if let n = level.writeFailures, n > 0 { text += ", \(n) write failures" }
                    return text
                }
                lines.append("levels: " + parts.joined(separator: "; "))
            } else if let cache = record.cache, cache.isRemoteOnly {
                lines.append("cache: \(cache.summary)" + ((s.hits.total ?? 0) > 0 ? "; every hit came from it" : ""))
            }
        } else if case .ended = record.outcome {
            lines.append("sccache: no statistics were received")
        }
        if let statsProblem { lines.append(statsProblem) }
        if let farm = record.farm {
            let servers = farm.servers.map { "\($0.server) \($0.compiles)" }.joined(separator: ", ")
            // A client that was not connected is among the record's warnings (`FarmProblem`), printed below.
            lines.append("dist: " + farm.summary + (servers.isEmpty ? "" : " (\(servers))"))
            if !farm.fallbackReasons.isEmpty { lines.append("dist: fell back: " + farm.reasonsText) }
        }
        lines += record.warnings.map { "warning: " + $0.message }
        if let usage = record.disk {
            let parts = usage.directories.map { directory in
                guard directory.exists else {
                    return "\(directory.name) \(deleted.contains(directory.path) ? "deleted" : "absent")"
                }
                let unread = directory.unreadable > 0 ? " (at least; \(directory.unreadable) directories unreadable)" : ""
                return "\(directory.name) \(ByteSize.format(directory.bytes))\(unread)"
            }
            lines.append("disk: " + parts.joined(separator: ", "))
        }
        if let file = record.logFile {
            if let why = logFileProblem {
                problems.append("the log file \(file) is incomplete: \(why)")
            } else {
                lines.append("full log in \(file)")
            }
        } else if let why = logFileProblem {
            problems.append("no log file was written: \(why)")
        }
        lines += WhyText.summary(record)
        if inHistory { lines.append("kept in the history: cachewatch history show \(record.id.value)") }
        switch report {
        case .written(let path): lines.append("report written to \(path)")
        case .failed(let why): problems.append(why)
        case .ready, nil: break
        }
        self.lines = lines
        self.problems = problems
    }
}
