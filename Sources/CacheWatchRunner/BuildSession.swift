import CacheWatchCore
import Foundation

/// The build's output scrubber, used from the PTY reader's thread only (and after it stopped).
private final class ScrubberBox: @unchecked Sendable {
    private var scrubber: SecretScrubber

    init(_ scrubber: SecretScrubber) {
        self.scrubber = scrubber
    }

    func scrub(_ bytes: [UInt8]) -> [UInt8] { scrubber.isEmpty ? bytes : scrubber.scrub(bytes) }
    func flush() -> [UInt8] { scrubber.flush() }
}

/// Runs builds through an engine and reports everything as events: output, live stats,
/// disk scans, the end of the build. All its state lives on one serial queue; how often it samples, scans and
/// checks the build's exit is Core's (`RunSchedule`).
public final class BuildSession: @unchecked Sendable {
    public struct Options: Sendable {
        /// Where every run's full log is written (`<mount root>/cachewatch/logs`); nil writes none.
        public var logDirectory: String?
        /// The largest log file of a run (`--max-log-size`).
        public var maxLogSize: Int64 = 256 << 20
        public var owner: (uid: uid_t, gid: gid_t)
        public var columns = 120
        public var rows = 40
        /// Masks values never to show, write or record (a cache's password) in the build's output and sccache's log.
        public var scrubber = SecretScrubber(secrets: [])
        /// Run before each build (the doctor's quick checks, the cache backend's probe among them); its error ends the
        /// run before it starts.
        public var preflight: (@Sendable (CancelFlag) throws -> Void)?

        public init(owner: (uid: uid_t, gid: gid_t)) {
            self.owner = owner
        }
    }

    public let engine: BuildEngine
    private let events: EventQueue
    private var options: Options
    private let queue = DispatchQueue(label: "cachewatch.session")
    private let disk: DiskPoller

    private var process: PTYProcess?
    private var reader: PTYReader?
    private var logFile: LogFile?
    private var run: RunDirectory?
    private var poller: StatsPoller?
    private var startedAt = 0.0
    private var stopRequested = false
    private var runToken = 0
    private var scrubber: ScrubberBox?
    /// The newest start asked for: earlier ones still queued are skipped (20 quick `r`s make one build).
    private let requested = LockedValue(0)
    /// Ends everything of this session (its shutdown).
    private let ending = CancelFlag()
    /// Cancels the run being prepared (an image pull, a server start) when a newer start or a stop comes.
    private let preparing = LockedValue(CancelFlag())
    /// Set when the session shuts down: a run being prepared then is kept as stopped, not dropped as replaced.
    private let shuttingDown = LockedValue(false)
    /// This session's hold on the process's watchdog, let go once.
    private let leftWatchdog = LockedValue(false)
    private let chownQueue = DispatchQueue(label: "cachewatch.chown")
    private let chownRunning = LockedValue(false)
    /// Stops a chown under way: set first on shutdown, so its container is gone before the engine shuts down.
    private lazy var chownCancel = CancelFlag(parent: ending)

    public init(engine: BuildEngine, events: EventQueue, options: Options) {
        self.engine = engine
        self.events = events
        self.options = options
        Watchdog.shared.enter()
        disk = DiskPoller(
            directories: engine.directories, owned: engine.chownedDirectories, owner: options.owner.uid, events: events)
    }

    // MARK: Commands (from any thread; performed in order on the session queue)

    /// Starts a build, stopping a running one first. A start still being prepared is cancelled at once; of
    /// several asked for in a row, only the last one runs.
    /// `wrapped: false` runs the build with no compiler wrapper (`--compare`'s baseline); sccache's server still
    /// runs, and counts nothing.
    public func start(wrapped: Bool = true) {
        let generation = requested.get() + 1
        requested.set(generation)
        preparing.get().set()
        queue.async { self.startNow(generation, wrapped: wrapped) }
    }

    /// Stops the running build, or the one being prepared (a pull, a server start).
    public func stop() {
        preparing.get().set()
        queue.async { self.stopNow() }
    }

    public func zeroStats() {
        queue.async {
            // After any sample in flight, so the panel's next one is the zeroed server's.
            self.poller?.async {
                do {
                    try self.engine.zeroStats()
                    self.events.post(.statsZeroed(failure: nil))
                } catch {
                    self.events.post(.statsZeroed(failure: "\(error)"))
                }
            }
        }
    }

    /// chown on a queue of its own (the build's commands never wait on it); one at a time (Core asks for one only
    /// after the last one's `chowned`; a second asked meanwhile waits its turn on the queue).
    public func chown() {
        let owner = options.owner
        chownRunning.set(true)
        chownQueue.async {
            let result = self.engine.chown(uid: owner.uid, gid: owner.gid, cancel: self.chownCancel)
            self.disk.scanNow()
            self.chownRunning.set(false)
            self.events.post(.chowned(result))
        }
    }

    public func scanDisk() {
        disk.scan()
    }

    /// A sample of the running build's numbers and server log (none while no build runs, or one is under way).
    public func sampleStats() {
        queue.async { self.poller?.sample() }
    }

    /// Ends the run if its process has exited.
    public func checkExit() {
        queue.async { self.finishIfExited(force: false) }
    }

    public func resize(rows: Int, columns: Int) {
        queue.async {
            self.options.rows = rows
            self.options.columns = columns
            self.process?.resize(rows: rows, columns: columns)
        }
    }

    /// Stops any build and releases the engine, cleanly for at most `timeout` seconds (a run being prepared is
    /// cancelled at once); then every wait still under way gives up (`CancelFlag.shutdown`). What is still running
    /// when the dashboard exits dies with it: its children with the process, its containers by the watchdog.
    public func shutdown(timeout: Double = 3) {
        shuttingDown.set(true)
        requested.set(requested.get() + 1)  // no queued start runs any more
        preparing.get().set()
        // A chown under way stops first and removes its container (bounded): the engine's shutdown ends the
        // watchdog, which must not miss a container still being created.
        if chownRunning.get() {
            chownCancel.set()
            let stopped = DispatchSemaphore(value: 0)
            chownQueue.async { stopped.signal() }
            _ = stopped.wait(timeout: .now() + 20)
        }
        let done = DispatchSemaphore(value: 0)
        queue.async {
            self.stopNow()
            self.engine.shutdown()
            done.signal()
        }
        if done.wait(timeout: .now() + timeout) == .timedOut {
            ending.set()
            _ = done.wait(timeout: .now() + 1)
        }
        ending.set()
        if leftWatchdog.claim() { Watchdog.shared.leave() }
        Watchdog.shared.finish(timeout: 0)
    }

    // MARK: On the session queue

    private func startNow(_ generation: Int, wrapped: Bool) {
        guard generation == requested.get(), !ending.isSet else { return }  // a newer start follows
        stopNow()
        let cancel = CancelFlag(parent: ending)
        preparing.set(cancel)
        guard generation == requested.get() else { return }
        runToken += 1
        stopRequested = false
        let plan: BuildPlan
        let child: PTYProcess
        let events = self.events
        let run: RunDirectory
        do {
            run = try RunDirectory(mountRoot: engine.mountRoot, engine: engine.name, run: runToken)
        } catch {
            events.post(.buildFailedToStart("cannot create this run's directory: \(error)", now: MonotonicClock.now()))
            return
        }
        RunDirectory.prune(mountRoot: engine.mountRoot, current: run.name)
        do {
            if let preflight = options.preflight {
                events.post(.working("checking the setup"))
                try preflight(cancel)
            }
            let prepared = try engine.prepareRun(
                in: run, cancel: cancel, log: { bytes in events.post(.output(bytes)) },
                waiting: { what in events.post(.working(what)) })
            plan = wrapped ? prepared : prepared.withoutWrapper
            if cancel.isSet { throw Cancelled() }
            child = try PTYProcess(plan: plan, rows: options.rows, columns: options.columns)
        } catch {
            run.scrubServerLog()  // a server that failed to start may have logged a backend's password
            events.post(.working(nil))
            let attempt = RunStart(id: RunID(run.name), wallClock: Date().timeIntervalSince1970, facts: engine.runFacts)
            if error is Cancelled {
                // A newer start replaces this one (no trace of it); a stop, quitting or a signal ends it before the
                // build began: kept as stopped.
                if (generation == requested.get() && !ending.isSet) || shuttingDown.get() {
                    events.post(.buildStoppedBeforeStart(now: MonotonicClock.now(), run: attempt))
                }
                return
            }
            events.post(.buildFailedToStart(SecretMask.text("\(error)"), now: MonotonicClock.now(), run: attempt))
            return
        }
        self.run = run
        process = child
        // What cargo starts (build scripts, sccache's clients) dies with the dashboard too.
        Watchdog.shared.watch(group: child.pid)
        startedAt = MonotonicClock.now()
        var facts = engine.runFacts
        if !wrapped { facts["wrapper"] = "none" }
        let start = RunStart(id: RunID(run.name), wallClock: Date().timeIntervalSince1970, facts: facts)
        events.post(.buildStarted(now: startedAt, run: start))
        let logFile = openLogFile(plan: plan, name: run.name)
        self.logFile = logFile
        if let path = logFile?.path { events.post(.logFile(path)) }

        let scrubber = ScrubberBox(options.scrubber)
        self.scrubber = scrubber
        let reader = PTYReader(
            process: child,
            onOutput: { raw, stopping in
                let bytes = scrubber.scrub(raw)
                guard !bytes.isEmpty else { return }
                events.post(.output(bytes))
                if let failure = logFile?.append(bytes) { events.post(.logFileProblem(failure.reason)) }
                // Backpressure: while the dashboard is behind, the PTY is not read and holds the build back.
                events.waitForRoom(stop: stopping)
            },
            onEnd: { [weak self] in
                guard let self else { return }
                // Every writer closed the PTY: the child is exiting (its files close before it becomes a zombie).
                self.queue.async { self.finishIfExited(force: false, settle: Self.exitSettle) }
            })
        reader.start()
        self.reader = reader
        poller = StatsPoller(
            engine: engine, events: events, serverLog: run.serverLogTailer(), cancel: CancelFlag(parent: ending),
            scrubber: options.scrubber)
    }

    private func stopNow() {
        guard let process else { return }
        stopRequested = true
        engine.stop(process)
        finishIfExited(force: true)
    }

    /// How long the end of the PTY waits for the child's exit: one that keeps running without its terminal is left
    /// to `checkExit`.
    static let exitSettle = 0.25

    /// Finishes the run when the child has exited (with `force`, waits for it; with `settle`, gives it that long).
    private func finishIfExited(force: Bool, settle: Double = 0) {
        guard let process else { return }
        let status = force ? process.terminate(grace: 3) : settle > 0 ? process.wait(timeout: settle) : process.poll()
        guard let status else { return }
        // The build's time ends here, whatever the last stats sample or sccache's final report cost after.
        let ended = MonotonicClock.now()
        // Take what the child wrote before exiting, then let the PTY go.
        reader?.stopAndWait()
        let payload = reader?.finalJSON.get()
        reader = nil
        if let rest = scrubber?.flush(), !rest.isEmpty {
            events.post(.output(rest))
            _ = logFile?.append(rest)
        }
        scrubber = nil
        poller?.stop()  // a sample still waiting on sccache gives up
        kill(-process.pid, SIGKILL)  // nothing of the build's process group outlives it
        Watchdog.shared.forget(group: process.pid)
        self.process = nil
        finalize(status: status, ended: ended, payload: payload)
    }

    private func finalize(status: ExitStatus, ended: Double, payload: String?) {
        let known = options.scrubber
        let scan = disk.scanStarted()
        let finish = engine.finishRun()
        var json = finish.json
        var text = finish.text
        if let payload {
            let (report, markerJSON) = FinalStatsMarker.split(payload)
            if json == nil { json = markerJSON }
            if text == nil { text = report }
        }
        if let text, !text.isEmpty {
            // Masked at the source: sccache prints a Redis password in the cache location.
            let report = known.scrub(text: SecretMask.text(text))
            events.post(.finalReport(report))
            let banner = "\r\n── sccache's final report ──\r\n"
            logFile?.append(Array((banner + report.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n").utf8))
        }
        if let lines = poller?.remainingLines(), !lines.isEmpty { events.post(.serverLog(lines)) }
        let lastJSON = poller?.lastJSON.get()
        poller = nil
        run?.scrubServerLog()
        run?.removeContainerFiles()
        run = nil
        let final = json.flatMap { try? SccacheJSONParser.parse($0).scrubbed(known) }
        if let json, let final {
            events.post(.stats(final, final: true, json: known.scrub(text: SecretMask.text(json))))
        } else if let last = lastJSON, let stats = try? SccacheJSONParser.parse(last).scrubbed(known) {
            events.post(.stats(stats, final: true, json: known.scrub(text: SecretMask.text(last))))
        }
        if !stopRequested, let why = engine.explain(status, finalStatsReceived: final != nil) {
            logFile?.append(Array("\r\ncachewatch: \(why.message)\r\n".utf8))
            events.post(.runDiagnosed(why))
        }
        logFile = nil
        scan.wait()
        events.post(.buildEnded(status, now: ended, stopped: stopRequested))
    }

    /// Opens this run's log file, headed by what runs; nil (with a notice) when it cannot be written.
    private func openLogFile(plan: BuildPlan, name: String) -> LogFile? {
        guard let directory = options.logDirectory else { return nil }
        let header =
            "# cachewatch \(engine.name) run \(runToken) at \(LogFile.timestamp(Date(), compact: false))\n# \(ShellQuote.join(SecretMask.arguments(plan.arguments)))\n"
        do {
            return try LogFile(directory: directory, name: name + ".log", header: header, limit: options.maxLogSize)
        } catch {
            events.post(.logFileProblem("cannot create it: \(error)"))
            return nil
        }
    }
}
