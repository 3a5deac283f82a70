/// Everything that happens to the dashboard, as input to `AppState.update`: the one stream that a session
/// recording writes and a replay feeds again. Every event is data (`Codable`) and carries the times it needs.
public enum Event: Hashable, Codable, Sendable {
    /// The session began (the first event): the wall clock, and the monotonic clock of every later event.
    case appStarted(wallClock: Double, now: Double)
    /// A note of the dashboard's own for the log (why the demo runs natively, which image it uses).
    case banner(String)
    /// A key pressed in the dashboard.
    case key(Key)
    /// A key pressed while watching a replay: viewing keys act; build keys say they are not available.
    case viewerKey(Key)
    /// Text pasted into the terminal (bracketed paste): text, never keys.
    case paste(String)
    /// The terminal's new size.
    case resize(width: Int, height: Int)
    /// The clock moved on (monotonic seconds), as `Effect.schedule` asked.
    case tick(now: Double)
    /// A build started; `run` says which.
    indirect case buildStarted(now: Double, run: RunStart = .unnamed)
    /// Bytes the build wrote to its terminal, as they came.
    case output([UInt8])
    /// The build's process exited (the time of its exit: the build's time ends there), stopped by the user or
    /// quitting when `stopped`; the run finishes next (`Effect.finishRun`).
    indirect case buildExited(ExitStatus, now: Double, stopped: Bool)
    /// What the run's end gathered (as `Effect.finishRun` asked): Core chooses the final numbers, and the run ends.
    indirect case runFinished(RunFinal)
    /// The build ended in one step, its final numbers sent before as `stats(final: true)`, `finalReport` and
    /// `runDiagnosed`: how recordings made before `buildExited` tell a run's end (replays still read them).
    indirect case buildEnded(ExitStatus, now: Double, stopped: Bool)
    /// The build could not start, for the reason given; `run` names the attempt when it got that far (its run
    /// directory could be made).
    indirect case startFailed(StartFailure, now: Double, run: RunStart? = nil)
    /// A failed start as worded before `startFailed` (recordings made before it; `run` optional there too).
    indirect case buildFailedToStart(String, now: Double, run: RunStart? = nil)
    /// The build was stopped (by the user, quitting or a signal) while it was being prepared (an image pull, sccache's
    /// server start): kept as stopped, with what it had.
    indirect case buildStoppedBeforeStart(now: Double, run: RunStart)
    /// A stats sample; `final` for the numbers taken after the build ended, with sccache's JSON as printed.
    indirect case stats(SccacheStats, final: Bool, json: String? = nil)
    /// Why sccache's numbers are missing or stale.
    indirect case statsUnavailable(StatsProblem)
    /// The run ended without sccache's final numbers, for the reason given (recordings before `runFinished`).
    indirect case runDiagnosed(EndDiagnosis)
    /// What zeroing sccache's statistics (as `Effect.zeroStats` asked) came to.
    case zeroed(ZeroResult)
    /// The same, as worded before `zeroed` (recordings made before it).
    case statsZeroed(failure: String?)
    /// A chown (as `Effect.chown` asked) ended.
    indirect case chowned(ChownResult)
    /// A scan of the mounted cache directories.
    indirect case diskScanned(DiskUsage)
    /// The CPU seconds one periodic work took (a stats sample with its sccache client, a disk scan): the schedule
    /// spaces the next ones by it.
    case workCost(RunSchedule.Work, seconds: Double)
    /// New lines of sccache's server log (SCCACHE_LOG=debug), for the per-crate table.
    case serverLog([String])
    /// The build farm, as `Effect.sampleFarm` found it.
    indirect case farmSampled(FarmSample)
    /// Where this run's full log is being written.
    case logFile(String)
    /// The log file stopped being written (a full disk): it is incomplete, for the reason given.
    case logFileProblem(String)
    /// sccache's final text report (secrets masked), as recordings before `runFinished` carry it.
    case finalReport(String)
    /// What became of the run's JSON report.
    indirect case report(ReportStatus)
    /// A message for the status bar (its `ttl` counts from when it arrives).
    indirect case notice(Notice)
    /// Where a replay is (only a replay sends it; never recorded).
    indirect case replayPosition(ReplayPosition)
    /// What the dashboard is waiting on before the build can start or while it stops ("pulling clux/muslrust"),
    /// or nil when it waits on nothing.
    indirect case working(Preparation?)
    /// The last finished run of the same project, engine, image and command, from the history: what "vs last run"
    /// compares with, from the first build on; and the average compile time of the last such run that compiled
    /// something (what an all-hit run's saved time is estimated with).
    indirect case previousRun(RunRecord?, averageCompile: Double?)
    /// A run that ended, with what went into its keys and why each compile missed (as `Effect.persist` asked;
    /// also when no history could be kept).
    indirect case runKept(RunRecord)
    /// Causes of misses found while the run goes on (as `Effect.explainLive` asked), by compile (arrival order).
    indirect case causesFound(RunID, [Int: MissCause])
    /// The history view's runs (as `Effect.loadHistory` asked).
    indirect case historyLoaded(HistoryPage)
    /// Whole runs for the history's detail or diff (as `Effect.loadRun` or `.loadDiff` asked).
    indirect case historyRuns(HistoryRuns)
    /// The terminal gained (true) or lost the focus (its focus reports).
    case focus(Bool)
    /// Files of the project changed (paths relative to it), as the watcher saw them (watch mode).
    case filesChanged([String], now: Double)
    /// How the watcher watches ("inotify: 14 directories"), or why it polls (`polling` true).
    case watching(String, polling: Bool)
}
