import CacheWatchCore
import Foundation

/// The one dispatch point of a live session: every input becomes an `Event`, goes through `AppState.update`,
/// and the effects it returns are carried out here (the build's jobs, ticks, the report). The dashboard and
/// headless mode share it; what only a terminal can do (suspend) is the caller's.
public final class Dispatcher {
    private(set) var state: AppState
    private let setup: SessionSetup
    /// When the next tick is due (monotonic seconds), as `Effect.schedule` asked.
    private(set) var tickDue: Double?
    private(set) var quitRequested = false
    private(set) var suspendRequested = false
    /// The finished-build notice's title, until the terminal shows it.
    private var announcement: String?
    /// Records every event dispatched (nil: not recorded).
    private let recorder: SessionRecorder?

    /// Starts recording the session (unless `--no-record`); a recording that cannot be created is a notice.
    public init(setup: SessionSetup, state: AppState, mode: String) {
        self.setup = setup
        self.state = state
        var recorder: SessionRecorder?
        var problem: String?
        if let path = setup.recordPath {
            let header = Recording.Header(
                session: setup.info, cacheLimit: setup.cacheLimit, scrollback: state.log.buffer.capacity,
                ownerName: state.disk.ownerName, startedAt: Date().timeIntervalSince1970, clockOrigin: MonotonicClock.now(),
                mode: mode)
            do {
                recorder = try SessionRecorder(path: path, header: header)
                recorder?.limit = setup.maxLogSize
                SessionRecorder.prune(mountRoot: setup.mountRoot, budget: setup.keepSessions, keeping: path)
            } catch {
                problem = "The session is not recorded: \(error)"
            }
        }
        self.recorder = recorder
        if let problem { dispatch(.notice(Notice(problem, level: .warning, ttl: 8))) }
    }

    /// The session ends: the recording gets its newest end (what `--max-log-size` kept aside).
    func finish() { recorder?.finish() }

    /// Where the session is being recorded.
    var recordingPath: String? { recorder?.path }

    /// The one entry point: recorded, applied, its effects carried out.
    func dispatch(_ event: Event) {
        if let failure = recorder?.record(event, at: MonotonicClock.now()) {
            for effect in state.update(.notice(Notice("The recording stopped: \(failure)", level: .warning, ttl: 8))) {
                perform(effect)
            }
        }
        for effect in state.update(event) { perform(effect) }
    }

    /// The build's log lines the state finished since the last call (headless mode).
    func takeEchoed() -> [LogLine] { state.takeEchoed() }

    /// Dispatches the tick when it is due; true when it did.
    @discardableResult
    func tickIfDue(now: Double) -> Bool {
        guard let due = tickDue, due <= now else { return false }
        tickDue = nil
        dispatch(.tick(now: now))
        return true
    }

    /// How long the loop may sleep before the next tick (milliseconds), at most `limit`.
    func timeout(now: Double, limit: Int32) -> Int32 {
        guard let due = tickDue else { return limit }
        return max(0, min(limit, Int32(((due - now) * 1000).rounded(.up))))
    }

    /// The finished-build notice waiting for the terminal (bell and title), if any.
    func takeAnnouncement() -> String? {
        defer { announcement = nil }
        return announcement
    }

    func takeSuspend() -> Bool {
        defer { suspendRequested = false }
        return suspendRequested
    }

    private func perform(_ effect: Effect) {
        switch effect {
        case .startBuild(let request): setup.session.start(request)
        case .stopBuild: setup.session.stop()
        case .zeroStats: setup.session.zeroStats()
        case .chown: setup.session.chown()
        case .scanDisk(let reason): setup.session.scanDisk(reason)
        case .sampleStats(let sampling): setup.session.sampleStats(sampling)
        case .sampleFarm(let client): setup.session.sampleFarm(client: client, scheduler: setup.info.dist?.scheduler)
        case .checkExit: setup.session.checkExit()
        case .finishRun: setup.session.finishRun()
        case .noteInLogFile(let text, let run): setup.session.noteInLogFile(text, run: run)
        case .resizePTY(let rows, let columns): setup.session.resize(rows: rows, columns: columns)
        case .schedule(let after):
            let due = MonotonicClock.now() + after
            tickDue = min(tickDue ?? due, due)
        case .runBegan(let start): setup.history.begin(start, session: setup.info)
        case .persist(let record): setup.history.persist(record)
        case .writeReport(let record):
            setup.reportWriter?.write(record)
            setup.traceWriter?.write(record)
        case .explainLive(let id, let compiles): setup.history.explainLive(id, compiles: compiles)
        // "vs last run" compares with the last finished run like these.
        case .loadPrevious: setup.history.loadPrevious(comparisonKey: RunRecord.comparisonKey(setup.info))
        case .loadHistory: setup.history.loadPage(project: setup.info.projectPath)
        case .loadRun(let id): setup.history.loadRun(id)
        case .loadDiff(let older, let newer): setup.history.loadDiff(older, newer)
        case .loadWhy(let id): setup.history.loadWhy(id)
        case .watch(let on):
            guard let watcher = setup.watcher else { break }
            guard on else {
                watcher.stop()
                break
            }
            // The first walk of a large tree takes a while: not on the dashboard's thread.
            let events = setup.events
            DispatchQueue.global().async {
                let method = watcher.start()
                events.post(.watching(method.description, polling: method.isPolling))
            }
        case .announce(let title): announcement = title
        case .quit: quitRequested = true
        case .suspend: suspendRequested = true
        }
    }
}
