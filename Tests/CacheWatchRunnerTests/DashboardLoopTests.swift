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
    private func setup(_ name: String, script: String, recordTo recording: String? = nil) throws -> SessionSetup {
        let root = try TestDirectory.make(name)
        let mountRoot = root + "/mount"
        try SafeFile.makePath(MountLayout.ownDirectory(mountRoot: mountRoot))
        let engine = FakeEngine(command: ["sh", "-c", script], mountRoot: mountRoot, project: root)
        let events = EventQueue()
        var options = BuildSession.Options(owner: (getuid(), getgid()))
        options.statsInterval = 0.1
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
}
