import CacheWatchCore
import CacheWatchTestSupport
import Foundation
import Testing

@testable import CacheWatchRunner

/// The dashboard's whole loop in-process: a fake engine's build on a real PTY, an in-memory terminal, keys typed
/// by the test. What needs a real terminal (ncurses, signals, the shell's job control) stays in the tmux tests.
@Suite("The dashboard loop in-process", .serialized)
struct DashboardLoopTests {
    /// A session on a fake engine whose build is `script` (sh), with nothing recorded and no report.
    private func setup(
        _ name: String, script: String, recordTo recording: String? = nil, stats: String? = nil
    ) throws -> SessionSetup {
        let root = try TestDirectory.make(name)
        let mountRoot = root + "/mount"
        try SafeFile.makePath(MountLayout.ownDirectory(mountRoot: mountRoot))
        let engine = FakeEngine(command: ["sh", "-c", script], mountRoot: mountRoot, project: root)
        engine.statsJSON.set(stats)
        let events = EventQueue()
        let options = BuildSession.Options(owner: (getuid(), getgid()))
        let info = SessionInfo(engine: engine.name, project: name, command: script, projectPath: root)
        return SessionSetup(
            engine: engine, session: BuildSession(engine: engine, events: events, options: options), events: events,
            info: info, cacheLimit: nil, scrollback: 1000, report: nil, reportWriter: nil, traceWriter: nil,
            recordPath: recording, mountRoot: mountRoot, keepSessions: 1 << 20, maxLogSize: 1 << 20, ownerName: "you",
            banner: ["cachewatch: an in-process dashboard"], warnings: [],
            history: HistoryJob(mountRoot: mountRoot, events: events, engine: engine, project: root, explains: false),
            jobSummary: nil, watcher: nil, keymap: .standard, color: false, palette: [:])
    }

    /// Runs the loop on its own thread; returns its exit status once it returned.
    private func start(_ setup: SessionSetup, on terminal: MemoryTerminal) -> LockedValue<Int32?> {
        let status = LockedValue<Int32?>(nil)
        let thread = Thread {
            status.set(DashboardLoop(setup: setup, terminal: terminal, trapsSignals: false).run())
        }
        thread.start()
        return status
    }

    private func waitForExit(_ status: LockedValue<Int32?>, timeout: Double) -> Int32? {
        let deadline = MonotonicClock.now() + timeout
        while status.get() == nil && MonotonicClock.now() < deadline { usleep(10_000) }
        return status.get()
    }

    @Test("A build's output reaches the log pane and its verdict the status bar; q returns its status and restores")
    func buildToQuit() throws {
        let setup = try setup("in-process build", script: "printf '   Compiling demo-crate v0.1.0\\nfinished-%s\\n' here")
        let terminal = MemoryTerminal()
        let status = start(setup, on: terminal)
        #expect(terminal.waitFor("succeeded in"), "\(terminal.text)")
        #expect(terminal.text.contains("finished-here"), "\(terminal.text)")
        #expect(terminal.text.contains("an in-process dashboard"), "\(terminal.text)")
        #expect(terminal.text.contains("── run 1:"), "\(terminal.text)")
        terminal.type(.character("q"))
        #expect(waitForExit(status, timeout: 10) == 0)
        #expect(terminal.restored.get(), "the terminal is given back first, before the build is stopped")
    }

    @Test("A failed build's status is the loop's; r runs it again as run 2")
    func failureAndRerun() throws {
        let setup = try setup("in-process failure", script: "echo 'error: no such crate'; exit 3")
        let terminal = MemoryTerminal()
        let status = start(setup, on: terminal)
        #expect(terminal.waitFor("failed with exit 3"), "\(terminal.text)")
        terminal.type(.character("r"))
        #expect(terminal.waitFor("── run 2:"), "\(terminal.text)")
        #expect(terminal.waitFor("failed with exit 3"), "\(terminal.text)")
        terminal.type(.character("q"))
        #expect(waitForExit(status, timeout: 10) == 3)
    }

    @Test("q while the build runs answers at once: the build's process is gone when the loop returns")
    func quitStopsTheBuild() throws {
        let root = try TestDirectory.make("in-process quit pid")
        let pidFile = root + "/build.pid"
        let setup = try setup("in-process quit", script: "echo $$ > '\(pidFile)'; echo build-is-up; exec sleep 60")
        let terminal = MemoryTerminal()
        let status = start(setup, on: terminal)
        #expect(terminal.waitFor("build-is-up"), "\(terminal.text)")
        let pid = try #require(
            Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, 0) == 0, "the build runs")
        let asked = MonotonicClock.now()
        terminal.type(.character("q"))
        let code = waitForExit(status, timeout: 10)
        #expect(code == 0, "a build the user stopped counts as success")
        #expect(MonotonicClock.now() - asked < 5, "the loop returned within its shutdown bound")
        #expect(kill(pid, 0) == -1 && errno == ESRCH, "the build's process outlived the dashboard")
    }

    @Test("A session recorded in-process replays in-process: the same log and verdict, [ and ] seek, q quits")
    func recordThenReplay() throws {
        let root = try TestDirectory.make("in-process replay")
        let recording = root + "/session.cwrec"
        let setup = try setup("in-process record", script: "printf 'replayed-%s\\n' line; exit 4", recordTo: recording)
        let live = MemoryTerminal()
        let status = start(setup, on: live)
        #expect(live.waitFor("failed with exit 4"), "\(live.text)")
        live.type(.character("q"))
        #expect(waitForExit(status, timeout: 10) == 4)

        let file = try RecordingFile(path: recording)
        let terminal = MemoryTerminal()
        let replayed = LockedValue<Int32?>(nil)
        Thread {
            replayed.set(
                ReplayLoop(file: file, speed: nil, from: 0, keymap: .standard, terminal: terminal, trapsSignals: false).run())
        }.start()
        #expect(terminal.waitFor("replayed-line"), "\(terminal.text)")
        #expect(terminal.waitFor("failed with exit 4"), "\(terminal.text)")
        terminal.type(.character("["), .character("]"), .character("q"))
        #expect(waitForExit(replayed, timeout: 10) == 0)
    }

    @Test("A paused replay stays put however far its clock moves; Space plays on from where it stopped")
    func pausedReplay() throws {
        let root = try TestDirectory.make("in-process pause")
        let recording = root + "/session.cwrec"
        let setup = try setup(
            "in-process pause record", script: "for i in 1 2 3; do printf 'played-%s\\n' $i; sleep 0.3; done",
            recordTo: recording)
        let live = MemoryTerminal()
        let status = start(setup, on: live)
        #expect(live.waitFor("succeeded in"), "\(live.text)")
        live.type(.character("q"))
        #expect(waitForExit(status, timeout: 10) == 0)

        let now = LockedValue(0.0)
        let terminal = MemoryTerminal()
        let replayed = LockedValue<Int32?>(nil)
        let file = try RecordingFile(path: recording)
        Thread {
            replayed.set(
                ReplayLoop(
                    file: file, speed: 1, from: 0, keymap: .standard, terminal: terminal, trapsSignals: false,
                    clock: { now.get() }
                ).run())
        }.start()
        #expect(terminal.waitFor("▶ replay"), "\(terminal.text)")
        terminal.type(.character(" "))
        #expect(terminal.waitFor("paused"), "\(terminal.text)")
        now.set(100)
        // The loop ran after the clock moved (it drew the help), and played nothing: no output is shown.
        terminal.type(.character("?"))
        #expect(terminal.waitFor("Keys"), "\(terminal.text)")
        #expect(!terminal.text.contains("played-1"), "\(terminal.text)")
        terminal.type(.escape, .character(" "))
        #expect(terminal.waitFor("▶ replay"), "\(terminal.text)")
        #expect(!terminal.text.contains("played-1"), "playing on from where it paused, not from the clock: \(terminal.text)")
        now.set(102)
        #expect(terminal.waitFor("played-3"), "\(terminal.text)")
        terminal.type(.character("q"))
        #expect(waitForExit(replayed, timeout: 10) == 0)
    }

    /// sccache 0.16's `--show-stats --stats-format=json` after a warm build of the sample workspace (13 hits).
    static let warmStats =
        #"{"stats":{"compile_requests":56,"requests_unsupported_compiler":0,"requests_not_compile":0,"requests_not_cacheable":28,"requests_executed":28,"cache_errors":{"counts":{"Rust":2},"adv_counts":{"rust":2}},"cache_hits":{"counts":{"Rust":13},"adv_counts":{"rust":13}},"cache_misses":{"counts":{"Rust":13},"adv_counts":{"rust":13}},"cache_timeouts":0,"cache_read_errors":0,"non_cacheable_compilations":0,"forced_recaches":0,"cache_write_errors":0,"cache_writes":13,"cache_write_duration":{"secs":0,"nanos":53896219},"cache_read_hit_duration":{"secs":0,"nanos":2208389},"compilations":13,"compiler_write_duration":{"secs":33,"nanos":424661234},"compile_fails":0,"not_cached":{"-":2,"crate-type":22,"missing input":4},"dist_compiles":{},"dist_errors":0,"multi_level":null},"cache_location":"Local disk: \"/home/dev/demo/cache\"","cache_size":14137056,"max_cache_size":10737418240,"use_preprocessor_cache_mode":true,"version":"0.16.0","basedirs":[]}"#

    @Test("While the build runs, Core's schedule samples sccache: the panel shows its numbers before the build ends")
    func liveStats() throws {
        let setup = try setup("in-process stats", script: "echo build-is-up; exec sleep 60", stats: Self.warmStats)
        let engine = try #require(setup.engine as? FakeEngine)
        let terminal = MemoryTerminal()
        let status = start(setup, on: terminal)
        #expect(terminal.waitFor("build-is-up"), "\(terminal.text)")
        #expect(terminal.waitFor("sccache · live"), "\(terminal.text)")
        #expect(terminal.text.contains("Compile requests     56 (28 executed)"), "\(terminal.text)")
        #expect(terminal.text.contains("running"), "the numbers came while the build ran: \(terminal.text)")
        let asked = engine.samples.get()
        let deadline = MonotonicClock.now() + 20
        while engine.samples.get() < asked + 2 && MonotonicClock.now() < deadline { usleep(10_000) }
        #expect(engine.samples.get() >= asked + 2, "sampled again and again while it runs")
        terminal.type(.character("q"))
        #expect(waitForExit(status, timeout: 10) == 0)
    }
}
