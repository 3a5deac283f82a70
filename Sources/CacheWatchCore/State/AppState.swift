/// The whole dashboard's state; changed only by `update`, drawn only by `DashboardView`.
public struct AppState: Sendable {
    public var session: SessionInfo
    public var width = 0
    public var height = 0
    public var now = 0.0
    public var phase = BuildPhase.idle
    public var log: LogPaneState
    public var stats = StatsPanelState()
    public var disk: DiskPanelState
    public var notice: Notice?
    public var showHelp = false
    /// The search being typed after `/`; nil when not typing.
    public var prompt: String?
    /// The line of the last search match or error jumped to.
    public var cursorLine: Int?
    /// This run's full log file, for the status bar.
    public var logFile: String?
    /// Why the log file is incomplete (a full disk), if it is.
    public var logFileProblem: String?
    /// What became of this run's JSON report.
    public var report: ReportStatus?
    /// Builds started in this session, to number the log's separators.
    public var runCount = 0
    public var keymap = Keymap.standard
    /// The per-crate table.
    public var crates = CratesPaneState()
    /// The pane the scrolling keys act on (Tab switches).
    public var focus = Focus.log
    /// The last finished run, to compare the current one with.
    public var previous: RunSummary?
    /// Why cache reads and writes failed, from sccache's server log.
    public var cacheProblems = CacheProblemLog()

    public init(session: SessionInfo, cacheLimit: Int64?, scrollback: Int = 100_000, ownerName: String = "you") {
        self.session = session
        log = LogPaneState(capacity: scrollback)
        disk = DiskPanelState(cacheLimit: cacheLimit, ownerName: ownerName)
    }

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

    /// Applies one event; returns what the edges must do.
    public mutating func update(_ event: Event) -> [Effect] {
        switch event {
        case .key(let key):
            return handle(key)
        case .paste(let text):
            pasted(text)
        case .resize(let w, let h):
            width = w
            height = h
        case .tick(let t):
            now = t
            if let expiry = notice?.expiresAt, expiry <= t { notice = nil }
        case .buildStarted(let t):
            now = t
            runCount += 1
            if case .finished(let outcome) = phase, let final = stats.stats, stats.source == .final {
                previous = RunSummary(stats: final, duration: outcome.duration, crates: crates.parser.results)
            }
            let explain = stats.explain
            phase = .running(startedAt: t)
            stats = StatsPanelState()
            stats.explain = explain
            log.resetCounts()
            crates.reset()
            cacheProblems = CacheProblemLog()
            logFileProblem = nil
            report = nil
            log.appendNote(LogLine("── run \(runCount): \(session.command) ──", style: TextStyle(dim: true)))
            return [.scanDisk]
        case .output(let bytes):
            log.ingest(bytes)
        case .buildEnded(let status, let t, let stopped):
            now = t
            let started: Double
            switch phase {
            case .running(let s), .stopping(let s): started = s
            default: started = t
            }
            log.endStream()
            crates.buildEnded()
            phase = .finished(BuildOutcome(status: status, duration: max(0, t - started), stopped: stopped))
            return [.scanDisk]
        case .buildFailedToStart(let message, let t):
            now = t
            log.appendNote(LogLine("cachewatch: \(message)", style: TextStyle(foreground: .palette(1), bold: true)))
            phase = .finished(BuildOutcome(status: .exited(127), duration: 0, stopped: false))
            notice = Notice(message, level: .error)
        case .stats(let sample, let final):
            if stats.source == .final && !final { break }
            stats.record(sample, final: final)
            if stats.lostStats && !crates.serverRestarted { crates.noteServerRestart() }
        case .statsUnavailable(let message):
            stats.problem = message
        case .diskScanned(let usage):
            disk.record(usage)
        case .logFile(let path):
            logFile = path
        case .logFileProblem(let reason):
            logFileProblem = reason
            notice = Notice("The log file is incomplete: \(reason)", level: .warning, expiresAt: now + 8)
        case .finalReport(let text):
            log.appendFold(
                title: "sccache's final report",
                lines: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
                key: keymap.label(for: .toggleFolds))
        case .report(let status):
            report = status
            if case .failed(let why) = status { notice = Notice(why, level: .error, expiresAt: now + 8) }
        case .serverLog(let lines):
            crates.feed(lines)
            cacheProblems.feed(lines)
        case .notice(let n):
            notice = n
        }
        return []
    }

    private mutating func handle(_ key: Key) -> [Effect] {
        if prompt != nil { return editPrompt(key) }
        if showHelp {
            // Any key closes the help; its own action still runs unless it was `?` or Esc.
            showHelp = false
            if key == .escape || keymap.action(for: key) == .toggleHelp { return [] }
        }
        guard let action = keymap.action(for: key) else { return [] }
        return perform(action)
    }

    /// Pasted text goes into the search being typed (one line: line breaks become spaces); elsewhere it is
    /// ignored, so a paste can never act as keys.
    private mutating func pasted(_ text: String) {
        guard prompt != nil else {
            notice = Notice("Pasted text ignored: the dashboard takes keys (/ starts a search)", expiresAt: now + 4)
            return
        }
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" || scalar == "\t" {
                if prompt?.last != " " { prompt?.append(" ") }
            } else if scalar.value >= 0x20 && !(0x7F...0x9F).contains(scalar.value) {
                prompt?.unicodeScalars.append(scalar)
            }
        }
        if let text = prompt, text.count > 200 { prompt = String(text.prefix(200)) }
    }

    /// Typing a search: characters edit it, Enter searches, Esc or Ctrl-C cancels.
    private mutating func editPrompt(_ key: Key) -> [Effect] {
        switch key {
        case .character(let c):
            prompt?.append(c)
        case .backspace:
            if prompt?.isEmpty == false { prompt?.removeLast() }
        case .escape, .control("c"):
            prompt = nil
        case .enter:
            let text = prompt ?? ""
            prompt = nil
            log.setQuery(text)
            if log.query != nil { jumpToMatch(forward: true, from: log.firstVisible(height: logViewportHeight) - 1) }
        default:
            break
        }
        return []
    }

    private mutating func jumpToMatch(forward: Bool, from: Int? = nil) {
        guard log.query != nil else {
            notice = Notice("No search yet: press / to search", expiresAt: now + 3)
            return
        }
        let start = from ?? cursorLine ?? log.firstVisible(height: logViewportHeight)
        guard let found = log.match(after: start, forward: forward) else {
            notice = Notice("Not found: \(log.query ?? "")", level: .warning, expiresAt: now + 3)
            return
        }
        cursorLine = found
        log.reveal(found, height: logViewportHeight)
    }

    private mutating func jumpToError(first: Bool) {
        let errors = log.errorIndices
        let current = cursorLine ?? -1
        guard let target = first ? errors.first : (errors.first { $0 > current } ?? errors.first) else {
            notice = Notice("No errors in the log", expiresAt: now + 3)
            return
        }
        cursorLine = target
        log.reveal(target, height: logViewportHeight)
    }

    /// Scrolling actions while the crate table has the focus; nil for every other action.
    private mutating func performOnCrates(_ action: Action) -> [Effect]? {
        let height = cratesViewportHeight
        switch action {
        case .scrollUp: crates.scroll(by: -1, height: height)
        case .scrollDown: crates.scroll(by: 1, height: height)
        case .pageUp: crates.scroll(by: -height, height: height)
        case .pageDown: crates.scroll(by: height, height: height)
        case .scrollTop: crates.scrollTo(top: 0, height: height)
        case .scrollBottom: crates.scrollTo(top: .max / 2, height: height)
        default: return nil
        }
        return []
    }

    /// Carries out a keymap action.
    public mutating func perform(_ action: Action) -> [Effect] {
        if focus == .crates, let effects = performOnCrates(action) { return effects }
        let height = logViewportHeight
        let width = log.wrap ? logViewportWidth : .max
        switch action {
        case .rerun:
            if case .running(let s) = phase { phase = .stopping(startedAt: s) }
            return [.startBuild]
        case .stop:
            guard case .running(let s) = phase else {
                notice = Notice("No build is running", expiresAt: now + 3)
                return []
            }
            phase = .stopping(startedAt: s)
            return [.stopBuild]
        case .zeroStats:
            if case .running = phase {
                stats.history.removeAll()
                stats.stats = nil
                stats.source = .waiting
                // The table counts from now too, so its rows stay those the numbers count.
                crates.reset()
                return [.zeroStats]
            }
            stats.stats = SccacheStats()
            stats.source = .reset
            notice = Notice("No sccache server is running: the panel was reset", expiresAt: now + 5)
        case .chown:
            disk.foreignBeforeChown = disk.usage?.foreignOwned
            return [.chown]
        case .quit:
            return [.quit]
        case .suspend:
            return [.suspend]
        case .toggleHelp:
            showHelp.toggle()
        case .scrollUp:
            log.scroll(by: -1, height: height, width: width)
        case .scrollDown:
            log.scroll(by: 1, height: height, width: width)
        case .pageUp:
            log.scroll(by: -max(1, height - 1), height: height, width: width)
        case .pageDown:
            log.scroll(by: max(1, height - 1), height: height, width: width)
        case .scrollTop:
            log.scrollToTop(height: height)
        case .scrollBottom:
            log.scrollToBottom()
            cursorLine = nil
        case .toggleFollow:
            log.toggleFollow(height: height, width: width)
        case .search:
            prompt = ""
        case .nextMatch:
            jumpToMatch(forward: true)
        case .previousMatch:
            jumpToMatch(forward: false)
        case .firstError:
            jumpToError(first: true)
        case .nextError:
            jumpToError(first: false)
        case .toggleWrap:
            log.wrap.toggle()
        case .toggleFolds:
            log.toggleFolds()
            if !log.hasFolds { notice = Notice("Nothing folded in the log yet", expiresAt: now + 3) }
        case .toggleExplain:
            stats.explain.toggle()
        case .focusNext:
            focus = focus == .log ? .crates : .log
        case .cycleSort:
            crates.cycleSort()
        }
        return []
    }
}
