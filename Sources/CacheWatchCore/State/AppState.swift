/// The whole dashboard's state: changed only by `update` (every stored property's setter is internal), drawn
/// only by `DashboardView`. Key handling is in `AppState+Keys`, the life of a run in `AppState+Run`.
public struct AppState: Sendable {
    public internal(set) var session: SessionInfo
    public internal(set) var width = 0
    public internal(set) var height = 0
    /// The clock of the last event (monotonic seconds).
    public internal(set) var now = 0.0
    /// The wall clock when the session began (seconds since 1970).
    public internal(set) var startedWallClock = 0.0
    public internal(set) var phase = BuildPhase.idle
    public internal(set) var log: LogPaneState
    public internal(set) var stats = StatsPanelState()
    public internal(set) var disk: DiskPanelState
    public internal(set) var notice: Notice?
    public internal(set) var showHelp = false
    /// This run's full log file, for the status bar.
    public internal(set) var logFile: String?
    /// Why the log file is incomplete (a full disk), if it is.
    public internal(set) var logFileProblem: String?
    /// What became of this run's JSON report.
    public internal(set) var report: ReportStatus?
    /// The number of the run under way or last ended in this session, from 1 (the log's separators say it).
    public internal(set) var runNumber = 0
    /// The number of the start asked for and not answered yet (its build started, failed to start, or was stopped).
    var startAsked: Int?
    /// When the session's own work at launch is due (the first disk scan, the previous run from the history), unless
    /// the first build got going or failed first: until then it would take the CPU from the build's start.
    var launchWorkDue: Double?
    /// A first build's preparation that takes longer than this (a pull) does not hold the launch work back.
    static let launchWorkDelay = 0.5
    public var keymap = Keymap.standard
    /// The per-crate table.
    public internal(set) var crates = CratesPaneState()
    /// The pane the scrolling keys act on (Tab switches).
    public internal(set) var focus = Focus.log
    /// The last finished run, to compare the current one with.
    @Boxed public internal(set) var previous: RunRecord? = nil
    /// `--compare`: the runs measured against each other, and the result once made.
    public internal(set) var comparison: Comparison?
    /// Why cache reads and writes failed, from sccache's server log.
    public internal(set) var cacheProblems = CacheProblemLog()
    /// The run under way or last ended: its identity and start.
    public internal(set) var run: RunStart?
    /// sccache's final JSON of this run, as it printed it.
    public internal(set) var finalStatsJSON: String?
    /// The record of the last run that ended.
    @Boxed public internal(set) var lastRecord: RunRecord? = nil
    /// A chown asked for and not yet ended (one at a time).
    public internal(set) var chownRunning = false
    /// The running build's periodic work (stats, disk, exit), its periods settable.
    public var schedule = RunSchedule()
    /// The size the build's terminal was last given (the log pane's).
    public internal(set) var ptySize: PTYSize?
    /// Effects that state changes ask for on the way (a notice's expiry), returned with the event's own.
    var pendingEffects: [Effect] = []
    /// Where the replay is, when this state is a replay's.
    public internal(set) var replay: ReplayPosition?
    /// What the dashboard waits on, for the status bar: the run's preparation, else a chown.
    public var working: String? { phase.preparation?.label ?? (chownRunning ? "chown running" : nil) }
    /// The live samples of the run under way (the record's timeline).
    public internal(set) var timeline: [StatsPoint] = []
    /// The average compile time of the last run that compiled something (this session's, else the history's):
    /// what an all-hit run's saved time is estimated with.
    public var knownAverageCompile: Double? {
        if let own = stats.stats, (own.compilations ?? 0) > 0, let average = own.averageCompile { return average }
        return lastAverageCompile
    }
    /// The last average compile time seen in a run's final statistics or the history.
    public internal(set) var lastAverageCompile: Double?
    /// The history view, when it is open (nil: the build's dashboard).
    @Boxed public internal(set) var history: HistoryBrowser? = nil
    /// Watch mode; nil where it is not available.
    public internal(set) var watch: WatchState?
    /// Whether the terminal has the focus, as its focus reports say (true until one says otherwise).
    public internal(set) var focused = true
    /// Whether the running build's misses are explained as they finish (not headless, where only the end prints).
    public private(set) var explainsLive = true
    /// The build farm sccache's client is set up for; nil without one.
    public internal(set) var farm: FarmState?

    /// `echo`: the log pane hands its finished lines to `takeEchoed()` (headless mode).
    public init(
        session: SessionInfo, cacheLimit: Int64?, scrollback: Int = 100_000, ownerName: String = "you", echo: Bool = false
    ) {
        self.session = session
        if session.compare == true { comparison = Comparison() }
        watch = session.watch.map(WatchState.init)
        log = LogPaneState(capacity: scrollback, echo: echo)
        schedule.watchesDisk = !echo  // headless: the disk is told at the end only
        explainsLive = !echo
        farm = session.dist.map(FarmState.init)
        schedule.watchesFarm = farm != nil
        disk = DiskPanelState(cacheLimit: cacheLimit, ownerName: ownerName)
    }

    /// The build's log lines finished since the last call, when the state echoes them (headless mode).
    public mutating func takeEchoed() -> [LogLine] { log.takeEchoed() }

    /// The search being typed after `/`; nil when not typing.
    public var prompt: String? { log.prompt }
    /// The line of the last search match or error jumped to.
    public var cursorLine: Int? { log.cursorLine }

    /// The layout for the current size and focus (the stats panel's height does not matter here).
    public var layout: Layout { Layout(width: width, height: height, focus: focus) }

    /// Rows of log text visible in the current layout.
    public var logViewportHeight: Int {
        max(1, layout.logContent.height)
    }

    /// Columns of log text visible in the current layout.
    public var logViewportWidth: Int {
        max(1, layout.logContent.width)
    }

    /// The cache's size limit: sccache's own figure when it reports one (its config file may differ from ours).
    public var cacheLimit: Int64? {
        if let reported = stats.stats?.maxCacheSize, reported > 0 { return reported }
        return disk.cacheLimit
    }

    /// Rows of the crate table visible (its header row excluded).
    public var cratesViewportHeight: Int {
        max(1, layout.crates.height - 3)
    }

    /// How often the status bar's clock moves while a build runs.
    static let runningTick = 0.1

    /// What a tick can change on screen: the status bar's clock as it reads, or nil while something drawn moves
    /// with every tick (the timeline's running bars grow to now). The dashboard draws a tick only when it changed.
    public var tickFace: String? {
        if crates.timeline { return nil }
        switch phase {
        case .running(let started), .stopping(let started): return Durations.format(now - started)
        default: return ""
        }
    }

    /// Shows a notice in the status bar; it expires `ttl` seconds from now (the event clock).
    mutating func show(_ shown: Notice) {
        var shown = shown
        shown.expiresAt = shown.ttl.map { now + $0 }
        notice = shown
        if let ttl = shown.ttl { pendingEffects.append(.schedule(after: ttl)) }
    }

    /// Applies one event; returns what the edges must do.
    public mutating func update(_ event: Event) -> [Effect] {
        let effects = apply(event)
        guard !pendingEffects.isEmpty else { return effects }
        defer { pendingEffects.removeAll() }
        return effects + pendingEffects
    }

    private mutating func apply(_ event: Event) -> [Effect] {
        switch event {
        case .appStarted(let wallClock, let t):
            startedWallClock = wallClock
            now = t
            launchWorkDue = t + Self.launchWorkDelay
            return [startRun(wrapped: comparison == nil), .schedule(after: Self.launchWorkDelay)]
                + (watch?.enabled == true ? [.watch(true)] : [])
        case .banner(let text):
            log.appendNote(LogLine(text, style: TextStyle(dim: true)))
        case .key(let key):
            return handle(key, viewer: false)
        case .viewerKey(let key):
            return handle(key, viewer: true)
        case .paste(let text):
            pasted(text)
        case .resize(let w, let h):
            width = w
            height = h
            return resizedPTY()
        case .tick(let t):
            now = t
            if let expiry = notice?.expiresAt, expiry <= t { notice = nil }
            var next: [Double] = []
            var due: [Effect] = []
            if phase.isActive {
                due = schedule.due(at: t)
                next.append(Self.runningTick)
            }
            if let expiry = notice?.expiresAt { next.append(max(0.01, expiry - t)) }
            let (rerun, watchNext) = watchTick(at: t)
            if let watchNext { next.append(watchNext) }
            if let launch = launchWorkDue {
                if launch <= t { due += launchWork(scan: true) } else { next.append(launch - t) }
            }
            return due + rerun + (next.min().map { [.schedule(after: $0)] } ?? [])
        case .buildStarted(let t, let run):
            return started(at: t, run: run)
        case .output(let bytes):
            log.ingest(bytes)
        case .buildExited(let status, let t, let stopped):
            return exited(status, at: t, stopped: stopped)
        case .runFinished(let final):
            return finished(final)
        case .buildEnded(let status, let t, let stopped):
            return ended(status, at: t, stopped: stopped)
        case .startFailed(let failure, let t, let run):
            return failedToStart(failure.message, at: t, run: run)
        case .buildFailedToStart(let message, let t, let run):
            return failedToStart(message, at: t, run: run)
        case .buildStoppedBeforeStart(let t, let run):
            return failedToStart("stopped before the build started", at: t, run: run, stopped: true)
        case .stats(let sample, let final, let json):
            received(sample, final: final, json: json)
        case .statsUnavailable(let problem):
            stats.problem = problem.message
        case .runDiagnosed(let diagnosis):
            stats.problem = diagnosis.message
        case .zeroed(let result):
            show(result.notice)
        case .statsZeroed(let failure):
            show((failure.map { ZeroResult.failed(cause: $0) } ?? .zeroed).notice)
        case .chowned(let result):
            chownRunning = false
            show(Notice(result.summary, level: result.failed ? .warning : .info, ttl: 8))
        case .diskScanned(let usage):
            disk.record(usage)
        case .workCost(let work, let seconds):
            schedule.costs[work] = seconds
        case .logFile(let path):
            logFile = path
        case .logFileProblem(let reason):
            logFileProblem = reason
            show(Notice("The log file is incomplete: \(reason)", level: .warning, ttl: 8))
        case .finalReport(let text):
            foldFinalReport(text)
        case .report(let status):
            report = status
            if case .failed(let why) = status { show(Notice(why, level: .error, ttl: 8)) }
        case .serverLog(let lines):
            crates.feed(lines)
            cacheProblems.feed(lines)
            // Misses explained as they finish, while the build runs (the whole run again when it ends); headless,
            // nothing shows them before the end.
            if phase.isActive, explainsLive, let run, let pending = crates.takeUnexplained() {
                return [.explainLive(run.id, pending)]
            }
        case .farmSampled(let sample):
            farm?.record(sample)
        case .causesFound(let id, let causes):
            if run?.id == id { crates.explain(causes) }
        case .notice(let n):
            show(n)
        case .replayPosition(let position):
            replay = position
        case .working(let what):
            if case .preparing(_, let after) = phase {
                phase = .preparing(what, after: after)
            } else if what != nil {
                phase.prepare(what)  // a recording made before starts were a phase says so only here
            }
        case .previousRun(let record, let averageCompile):
            // Only when this session has no run of its own to compare with yet.
            if previous == nil, let record, record.comparable { previous = record }
            if lastAverageCompile == nil { lastAverageCompile = averageCompile }
        case .runKept(let record):
            guard lastRecord?.id == record.id else { return [.writeReport(record)] }
            lastRecord = record
            if run?.id == record.id { crates.explain(record.compiles) }
            if case .why(let shown) = history?.opened, shown.id == record.id { history?.open(.why(record)) }
            return [.writeReport(record)]
        case .historyLoaded(let page):
            history?.load(page)
            if let note = page.note { show(Notice(note, level: .warning, ttl: 8)) }
        case .historyRuns(let runs):
            guard history?.opening == true else { break }
            history?.open(runs)
        case .focus(let on):
            focused = on
        case .filesChanged(let paths, let t):
            return filesChanged(paths, at: t)
        case .watching(let method, let polling):
            watch?.watching(method)
            log.appendNote(LogLine("cachewatch: watch: \(method)", style: TextStyle(dim: true)))
            if polling { show(Notice("Watch: \(method)", level: .warning, ttl: 8)) }
        }
        return []
    }

    /// The build's terminal follows the log pane's size (at least 40×10, as cargo's progress bar needs).
    mutating func resizedPTY() -> [Effect] {
        let content = layout.logContent
        let size = PTYSize(rows: max(10, content.height), columns: max(40, content.width))
        guard size != ptySize, width > 0, height > 0 else { return [] }
        ptySize = size
        return [.resizePTY(rows: size.rows, columns: size.columns)]
    }
}
