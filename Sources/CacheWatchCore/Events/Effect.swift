/// What `AppState.update` asks the edges to do: data, so a replay can show them without doing them.
public enum Effect: Hashable, Codable, Sendable {
    /// Start the build, stopping a running one first (and replacing a start still being prepared).
    case startBuild(RunRequest)
    /// Stop the running build.
    case stopBuild
    /// Zero the statistics of the running sccache server.
    case zeroStats
    /// Give the mounted directories to the owner (`c`).
    case chown
    /// Sample sccache's numbers and the new lines of its server log (answered by `Event.stats`, `Event.serverLog` or
    /// `Event.statsUnavailable`), read as `Sampling` says; one sample at a time, a request while one is under way is
    /// dropped.
    case sampleStats(RunSchedule.Sampling)
    /// Look at the build farm (answered by `Event.farmSampled`): the scheduler's status endpoint, and with `client`
    /// the run's sccache client too (`--dist-status`: whether it is connected at all). One at a time, as samples are.
    case sampleFarm(client: Bool)
    /// See whether the build's process has exited (answered by `Event.buildExited` when it has).
    case checkExit
    /// The build's process exited: gather sccache's final numbers and report and scan the disk once more (answered
    /// by `Event.diskScanned`, then `Event.runFinished`).
    case finishRun
    /// Append this to that run's log file (sccache's final report, why the numbers are not its own).
    indirect case noteInLogFile(String, run: RunID)
    /// Scan the mounted directories now (a result comes back as `Event.diskScanned`).
    case scanDisk(ScanReason)
    /// Read the last finished run like this session's and its average compile (answered by `Event.previousRun`).
    case loadPrevious
    /// Tell the build's terminal its new size (the log pane's).
    case resizePTY(rows: Int, columns: Int)
    /// Send an `Event.tick` after this many seconds (the earliest request wins).
    case schedule(after: Double)
    /// A run began: note it in the history (a run that never ends, its dashboard killed, reads "interrupted").
    indirect case runBegan(RunStart)
    /// A run ended: read what went into its compiles' keys, explain its misses against the history, keep it
    /// (answered by `Event.runKept`).
    indirect case persist(RunRecord)
    /// Explain the misses of the running build that finished since the last time (answered by `Event.causesFound`):
    /// the run's compiles so far, for the cascade.
    indirect case explainLive(RunID, [CrateResult])
    /// Write the run's report (the outcome comes back as `Event.report`).
    indirect case writeReport(RunRecord)
    /// Read the history view's runs (answered by `Event.historyLoaded`).
    case loadHistory
    /// Read one whole run and the one before it (answered by `Event.historyRuns`).
    case loadRun(RunID)
    /// Read two whole runs to compare (answered by `Event.historyRuns`).
    case loadDiff(RunID, RunID)
    /// Read one whole run to show why it missed (answered by `Event.historyRuns`).
    case loadWhy(RunID)
    /// Ring the terminal's bell and set its title to this (a build ended: the finished-build notice).
    case announce(title: String)
    /// Start (true) or stop watching the project's files (watch mode; changes come back as `Event.filesChanged`).
    case watch(Bool)
    /// End the dashboard.
    case quit
    /// Give the terminal back to the shell and stop until continued (Ctrl-Z).
    case suspend

    /// The start this effect asks for, when it is one.
    public var start: RunRequest? {
        if case .startBuild(let request) = self { return request }
        return nil
    }
}
