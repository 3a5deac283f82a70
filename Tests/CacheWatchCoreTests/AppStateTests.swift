import Testing

@testable import CacheWatchCore

@Suite("Dashboard state and keys")
struct AppStateTests {
    static let session = SessionInfo(engine: .native, project: "~/demo", command: "cargo build --release --locked")

    private func state(lines: Int = 0) -> AppState {
        var state = AppState(session: Self.session, cacheLimit: 5 << 30)
        _ = state.update(.resize(width: 120, height: 35))
        if lines > 0 {
            _ = state.update(.output(Array((0..<lines).map { "line \($0)\n" }.joined().utf8)))
        }
        return state
    }

    @Test(
        "Every keymap action is reachable by its keys where it applies, and keys are unique in each view",
        arguments: [KeyScope.dashboard, .history])
    func keymapIsConsistent(scope: KeyScope) {
        let bindings = Keymap.standard.bindings(in: scope)
        let keys = bindings.flatMap(\.keys)
        #expect(Set(keys).count == keys.count)
        for binding in bindings {
            for key in binding.keys { #expect(Keymap.standard.action(for: key, in: scope) == binding.action) }
        }
    }

    @Test("r starts a build; r while running stops it first")
    func rerun() {
        var s = state()
        #expect(s.update(.key(.character("r"))) == [.startBuild(RunRequest(number: 1))])
        _ = s.update(.buildStarted(now: 10))
        #expect(s.update(.key(.character("r"))) == [.startBuild(RunRequest(number: 2))])
        #expect(s.phase == .stopping(startedAt: 10))
    }

    @Test("The launch's own work (a disk scan, the previous run) waits for the first build to start, fail or be slow")
    func launchWork() {
        func launch(_ effects: [Effect]) -> [Effect] {
            effects.filter { $0 == .scanDisk(.launch) || $0 == .loadPrevious || $0 == .scanDisk(.buildStarted) }
        }
        // The build started: its own scan is the first; the previous run is read then, once.
        var s = state()
        let opening = s.update(.appStarted(wallClock: 1000, now: 0))
        #expect(launch(opening).isEmpty && opening.contains(.schedule(after: AppState.launchWorkDelay)))
        #expect(launch(s.update(.buildStarted(now: 0.02))) == [.scanDisk(.buildStarted), .loadPrevious])
        #expect(launch(s.update(.tick(now: 1))).isEmpty, "done once")
        // A slow preparation (a pull): the launch work when its time comes, then not again when the build starts.
        s = state()
        _ = s.update(.appStarted(wallClock: 1000, now: 0))
        #expect(launch(s.update(.tick(now: 0.2))).isEmpty)
        #expect(launch(s.update(.tick(now: 0.5))) == [.scanDisk(.launch), .loadPrevious])
        #expect(launch(s.update(.buildStarted(now: 30))) == [.scanDisk(.buildStarted)])
        // A start that failed: the disk panel still gets its numbers.
        s = state()
        _ = s.update(.appStarted(wallClock: 1000, now: 0))
        #expect(launch(s.update(.startFailed(.dockerNotFound, now: 0.1))) == [.scanDisk(.launch), .loadPrevious])
    }

    @Test("A run's phases are Core's: preparing (what it waits on, the last outcome still shown), running, finishing, finished")
    func phases() {
        var s = state()
        _ = s.update(.resize(width: 120, height: 30))
        _ = s.update(.appStarted(wallClock: 1000, now: 0))
        #expect(s.phase == .preparing(nil, after: nil))
        #expect(!s.update(.key(.character("s"))).contains(.stopBuild), "nothing to stop before the Runner began")
        _ = s.update(.working(.pulling(image: "clux/muslrust:stable")))
        #expect(s.phase == .preparing(.pulling(image: "clux/muslrust:stable"), after: nil))
        var screen = Screen(width: 120, height: 30)
        DashboardView.render(s, into: &screen)
        #expect(screen.textDump.contains("pulling clux/muslrust:stable…"), "\(screen.textDump)")
        _ = s.update(.buildStarted(now: 1))
        #expect(s.phase == .running(startedAt: 1))
        _ = s.update(.buildExited(.exited(0), now: 3, stopped: false))
        #expect(s.phase.isFinalizing)
        _ = s.update(.runFinished(RunFinal()))
        let outcome = BuildOutcome(status: .exited(0), duration: 2, stopped: false)
        #expect(s.phase == .finished(outcome))
        // r after the end: the next run is prepared, the last one's outcome still on the status bar.
        _ = s.update(.key(.character("r")))
        _ = s.update(.working(.startingServer))
        #expect(s.phase == .preparing(.startingServer, after: outcome) && s.phase.outcome == outcome)
        screen = Screen(width: 120, height: 30)
        DashboardView.render(s, into: &screen)
        #expect(
            screen.textDump.contains("succeeded in 2.0 s") && screen.textDump.contains("starting sccache's server…"),
            "\(screen.textDump)")
        #expect(s.update(.key(.character("s"))) == [.stopBuild], "the preparation is stopped")
        _ = s.update(.buildStoppedBeforeStart(now: 4, run: RunStart(id: RunID("r2"), wallClock: 1004)))
        #expect(s.phase.outcome?.stopped == true)
        // r while a build runs: it is stopped and finished first, then the next one is prepared.
        _ = s.update(.key(.character("r")))
        _ = s.update(.buildStarted(now: 5))
        _ = s.update(.key(.character("r")))
        #expect(s.phase == .stopping(startedAt: 5))
        _ = s.update(.buildExited(.signaled(15), now: 6, stopped: true))
        _ = s.update(.runFinished(RunFinal()))
        #expect(s.phase == .preparing(nil, after: BuildOutcome(status: .signaled(15), duration: 1, stopped: true)))
        _ = s.update(.buildStarted(now: 7))
        #expect(s.phase == .running(startedAt: 7) && s.runNumber == 4)
    }

    @Test(
        "Core numbers the runs it asks for: r while a start is not yet begun asks nothing more; a failed one uses its own")
    func runNumbers() {
        var s = state()
        s.schedule.stopping.processGrace = 1.5
        _ = s.update(.resize(width: 100, height: 30))
        #expect(s.update(.key(.character("r"))).compactMap(\.start) == [RunRequest(number: 1, stopping: s.schedule.stopping)])
        // The first is not begun yet: the r's of a paste or a held key start one build, whatever the session's timing.
        #expect(s.update(.key(.character("r"))).compactMap(\.start).isEmpty)
        #expect(s.notice?.text == "A build is already starting")
        _ = s.update(.buildStarted(now: 10))
        #expect(s.runNumber == 1)
        _ = s.update(.buildEnded(.exited(0), now: 11, stopped: false))
        #expect(s.update(.key(.character("r"))).compactMap(\.start).map(\.number) == [2])
        _ = s.update(.startFailed(.dockerNotFound, now: 12))
        #expect(s.runNumber == 2)
        #expect(s.update(.key(.character("r"))).compactMap(\.start).map(\.number) == [3])
        _ = s.update(.buildStarted(now: 13))
        #expect(s.runNumber == 3)
        let separators = (0..<s.log.buffer.count).map { s.log.buffer[$0].text }.filter { $0.hasPrefix("── run ") }
        #expect(separators.map { $0.prefix(9) } == ["── run 1:", "── run 3:"], "\(separators)")
    }

    @Test("s stops a running build, and says so when none runs")
    func stop() {
        var s = state()
        #expect(s.update(.key(.character("s"))) == [.schedule(after: 3)], "only the notice's expiry")
        #expect(s.notice?.text == "No build is running")
        _ = s.update(.buildStarted(now: 1))
        #expect(s.update(.key(.character("s"))) == [.stopBuild])
        _ = s.update(.buildEnded(.signaled(15), now: 4, stopped: true))
        #expect(s.phase == .finished(BuildOutcome(status: .signaled(15), duration: 3, stopped: true)))
    }

    @Test("z zeroes the live server while building, else resets the panel and says so")
    func zero() {
        var s = state()
        _ = s.update(.buildStarted(now: 1))
        #expect(s.update(.key(.character("z"))) == [.zeroStats])
        _ = s.update(.buildEnded(.exited(0), now: 2, stopped: false))
        var sample = SccacheStats()
        sample.hits.total = 5
        _ = s.update(.stats(sample, final: true))
        #expect(s.update(.key(.character("z"))) == [.schedule(after: 5)], "only the notice's expiry")
        #expect(s.stats.source == .reset)
        #expect(s.stats.stats?.hits.total == nil)
        #expect(s.notice?.text.contains("No sccache server is running") == true)
    }

    @Test("c asks for a chown and remembers the count before it")
    func chown() {
        var s = state()
        _ = s.update(
            .diskScanned(DiskUsage(directories: [DirectoryUsage(name: "target", path: "/t", exists: true, foreignOwned: 7)])))
        #expect(s.update(.key(.character("c"))) == [.chown])
        #expect(s.disk.foreignBeforeChown == 7)
        #expect(s.working == "chown running")
        #expect(!s.update(.key(.character("c"))).contains(.chown), "one chown at a time")
        #expect(s.notice?.text == "A chown is already running")
        _ = s.update(.chowned(ChownResult(owner: "1:1", inContainer: true, .done(changed: 5, failed: 0, firstError: nil))))
        #expect(s.working == nil && s.notice?.text == "chown 1:1 in a container: 5 changed" && s.notice?.level == .info)
        #expect(s.update(.key(.character("c"))) == [.chown], "the next one once that one ended")
        _ = s.update(.chowned(ChownResult(owner: "1:1", inContainer: true, .refused("a link at target"))))
        #expect(s.notice?.text == "chown 1:1 refused: a link at target" && s.notice?.level == .warning)
    }

    @Test("The Runner's results as data, worded here: zeroed stats, an end without sccache's numbers")
    func typedResults() {
        var s = state()
        _ = s.update(.zeroed(.zeroed))
        #expect(s.notice?.text == "Statistics zeroed" && s.notice?.level == .info)
        _ = s.update(.zeroed(.failed(cause: "server gone")))
        #expect(s.notice?.text == "Could not zero the stats: server gone" && s.notice?.level == .error)
        _ = s.update(.zeroed(.noBuild))
        #expect(s.notice?.text == "Could not zero the stats: no build is running" && s.notice?.level == .error)
        // As an older recording words them.
        _ = s.update(.statsZeroed(failure: nil))
        #expect(s.notice?.text == "Statistics zeroed")
        _ = s.update(.statsZeroed(failure: "server gone"))
        #expect(s.notice?.text == "Could not zero the stats: server gone")
        // A start's failure: the Runner's facts, masked before they leave it, worded here.
        let leaky = StartFailure.serverExited(logTail: "connecting to redis://:hunter2@cache:6379 failed")
        #expect(leaky.message.contains("hunter2") && !leaky.masked.message.contains("hunter2"))
        #expect(leaky.masked.message.hasPrefix("sccache's server exited at start: connecting to redis://"))
        _ = s.update(.startFailed(.imageUnavailable(image: "clux/muslrust:stable", cause: "pull access denied"), now: 1))
        #expect(
            s.notice?.text == "image clux/muslrust:stable is not present and could not be pulled: pull access denied"
                && s.notice?.level == .error)
        _ = s.update(.runDiagnosed(.containerKilled(container: "cachewatch-1-2", exit: 137)))
        #expect(
            s.stats.problem
                == "container cachewatch-1-2 was killed from outside (exit 137) before sccache's final report; "
                + "the panel shows its last sample")
        _ = s.update(.runDiagnosed(.serverSilent(seconds: 5)))
        #expect(s.stats.problem?.hasPrefix("sccache's server did not answer within 5 s after the build") == true)
    }

    @Test("q quits")
    func quit() {
        var s = state()
        #expect(s.update(.key(.character("q"))) == [.quit])
    }

    @Test("The final numbers are not overwritten by a late live sample")
    func finalWins() {
        var s = state()
        _ = s.update(.buildStarted(now: 0))
        var final = SccacheStats()
        final.hits.total = 9
        var late = SccacheStats()
        late.hits.total = 3
        _ = s.update(.stats(final, final: true))
        _ = s.update(.stats(late, final: false))
        #expect(s.stats.stats?.hits.total == 9)
        #expect(s.stats.source == .final)
    }

    @Test("Scrolling up pauses follow; End resumes it; new lines keep a paused view still")
    func follow() {
        var s = state(lines: 200)
        let height = s.logViewportHeight
        #expect(s.log.follow)
        #expect(s.log.firstVisible(height: height) == 200 - height)
        _ = s.update(.key(.pageUp))
        #expect(!s.log.follow)
        let top = s.log.firstVisible(height: height)
        _ = s.update(.output(Array("more\nlines\n".utf8)))
        #expect(s.log.firstVisible(height: height) == top)
        _ = s.update(.key(.end))
        #expect(s.log.follow)
        #expect(s.log.firstVisible(height: height) == 202 - height)
        _ = s.update(.key(.character("g")))
        #expect(s.log.firstVisible(height: height) == 0)
        _ = s.update(.key(.character("f")))
        #expect(s.log.follow)
    }

    @Test("Scrolling down to the end resumes follow")
    func scrollDownResumes() {
        var s = state(lines: 100)
        _ = s.update(.key(.up))
        #expect(!s.log.follow)
        _ = s.update(.key(.down))
        #expect(s.log.follow)
    }

    @Test("Bounded scrollback drops the oldest lines")
    func scrollback() {
        var s = AppState(session: Self.session, cacheLimit: nil, scrollback: 100)
        _ = s.update(.output(Array((0..<250).map { "l\($0)\n" }.joined().utf8)))
        #expect(s.log.buffer.count == 100)
        #expect(s.log.buffer[0].text == "l150")
        #expect(s.log.buffer.droppedCount == 150)
    }

    @Test("? opens the help; any key closes it")
    func help() {
        var s = state()
        _ = s.update(.key(.character("?")))
        #expect(s.showHelp)
        #expect(s.update(.key(.escape)).isEmpty)
        #expect(!s.showHelp)
    }

    @Test("A build stopped (or quit, or signalled) while it was prepared is kept as stopped, not failed or lost")
    func stoppedBeforeStart() {
        var s = state()
        let effects = s.update(.buildStoppedBeforeStart(now: 3, run: RunStart(id: RunID("prepared"), wallClock: 100)))
        #expect(s.phase == .finished(BuildOutcome(status: .exited(0), duration: 0, stopped: true)))
        let persisted = effects.compactMap { effect -> RunRecord? in
            if case .persist(let record) = effect { return record } else { return nil }
        }
        #expect(persisted.map(\.id.value) == ["prepared"] && persisted.first?.outcome.word == "stopped")
    }

    @Test("A build that cannot start is a failed build with the reason in the log, kept under its own id")
    func failedToStart() throws {
        var s = state()
        // A finished run first: the failed attempt must neither take its id nor its numbers.
        _ = s.update(.buildStarted(now: 1, run: RunStart(id: RunID("first"), wallClock: 50)))
        _ = s.update(.stats(try SccacheJSONParser.parse(try Fixture.text("stats-after-build2-warm.json")), final: true))
        _ = s.update(.buildEnded(.exited(0), now: 2, stopped: false))
        let attempt = RunStart(id: RunID("second"), wallClock: 100)
        let effects = s.update(.startFailed(.commandNotFound(program: "cargo"), now: 3, run: attempt))
        #expect(
            s.phase
                == .finished(
                    BuildOutcome(status: .exited(127), duration: 0, stopped: false, failure: "cargo: command not found on PATH")))
        let persisted = effects.compactMap { effect -> RunRecord? in
            if case .persist(let record) = effect { return record } else { return nil }
        }
        #expect(persisted.map(\.id.value) == ["second"])
        #expect(persisted.first?.outcome.word == "failed to start")
        #expect(persisted.first?.startedAt == 100)
        #expect(persisted.first?.stats == nil && persisted.first?.compiles.isEmpty == true)
        #expect(s.log.buffer[s.log.buffer.count - 1].text.contains("command not found"))
        // Without a name (its run directory could not be made) it is reported, not kept.
        let unnamed = s.update(.startFailed(.runDirectory(cause: "Permission denied"), now: 4))
        #expect(!unnamed.contains { if case .persist = $0 { return true } else { return false } })
        #expect(unnamed.contains { if case .writeReport = $0 { return true } else { return false } })
        #expect(s.notice?.text == "cannot create this run's directory: Permission denied")
        // As an older recording words it.
        _ = s.update(.buildFailedToStart("docker not found on PATH", now: 5))
        #expect(s.phase.outcome?.failure == "docker not found on PATH")
    }

    @Test("Notices expire")
    func noticeExpiry() {
        var s = state()
        _ = s.update(.notice(Notice("hello", ttl: 5)))
        _ = s.update(.tick(now: 4))
        #expect(s.notice != nil)
        _ = s.update(.tick(now: 5))
        #expect(s.notice == nil)
    }
}
