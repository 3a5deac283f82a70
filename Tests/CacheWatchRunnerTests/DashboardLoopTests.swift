import CacheWatchCore
import CacheWatchTestSupport
import Foundation
import Testing

@testable import CacheWatchRunner

/// The dashboard's whole loop in-process (`InProcessDashboard`), and the replay's.
@Suite("The dashboard loop in-process", .serialized)
struct DashboardLoopTests {
    @Test("A build's output reaches the log pane and its verdict the status bar; q returns its status and restores")
    func buildToQuit() throws {
        let dashboard = try InProcessDashboard(
            "in-process build", script: "printf '   Compiling demo-crate v0.1.0\\nfinished-%s\\n' here"
        ).start()
        let terminal = dashboard.terminal
        #expect(terminal.waitFor("succeeded in"), "\(terminal.text)")
        #expect(terminal.text.contains("finished-here"), "\(terminal.text)")
        #expect(terminal.text.contains("an in-process dashboard"), "\(terminal.text)")
        #expect(terminal.text.contains("── run 1:"), "\(terminal.text)")
        #expect(dashboard.quit() == 0)
        #expect(terminal.restored.get(), "the terminal is given back first, before the build is stopped")
    }

    @Test("A failed build's status is the loop's; r runs it again as run 2")
    func failureAndRerun() throws {
        let dashboard = try InProcessDashboard("in-process failure", script: "echo 'error: no such crate'; exit 3").start()
        let terminal = dashboard.terminal
        #expect(terminal.waitFor("failed with exit 3"), "\(terminal.text)")
        terminal.type(.character("r"))
        #expect(terminal.waitFor("── run 2:"), "\(terminal.text)")
        #expect(terminal.waitFor("failed with exit 3"), "\(terminal.text)")
        #expect(dashboard.quit() == 3)
    }

    @Test("q while the build runs answers at once: the build's process is gone when the loop returns")
    func quitStopsTheBuild() throws {
        let root = try TestDirectory.make("in-process quit pid")
        let pidFile = root + "/build.pid"
        let dashboard = try InProcessDashboard(
            "in-process quit", script: "echo $$ > '\(pidFile)'; echo build-is-up; exec sleep 60"
        ).start()
        let terminal = dashboard.terminal
        #expect(terminal.waitFor("build-is-up"), "\(terminal.text)")
        let pid = try #require(
            Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, 0) == 0, "the build runs")
        let asked = MonotonicClock.now()
        let code = dashboard.quit()
        #expect(code == 0, "a build the user stopped counts as success")
        #expect(MonotonicClock.now() - asked < 5, "the loop returned within its shutdown bound")
        #expect(kill(pid, 0) == -1 && errno == ESRCH, "the build's process outlived the dashboard")
    }

    @Test("A crashing build is a failed build, its signal named; the loop returns the shell's status for it")
    func crashingBuild() throws {
        let dashboard = try InProcessDashboard("in-process crash", script: "echo about to crash; kill -SEGV $$").start()
        #expect(dashboard.terminal.waitFor("killed by signal 11"), "\(dashboard.terminal.text)")
        #expect(dashboard.terminal.text.contains("about to crash"), "\(dashboard.terminal.text)")
        #expect(dashboard.quit() == 139)
        #expect(dashboard.terminal.restored.get())
    }

    /// sccache 0.16's text report after a warm build of the sample workspace (`--show-stats`), as a real server gave it.
    static let warmReport = """
        Compile requests                     56
        Compile requests executed            28
        Cache hits                           13
        Cache hits (Rust)                    13
        Cache misses                         13
        Cache misses (Rust)                  13
        Cache hits rate                   50.00 %
        Cache hits rate (Rust)            50.00 %
        Cache timeouts                        0
        Cache read errors                     0
        Forced recaches                       0
        Cache write errors                    0
        Cache errors                          2
        Cache errors (Rust)                   2
        Compilations                         13
        Compilation failures                  0
        Non-cacheable compilations            0
        Non-cacheable calls                  28
        Non-compilation calls                 0
        Unsupported compiler calls            0
        Average cache write               0.004 s
        Average compiler                  2.571 s
        Average cache read hit            0.000 s
        Failed distributed compilations       0

        Non-cacheable reasons:
        crate-type                           22
        missing input                         4
        -                                     2

        Cache location                  Local disk: "/home/dev/demo/cache"
        Base directories                (none)
        Use direct/preprocessor mode?   yes
        Version (client)                0.16.0
        Cache size                           13 MiB
        Max cache size                       10 GiB

        """

    @Test("A crashing build on a 35-row terminal: its last line stays in view above sccache's folded report; F unfolds")
    func foldedReportKeepsTheTail() throws {
        let dashboard = try InProcessDashboard(
            "in-process folded", script: "echo about to crash; kill -SEGV $$", width: 120, height: 35)
        dashboard.engine.finalJSON.set(Self.warmStats)
        dashboard.engine.finalReport.set(Self.warmReport)
        dashboard.start()
        let crashed = dashboard.waitUntil { $0.contains("killed by signal 11") && $0.contains("▸ sccache's final report (") }
        #expect(crashed.met && crashed.screen.contains("about to crash"), "\(crashed.screen)")
        dashboard.terminal.type(.character("F"))
        let unfolded = dashboard.waitUntil { $0.contains("Non-compilation calls") }
        #expect(unfolded.met && unfolded.screen.contains("Max cache size"), "the report's lines:\n\(unfolded.screen)")
        #expect(dashboard.quit() == 139)
    }

    @Test("r pressed 20 times at once makes one new build, not 20 starts and stops")
    func manyReruns() throws {
        let dashboard = try InProcessDashboard("in-process reruns", script: "echo building; exec sleep 30").start()
        let running = dashboard.waitUntil { $0.contains("building") && $0.contains("● running") }
        #expect(running.met, "\(running.screen)")
        dashboard.terminal.type(contentsOf: Array(repeating: .character("r"), count: 20))
        let rerun = dashboard.waitUntil { $0.contains("── run 2:") && $0.contains("● running") }
        #expect(rerun.met, "\(rerun.screen)")
        // A stop is carried out after every start asked before it (the session's one queue): once the build shows
        // stopped, a third start would have shown first.
        dashboard.terminal.type(.character("s"))
        let stopped = dashboard.waitUntil { $0.contains("stopped after") }
        #expect(stopped.met && !stopped.screen.contains("── run 3:"), "\(stopped.screen)")
        #expect(dashboard.engine.completed.get() == 2, "one build at launch, one for the 20 r's")
        #expect(dashboard.quit() == 0)
    }

    @Test("A session recorded in-process replays in-process: the same log and verdict, [ and ] seek, q quits")
    func recordThenReplay() throws {
        let root = try TestDirectory.make("in-process replay")
        let recording = root + "/session.cwrec"
        let dashboard = try InProcessDashboard(
            "in-process record", script: "printf 'replayed-%s\\n' line; exit 4", recordTo: recording
        ).start()
        let live = dashboard.terminal
        #expect(live.waitFor("failed with exit 4"), "\(live.text)")
        #expect(dashboard.quit() == 4)

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
        #expect(InProcessDashboard.wait(for: replayed, timeout: 10) == 0)
    }

    @Test("A paused replay stays put however far its clock moves; Space plays on from where it stopped")
    func pausedReplay() throws {
        let root = try TestDirectory.make("in-process pause")
        let recording = root + "/session.cwrec"
        let dashboard = try InProcessDashboard(
            "in-process pause record", script: "for i in 1 2 3; do printf 'played-%s\\n' $i; sleep 0.3; done",
            recordTo: recording
        ).start()
        let live = dashboard.terminal
        #expect(live.waitFor("succeeded in"), "\(live.text)")
        #expect(dashboard.quit() == 0)

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
        #expect(InProcessDashboard.wait(for: replayed, timeout: 10) == 0)
    }

    /// sccache 0.16's `--show-stats --stats-format=json` after a warm build of the sample workspace (13 hits).
    static let warmStats =
        #"{"stats":{"compile_requests":56,"requests_unsupported_compiler":0,"requests_not_compile":0,"requests_not_cacheable":28,"requests_executed":28,"cache_errors":{"counts":{"Rust":2},"adv_counts":{"rust":2}},"cache_hits":{"counts":{"Rust":13},"adv_counts":{"rust":13}},"cache_misses":{"counts":{"Rust":13},"adv_counts":{"rust":13}},"cache_timeouts":0,"cache_read_errors":0,"non_cacheable_compilations":0,"forced_recaches":0,"cache_write_errors":0,"cache_writes":13,"cache_write_duration":{"secs":0,"nanos":53896219},"cache_read_hit_duration":{"secs":0,"nanos":2208389},"compilations":13,"compiler_write_duration":{"secs":33,"nanos":424661234},"compile_fails":0,"not_cached":{"-":2,"crate-type":22,"missing input":4},"dist_compiles":{},"dist_errors":0,"multi_level":null},"cache_location":"Local disk: \"/home/dev/demo/cache\"","cache_size":14137056,"max_cache_size":10737418240,"use_preprocessor_cache_mode":true,"version":"0.16.0","basedirs":[]}"#

    @Test("While the build runs, Core's schedule samples sccache: the panel shows its numbers before the build ends")
    func liveStats() throws {
        let dashboard = try InProcessDashboard(
            "in-process stats", script: "echo build-is-up; exec sleep 60", stats: Self.warmStats
        ).start()
        let (engine, terminal) = (dashboard.engine, dashboard.terminal)
        #expect(terminal.waitFor("build-is-up"), "\(terminal.text)")
        #expect(terminal.waitFor("sccache · live"), "\(terminal.text)")
        #expect(terminal.text.contains("Compile requests     56 (28 executed)"), "\(terminal.text)")
        #expect(terminal.text.contains("running"), "the numbers came while the build ran: \(terminal.text)")
        let asked = engine.samples.get()
        let deadline = MonotonicClock.now() + 20
        while engine.samples.get() < asked + 2 && MonotonicClock.now() < deadline { usleep(10_000) }
        #expect(engine.samples.get() >= asked + 2, "sampled again and again while it runs")
        #expect(dashboard.quit() == 0)
    }
}
