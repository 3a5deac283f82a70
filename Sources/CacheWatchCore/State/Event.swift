/// Everything that happens to the dashboard, as input to `AppState.update`.
public enum Event: Sendable {
    case key(Key)
    /// Text pasted into the terminal (bracketed paste): text, never keys.
    case paste(String)
    case resize(width: Int, height: Int)
    /// The clock moved on (monotonic seconds).
    case tick(now: Double)
    case buildStarted(now: Double)
    case output([UInt8])
    case buildEnded(ExitStatus, now: Double, stopped: Bool)
    /// The build could not start (the message says why).
    case buildFailedToStart(String, now: Double)
    /// A stats sample; `final` for the numbers taken after the build ended.
    case stats(SccacheStats, final: Bool)
    case statsUnavailable(String)
    case diskScanned(DiskUsage)
    /// New lines of sccache's server log (SCCACHE_LOG=debug), for the per-crate table.
    case serverLog([String])
    /// Where this run's full log is being written.
    case logFile(String)
    /// The log file stopped being written (a full disk): it is incomplete, for the reason given.
    case logFileProblem(String)
    /// sccache's final text report (secrets masked): the log pane folds it into one line.
    case finalReport(String)
    /// What became of the run's JSON report.
    case report(ReportStatus)
    case notice(Notice)
}

/// What became of a run's JSON report (`--report`).
public enum ReportStatus: Hashable, Sendable {
    /// Written whole to this file.
    case written(String)
    /// Ready for stdout (`--report -`), printed when cachewatch exits.
    case ready
    /// Not written, and why.
    case failed(String)
}

/// What `AppState.update` asks the edges to do.
public enum Effect: Hashable, Sendable {
    /// Start the build, stopping a running one first.
    case startBuild
    case stopBuild
    /// Zero the statistics of the running sccache server.
    case zeroStats
    case chown
    case scanDisk
    case quit
    /// Give the terminal back to the shell and stop until continued (Ctrl-Z).
    case suspend
}
