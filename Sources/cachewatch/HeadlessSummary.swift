import CacheWatchCore

/// The few lines printed after a headless build (stdout), and the problems (stderr): a log file that is
/// incomplete, a report that was not written. It never claims a file that was not written.
struct HeadlessSummary {
    let lines: [String]
    let problems: [String]

    init(state: AppState, outcome: BuildOutcome) {
        var lines: [String] = []
        var problems: [String] = []
        let time = Durations.format(outcome.duration)
        let verdict: String
        if outcome.stopped {
            verdict = "stopped after \(time)"
        } else if outcome.succeeded {
            verdict = "succeeded in \(time)"
        } else {
            verdict = "failed with exit \(outcome.status.code) after \(time)"
        }
        lines.append("build \(verdict) (\(state.session.engine) engine)")
        if let s = state.stats.stats {
            lines.append(
                "sccache: \(s.hits.total ?? 0) hits, \(s.misses.total ?? 0) misses, hit rate "
                    + "\(Durations.percent(s.hitRate)), \(s.requestsNotCacheable ?? 0) not cacheable, "
                    + "\(s.cacheErrors.total ?? 0) cache errors, \(s.compileFailures ?? 0) compile failures")
        } else {
            lines.append("sccache: no statistics were received")
        }
        if let problem = state.stats.problem { lines.append(problem) }
        if let s = state.stats.stats {
            lines += CacheWarnings.failures(s, problems: state.cacheProblems, cacheFree: state.disk.cacheFree).map {
                "warning: " + $0
            }
        }
        if let usage = state.disk.usage {
            let parts = usage.directories.map { directory in
                guard directory.exists else {
                    return "\(directory.name) \(state.disk.seen.contains(directory.path) ? "deleted" : "absent")"
                }
                let unread = directory.unreadable > 0 ? " (at least; \(directory.unreadable) directories unreadable)" : ""
                return "\(directory.name) \(ByteSize.format(directory.bytes))\(unread)"
            }
            lines.append("disk: " + parts.joined(separator: ", "))
        }
        if let file = state.logFile {
            if let why = state.logFileProblem {
                problems.append("the log file \(file) is incomplete: \(why)")
            } else {
                lines.append("full log in \(file)")
            }
        } else if let why = state.logFileProblem {
            problems.append("no log file was written: \(why)")
        }
        switch state.report {
        case .written(let path): lines.append("report written to \(path)")
        case .failed(let why): problems.append(why)
        case .ready, nil: break
        }
        self.lines = lines
        self.problems = problems
    }
}
