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
    case notice(Notice)
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
