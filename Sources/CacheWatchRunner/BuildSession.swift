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
        /// Directories the disk panel counts beyond the engine's (a build farm's toolchain cache).
        public var extraDirectories: [(name: String, path: String)] = []

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
    /// The log files of the last two runs, by run: the end of one is noted in its own after the next one started.
    private var logFiles: [(run: RunID, file: LogFile)] = []
    /// The run under way, as its engine prepared it; `lastRun` stays after it, for the engine's shutdown.
    private var run: PreparedRun?
    private var lastRun: PreparedRun?
    private var poller: StatsPoller?
    private var startedAt = 0.0
    private var stopRequested = false
    /// How the run under way stops, as Core asked for it.
    private var stopping = RunSchedule.Stopping()
    private var scrubber: ScrubberBox?
    /// A run whose process exited and that Core has not had finished yet (`finishRun`).
    private var exited: Exited?

    /// What the end of a run still needs once its process exited: what the build printed between the final-stats
    /// markers, its stats poller (the last sample, the server log's last lines), its directory.
    private struct Exited {
        var printed: String?
        var poller: StatsPoller?
        var run: PreparedRun
    }
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
    /// The build farm is looked at off the session's queue (a scheduler may take its whole timeout), one look at once.
    private let farmQueue = DispatchQueue(label: "cachewatch.farm")
    private let farmBusy = LockedValue(false)
    /// Stops a chown under way: set first on shutdown, so its container is gone before the engine shuts down.
    private lazy var chownCancel = CancelFlag(parent: ending)

    public init(engine: BuildEngine, events: EventQueue, options: Options) {
        self.engine = engine
        self.events = events
        self.options = options
        Watchdog.shared.enter()
        disk = DiskPoller(
            directories: engine.directories + options.extraDirectories, owned: engine.chownedDirectories,
            owner: options.owner.uid, events: events)
    }

    // MARK: Commands (from any thread; performed in order on the session queue)

    /// Starts a build as Core asked, stopping a running one first. A start still being prepared is cancelled at
    /// once; of several asked for in a row, only the last one runs.
    public func start(_ request: RunRequest) {
        let generation = requested.get() + 1
        requested.set(generation)
        preparing.get().set()
        queue.async { self.startNow(generation, request) }
    }

    /// Stops the running build, or the one being prepared (a pull, a server start).
    public func stop() {
        preparing.get().set()
        queue.async { self.stopNow() }
    }

    public func zeroStats() {
        queue.async {
            // After any sample in flight, so the panel's next one is the zeroed server's.
            guard let run = self.run else {
                self.events.post(.zeroed(.noBuild))
                return
            }
            self.poller?.async {
                do {
                    try self.engine.zeroStats(run)
                    self.events.post(.zeroed(.zeroed))
                } catch {
                    self.events.post(.zeroed(.failed(cause: "\(error)")))
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

    /// A scan of the mounted directories, exact or not as `reason` says.
    public func scanDisk(_ reason: ScanReason) {
        disk.scan(exact: reason.exact)
    }

    /// A sample of the running build's numbers and server log (none while no build runs, or one is under way).
    public func sampleStats(_ sampling: RunSchedule.Sampling = .standard) {
        queue.async { self.poller?.sample(sampling) }
    }

    /// A look at the build farm: the scheduler at `scheduler` (its status endpoint), and with `client` the run's
    /// sccache client (`--dist-status`); posted as `farmSampled`. Dropped while the last look is under way.
    public func sampleFarm(client: Bool, scheduler: String?) {
        queue.async {
            let run = self.run
            guard self.farmBusy.claim() else { return }
            self.farmQueue.async {
                defer { self.farmBusy.set(false) }
                var sample = FarmSample()
                if client, let run {
                    sample.status = (try? self.engine.distStatus(run, cancel: .shutdown)).flatMap(DistStatus.parse)
                }
                if let scheduler {
                    switch FarmProbe.load(scheduler: scheduler) {
                    case .success(let load): sample.load = load
                    case .failure(let failure): sample.problem = SecretMask.text(failure.description)
                    }
                }
                self.events.post(.farmSampled(sample))
            }
        }
    }

    /// Ends the run if its process has exited.
    public func checkExit() {
        queue.async { self.finishIfExited(force: false) }
    }

    /// Gathers what the end of the run whose process exited needs (sccache's final numbers and report, a last disk
    /// scan) and posts it as `runFinished`; nothing when no run waits for it.
    public func finishRun() {
        queue.async { self.finishNow() }
    }

    /// Appends to that run's log file.
    public func noteInLogFile(_ text: String, run: RunID) {
        queue.async { _ = self.logFile(of: run)?.append(Array(text.utf8)) }
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
    public func shutdown(timeout: Double = RunSchedule.Stopping().shutdown) {
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
            self.finishNow()  // while sccache still answers: the stopped run keeps its final numbers
            self.engine.shutdown(last: self.lastRun)
            for entry in self.logFiles { entry.file.finish() }
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

    private func startNow(_ generation: Int, _ request: RunRequest) {
        guard generation == requested.get(), !ending.isSet else { return }  // a newer start follows
        stopNow()
        finishNow()  // the last run's end comes before this one's start
        let cancel = CancelFlag(parent: ending)
        preparing.set(cancel)
        guard generation == requested.get() else { return }
        stopRequested = false
        stopping = request.stopping
        var prepared: PreparedRun?
        let child: PTYProcess
        let events = self.events
        let directory: RunDirectory
        do {
            directory = try RunDirectory(mountRoot: engine.mountRoot, engine: engine.name, run: request.number)
        } catch {
            events.post(.startFailed(.runDirectory(cause: "\(error)"), now: MonotonicClock.now()))
            return
        }
        do {
            if let preflight = options.preflight {
                events.post(.working(.checkingSetup))
                try preflight(cancel)
            }
            var ready = try engine.prepareRun(
                in: directory, cancel: cancel, log: { bytes in events.post(.output(bytes)) },
                waiting: { what in events.post(.working(what)) })
            if !request.wrapped {
                ready.plan = ready.plan.withoutWrapper
                ready.facts.unwrapped = true
            }
            prepared = ready
            if cancel.isSet { throw Cancelled() }
            child = try PTYProcess(plan: ready.plan, rows: options.rows, columns: options.columns)
        } catch {
            directory.scrubServerLog()  // a server that failed to start may have logged a backend's password
            RunDirectory.prune(mountRoot: engine.mountRoot, current: directory.name)
            events.post(.working(nil))
            let attempt = RunStart(
                id: RunID(directory.name), wallClock: Date().timeIntervalSince1970, facts: prepared?.facts ?? RunFacts())
            if error is Cancelled {
                // A newer start replaces this one (no trace of it); a stop, quitting or a signal ends it before the
                // build began: kept as stopped.
                if (generation == requested.get() && !ending.isSet) || shuttingDown.get() {
                    events.post(.buildStoppedBeforeStart(now: MonotonicClock.now(), run: attempt))
                }
                return
            }
            events.post(.startFailed(StartFailure(error).masked, now: MonotonicClock.now(), run: attempt))
            return
        }
        guard let run = prepared else { return }
        self.run = run
        lastRun = run
        process = child
        // What cargo starts (build scripts, sccache's clients) dies with the dashboard too.
        Watchdog.shared.watch(group: child.pid)
        startedAt = MonotonicClock.now()
        let start = RunStart(id: run.id, wallClock: Date().timeIntervalSince1970, facts: run.facts)
        events.post(.buildStarted(now: startedAt, run: start))
        let logFile = openLogFile(run)
        if let logFile { logFiles = logFiles.suffix(1) + [(run.id, logFile)] }
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
                self.queue.async { self.finishIfExited(force: false, settle: self.stopping.exitSettle) }
            })
        reader.start()
        self.reader = reader
        poller = StatsPoller(
            engine: engine, run: run, events: events, cancel: CancelFlag(parent: ending), scrubber: options.scrubber)
    }

    private func stopNow() {
        guard let process, let run else { return }
        stopRequested = true
        engine.stop(process, run: run, stopping: stopping)
        finishIfExited(force: true)
    }

    /// Finishes the run when the child has exited (with `force`, waits for it; with `settle`, gives it that long).
    private func finishIfExited(force: Bool, settle: Double = 0) {
        guard let process, let run else { return }
        let status =
            force ? process.terminate(grace: stopping.processGrace) : settle > 0 ? process.wait(timeout: settle) : process.poll()
        guard let status else { return }
        // The build's time ends here, whatever the last stats sample or sccache's final report cost after.
        let ended = MonotonicClock.now()
        // Take what the child wrote before exiting, then let the PTY go.
        reader?.stopAndWait()
        exited = Exited(printed: reader?.finalJSON.get(), poller: poller, run: run)
        reader = nil
        if let rest = scrubber?.flush(), !rest.isEmpty {
            events.post(.output(rest))
            _ = logFile(of: run.id)?.append(rest)
        }
        scrubber = nil
        poller?.stop()  // a sample still waiting on sccache gives up
        poller = nil
        self.run = nil
        kill(-process.pid, SIGKILL)  // nothing of the build's process group outlives it
        Watchdog.shared.forget(group: process.pid)
        self.process = nil
        events.post(.buildExited(status, now: ended, stopped: stopRequested))
    }

    /// Every candidate for the exited run's final numbers, masked and parsed, with a disk scan made meanwhile: Core
    /// chooses (`RunFinal`).
    private func finishNow() {
        guard let exited else { return }
        self.exited = nil
        let known = options.scrubber
        func reading(_ json: String?) -> RunFinal.Reading? {
            json.map { RunFinal.Reading(json: known.masked($0), stats: try? SccacheJSONParser.parse($0).scrubbed(known)) }
        }
        // The last disk scan beside sccache's clients: on a VM, a woken thread waits milliseconds for an idle core,
        // so work that can overlap does.
        let scan = disk.scanStarted()
        let finish = engine.finishRun(exited.run)
        engine.releaseRun(exited.run)
        var final = RunFinal(asked: reading(finish.json), askedReport: finish.text.map(known.masked), server: finish.server)
        if let printed = exited.printed {
            let (report, json) = FinalStatsMarker.split(printed)
            final.printed = reading(json)
            final.printedReport = report.map(known.masked)
        }
        if let lines = exited.poller?.remainingLines(), !lines.isEmpty { events.post(.serverLog(lines)) }
        final.lastSample = reading(exited.poller?.lastJSON.get())
        scan.wait()
        events.post(.runFinished(final))
        // The run's files are tidied while Core ends the run and the history keeps it; the session's next work
        // (a start, the shutdown) waits on this queue.
        exited.run.directory.scrubServerLog()
        exited.run.directory.removeContainerFiles()
        // Old runs' directories go at a run's end, not before a build (where it held sccache's start back 1 ms).
        RunDirectory.prune(mountRoot: engine.mountRoot, current: exited.run.directory.name)
    }

    /// That run's log file, while it is one of the last two.
    private func logFile(of run: RunID) -> LogFile? { logFiles.last { $0.run == run }?.file }

    /// Opens this run's log file, headed by what runs; nil (with a notice) when it cannot be written.
    private func openLogFile(_ run: PreparedRun) -> LogFile? {
        guard let directory = options.logDirectory else { return nil }
        let arguments = ShellQuote.join(SecretMask.arguments(run.plan.arguments))
        let header =
            "# cachewatch \(engine.name) run \(run.directory.number) at \(LogFile.timestamp(Date(), compact: false))\n# \(arguments)\n"
        do {
            return try LogFile(directory: directory, name: run.directory.name + ".log", header: header, limit: options.maxLogSize)
        } catch {
            events.post(.logFileProblem("cannot create it: \(error)"))
            return nil
        }
    }
}
