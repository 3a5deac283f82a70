import CacheWatchCore
import CacheWatchTestSupport
import Foundation

@testable import CacheWatchRunner

/// The dashboard's whole loop in-process: a fake engine whose build is `script` (sh) on a real PTY, an in-memory
/// terminal, keys typed by the test, the loop on a thread of its own. What needs a real terminal (ncurses, signals,
/// the shell's job control) stays in the tmux tests.
final class InProcessDashboard {
    let terminal: MemoryTerminal
    let setup: SessionSetup
    let engine: FakeEngine
    /// The build's working directory (the project: what watch mode watches).
    let project: String
    let status = LockedValue<Int32?>(nil)

    /// - Parameters:
    ///   - watch: watch mode with this strategy (a real `FileWatcher` on `project`), nil for none.
    ///   - width: the terminal's size, with `height`.
    init(
        _ name: String, script: String, recordTo recording: String? = nil, stats: String? = nil,
        watch: WatchSettings.Strategy? = nil, debounce: Double = 0.1, width: Int = 110, height: Int = 32
    ) throws {
        terminal = MemoryTerminal(width: width, height: height)
        let root = try TestDirectory.make(name)
        let mountRoot = root + "/mount"
        project = root + "/project"
        try SafeFile.makePath(project + "/src")
        try SafeFile.makePath(MountLayout.ownDirectory(mountRoot: mountRoot))
        engine = FakeEngine(command: ["sh", "-c", script], mountRoot: mountRoot, project: project)
        engine.statsJSON.set(stats)
        let events = EventQueue()
        let options = BuildSession.Options(owner: (getuid(), getgid()))
        let info = SessionInfo(
            engine: engine.name, project: name, command: script, projectPath: project,
            watch: watch.map { WatchSettings(enabled: true, debounce: debounce, strategy: $0) })
        setup = SessionSetup(
            engine: engine, session: BuildSession(engine: engine, events: events, options: options), events: events,
            info: info, cacheLimit: nil, scrollback: 1000, report: nil, reportWriter: nil, traceWriter: nil,
            recordPath: recording, mountRoot: mountRoot, keepSessions: 1 << 20, maxLogSize: 1 << 20, ownerName: "you",
            banner: ["cachewatch: an in-process dashboard"], warnings: [],
            history: HistoryJob(mountRoot: mountRoot, events: events, engine: engine, project: project, explains: false),
            jobSummary: nil,
            watcher: watch == nil ? nil : SessionSetup.watcher(project: project, mountRoot: mountRoot, events: events),
            keymap: .standard, color: false, palette: [:])
    }

    /// Starts the loop on its own thread.
    @discardableResult
    func start() -> Self {
        let (setup, terminal, status) = (setup, terminal, status)
        Thread { status.set(DashboardLoop(setup: setup, terminal: terminal, trapsSignals: false).run()) }.start()
        return self
    }

    /// The loop's exit status once it returned, nil if it did not within `timeout`.
    func waitForExit(timeout: Double) -> Int32? {
        Self.wait(for: status, timeout: timeout)
    }

    /// A loop's exit status (`status`, set by its thread) once it returned, nil if it did not within `timeout`.
    static func wait(for status: LockedValue<Int32?>, timeout: Double) -> Int32? {
        let deadline = MonotonicClock.now() + timeout
        while status.get() == nil && MonotonicClock.now() < deadline { usleep(10_000) }
        return status.get()
    }

    /// Types `q` and returns the loop's exit status.
    func quit(timeout: Double = 10) -> Int32? {
        terminal.type(.character("q"))
        return waitForExit(timeout: timeout)
    }

    /// Waits until the screen satisfies `condition`; returns the screen it last saw.
    func waitUntil(timeout: Double = 20, _ condition: (String) -> Bool) -> (met: Bool, screen: String) {
        let deadline = MonotonicClock.now() + timeout
        while MonotonicClock.now() < deadline {
            let screen = terminal.text
            if condition(screen) { return (true, screen) }
            usleep(5_000)
        }
        let screen = terminal.text
        return (condition(screen), screen)
    }

    /// Writes `text` to `path` (relative to the project).
    func write(_ path: String, _ text: String) throws {
        try text.write(toFile: project + "/" + path, atomically: false, encoding: .utf8)
    }
}
