/// The life of a run: its start resets the panes, its end produces the `RunRecord` that the report, the
/// summary and the history render.
extension AppState {
    /// Asks for the next run, or again for the one asked for and not started yet (which this start replaces).
    mutating func startRun(wrapped: Bool = true) -> Effect {
        let number = startAsked ?? runNumber + 1
        startAsked = number
        phase.prepare()  // a run under way ends first; the start is prepared after it (`ended`)
        return .startBuild(RunRequest(number: number, wrapped: wrapped, stopping: schedule.stopping))
    }

    /// The start asked for was answered (its build started, or it failed or was stopped before): its number is the
    /// run's.
    private mutating func startAnswered() {
        runNumber = startAsked ?? runNumber + 1
        startAsked = nil
    }

    mutating func started(at t: Double, run: RunStart) -> [Effect] {
        // A run still finishing (its numbers never came) ends with what it has, before the next one begins.
        let unfinished = phase.isFinalizing ? finished(RunFinal()) : []
        now = t
        startAnswered()
        // The run that just finished is the next one's baseline, with sccache's final numbers however late they came
        // (the panel may have been zeroed since: the record keeps the run's own).
        if phase.outcome != nil, var record = lastRecord {
            if stats.source == .final, let final = stats.stats { record.stats = final }
            if record.comparable { previous = record }
        }
        if let final = stats.stats, (final.compilations ?? 0) > 0, let average = final.averageCompile {
            lastAverageCompile = average
        }
        self.run = run
        let explain = stats.explain
        phase = .running(startedAt: t)
        stats = StatsPanelState()
        stats.explain = explain
        log.resetCounts()
        crates.reset()
        cacheProblems = CacheProblemLog()
        logFile = nil
        logFileProblem = nil
        report = nil
        finalStatsJSON = nil
        log.appendNote(LogLine("── run \(runNumber): \(session.command) ──", style: TextStyle(dim: true)))
        timeline = []
        return unfinished + [.runBegan(run), .scanDisk(.buildStarted)] + launchWork(scan: false) + schedule.begin(at: t)
            + [.schedule(after: Self.runningTick)]
    }

    /// The session's launch work, once: the previous run, and a first disk scan unless the build's start scans.
    mutating func launchWork(scan: Bool) -> [Effect] {
        guard launchWorkDue != nil else { return [] }
        launchWorkDue = nil
        return (scan ? [.scanDisk(.launch)] : []) + [.loadPrevious]
    }

    /// The build's process exited: its time ends here; the run finishes next (sccache's final numbers, a last scan).
    mutating func exited(_ status: ExitStatus, at t: Double, stopped: Bool) -> [Effect] {
        now = t
        schedule.end()
        phase = .finalizing(startedAt: runningSince ?? t, status: status, endedAt: t, stopped: stopped)
        return [.finishRun]
    }

    /// What the run's end gathered: the final numbers chosen, why they are not sccache's own (on the panel and in the
    /// log file, after sccache's report), then the run's end and record.
    mutating func finished(_ final: RunFinal) -> [Effect] {
        guard case .finalizing(let started, let status, let endedAt, let stopped) = phase else { return [] }
        var notes = ""
        if let report = final.report {
            foldFinalReport(report)
            notes += "\r\n── sccache's final report ──\r\n" + report.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n"
        }
        if let (reading, _) = final.numbers, let numbers = reading.stats {
            received(numbers, final: true, json: reading.json)
        }
        let container = session.engine == .docker ? run?.facts.container ?? "" : nil
        if !stopped, let why = final.diagnosis(status, container: container) {
            stats.problem = why.message
            notes += "\r\ncachewatch: \(why.message)\r\n"
        }
        return (notes.isEmpty ? [] : [.noteInLogFile(notes, run: (run ?? .unnamed).id)])
            + ended(status, at: endedAt, stopped: stopped, startedAt: started)
    }

    /// When the build under way started (running or being stopped).
    private var runningSince: Double? {
        switch phase {
        case .running(let s), .stopping(let s): return s
        default: return nil
        }
    }

    /// A stats sample (`final`: the run's final numbers, with sccache's JSON); a live one after the final ones is late.
    mutating func received(_ sample: SccacheStats, final: Bool, json: String?) {
        if stats.source == .final && !final { return }
        stats.record(sample, final: final)
        if final {
            finalStatsJSON = json
            crates.settleFarm(sample.distCompiles)
        }
        if !final, case .running(let started) = phase {
            let point = StatsPoint(
                t: max(0, now - started), requests: sample.compileRequests ?? 0, hits: sample.hits.total ?? 0,
                misses: sample.misses.total ?? 0)
            StatsPoint.append(point, to: &timeline)
        }
        if stats.lostStats && !crates.serverRestarted { crates.noteServerRestart() }
    }

    /// sccache's final text report, folded into one line of the log pane.
    mutating func foldFinalReport(_ text: String) {
        log.appendFold(
            title: "sccache's final report",
            lines: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
            key: keymap.label(for: .toggleFolds))
    }

    /// The run's end (`startedAt`: when it started, if no longer in the phase): its outcome and record.
    mutating func ended(_ status: ExitStatus, at t: Double, stopped: Bool, startedAt: Double? = nil) -> [Effect] {
        now = max(now, t)
        let started = startedAt ?? runningSince ?? t
        schedule.end()
        log.endStream()
        crates.buildEnded()
        let outcome = BuildOutcome(status: status, duration: max(0, t - started), stopped: stopped)
        phase = .finished(outcome)
        let record = makeRecord(outcome: .ended(status, stopped: stopped), duration: outcome.duration)
        lastRecord = record
        // The report at once (as the screen shows the end), and again with each miss's cause once the run is kept.
        let effects =
            [.writeReport(record), .persist(record)] + (history != nil ? [.loadHistory] : [])
            + compared(record, stopped: stopped) + announced(outcome) + watchAfterEnd()
        // A start asked for while this run went on is prepared now.
        if startAsked != nil { phase.prepare() }
        return effects
    }

    /// The finished-build notice, when this build's end is worth a bell: the terminal not looked at, or a long build.
    private func announced(_ outcome: BuildOutcome) -> [Effect] {
        guard !outcome.stopped, let notify = session.notify, notify.announces(duration: outcome.duration, focused: focused)
        else { return [] }
        let mark = RunVerdict.mark(outcome.run, warning: "✘")  // a stopped build is never announced
        return [
            .announce(
                title: "\(mark) \(RunVerdict.text(outcome.run, duration: outcome.duration)) · cachewatch \(session.project)")
        ]
    }

    /// `--compare`: the next run of the comparison, or its result (in the log, as a notice and in the summary).
    private mutating func compared(_ record: RunRecord, stopped: Bool) -> [Effect] {
        guard var comparison, !comparison.isDone else { return [] }
        let next = comparison.ended(
            id: record.id.value, succeeded: record.outcome.exitCode == 0, stopped: stopped, seconds: record.duration,
            misses: record.stats?.misses.total ?? 0)
        self.comparison = comparison
        switch next {
        case .sccache?:
            let why = comparison.warmups > 0 ? "the cache was cold: that run warmed it; again, measured" : "now through sccache"
            log.appendNote(LogLine("cachewatch: compare: \(why)", style: TextStyle(dim: true)))
            return [startRun()]
        case .plain?:
            return [startRun(wrapped: false)]
        case nil:
            if let result = comparison.result {
                log.appendNote(LogLine("cachewatch: \(result)", style: TextStyle(foreground: .palette(2), bold: true)))
                show(Notice(result, ttl: 30))
            }
            return []
        }
    }

    /// An attempt that never got its build going: it failed to start, or (`stopped`) it was stopped meanwhile.
    mutating func failedToStart(_ message: String, at t: Double, run: RunStart?, stopped: Bool = false) -> [Effect] {
        now = t
        let launch = launchWork(scan: true)
        schedule.end()
        startAnswered()
        log.appendNote(
            LogLine(
                "cachewatch: \(message)", style: stopped ? TextStyle(dim: true) : TextStyle(foreground: .palette(1), bold: true)))
        phase = .finished(
            stopped
                ? BuildOutcome(status: .exited(0), duration: 0, stopped: true)
                : BuildOutcome(status: .exited(127), duration: 0, stopped: false, failure: message))
        // This attempt's own record: never the previous run's numbers, never under the previous run's id.
        self.run = run ?? .unnamed
        var record = makeRecord(outcome: stopped ? .ended(.exited(0), stopped: true) : .failedToStart(message), duration: 0)
        record.stats = nil
        record.statsJSON = nil
        record.compiles = []
        record.samples = []
        record.savedSeconds = nil
        record.warnings = []
        lastRecord = record
        show(Notice(message, level: stopped ? .info : .error))
        // An attempt without a name (its run directory could not be made) is reported, not kept.
        guard let run, run != .unnamed else { return launch + [.writeReport(record)] }
        // The report at once (as the screen shows the end), and again with each miss's cause once the run is kept.
        return launch + [.writeReport(record), .persist(record)] + (history != nil ? [.loadHistory] : [])
    }

    /// The record of the run that just ended, from everything the dashboard received about it.
    func makeRecord(outcome: RunOutcome, duration: Double) -> RunRecord {
        let run = self.run ?? .unnamed
        var facts = run.facts
        let digest = facts.imageDigest
        facts.imageDigest = nil
        let statsNow = stats.source == .final || stats.source == .live ? stats.stats : nil
        var record = RunRecord(
            id: run.id, engine: session.engine, project: session.projectPath, command: session.argv,
            image: session.image, imageDigest: digest, facts: facts, startedAt: run.wallClock, duration: duration,
            outcome: outcome, statsJSON: finalStatsJSON, stats: statsNow, compiles: crates.parser.results,
            disk: disk.usage, logErrors: log.errorCount, logWarnings: log.warningCount, logFile: logFile,
            warnings: (statsNow.map { RunWarning.cacheFailures($0, problems: cacheProblems, cacheFree: disk.cacheFree) }
                ?? []) + crateTableWarnings(succeeded: outcome.succeeded))
        record.samples = timeline
        record.cache = session.cache
        if let farm {
            record.farm = RunFarm(farm, stats: statsNow, compiles: crates.parser.results)
            record.warnings += FarmProblem.find(farm, compiles: crates.parser.results, serverRestarted: stats.lostStats)
                .map(RunWarning.farm)
        }
        if let comparison {
            // The runs of a comparison share the baseline's id: a pair (or a set, with the warming run) in the history.
            record.facts.compare = comparison.role
            record.facts.compareGroup = comparison.group ?? run.id.value
        }
        record.savedSeconds = statsNow.flatMap { StatsInsights.savedSeconds($0, knownCompile: knownAverageCompile) }
        return record
    }

    /// This run (its numbers `stats`, its compiles so far, its duration once ended) beside the last finished run
    /// like it: "vs last run".
    func sinceLast(stats: SccacheStats) -> RunComparison? {
        guard let previous else { return nil }
        var duration: Double?
        if let outcome = phase.outcome { duration = outcome.duration }
        return RunComparison(before: previous, stats: stats, compiles: crates.parser.results, duration: duration)
    }

    /// The crate table's own warnings; `succeeded`: the build ended well, so every compile should have a result.
    func crateTableWarnings(succeeded: Bool?) -> [RunWarning] {
        let results = crates.parser.results
        let waiting = results.filter { $0.outcome == .interrupted || $0.outcome == .pending }.count
        return RunWarning.crateTable(
            unplaced: crates.parser.unplaced, waiting: succeeded == true && !crates.serverRestarted ? waiting : nil,
            version: stats.stats?.version)
    }
}
