import CacheWatchCore
import CacheWatchTestSupport
import Foundation
import Testing

@testable import CacheWatchRunner

/// Watch mode in the in-process dashboard: the real file watcher on a real project directory, a fake engine's
/// build, the screen read from memory. Every wait is on what the screen shows; "nothing else started a run" is
/// proved by a sentinel change that must be the next run, alone. tmux keeps watch mode with a real cargo build
/// (WatchModeTests).
@Suite("Watch mode in the in-process dashboard", .serialized)
struct WatchLoopTests {
    /// The highest run number the log's separators show ("── run 2: …").
    private func runs(_ screen: String) -> Int {
        (1...30).last { screen.contains("── run \($0):") } ?? 0
    }

    /// Waits until the watcher said it watches for the `count`th time (it starts off the dashboard's thread, with the
    /// first build or when W turns it on: a change before that is not its to see).
    private func watching(_ dashboard: InProcessDashboard, _ count: Int = 1) {
        let (met, screen) = dashboard.waitUntil { $0.components(separatedBy: "watch: watching").count > count }
        #expect(met, "the watcher started: \(screen)")
    }

    /// A new file the watch must see starts the next run, named alone: anything seen before it would have started
    /// a run first, or been named with it. Returns the screen once that run succeeded.
    @discardableResult
    private func sentinel(_ dashboard: InProcessDashboard, _ number: Int, expectRun: Int) throws -> String {
        let name = "src/sentinel-\(number).rs"
        try dashboard.write(name, "// \(number)\n")
        let (met, screen) = dashboard.waitUntil {
            $0.contains("── run \(expectRun):") && $0.contains("re-run: \(name) changed") && $0.contains("✔ succeeded")
        }
        #expect(met, "\(screen)")
        #expect(runs(screen) == expectRun, "only the sentinel started a run: \(screen)")
        return screen
    }

    @Test("An edit re-runs, named in the status bar; what the build writes under target/ does not; W turns it off and on")
    func editsAndToggle() throws {
        let dashboard = try InProcessDashboard(
            "watch edits", script: "mkdir -p target/out && echo $$ > target/out/stamp && echo built", watch: .restart)
        dashboard.start()
        #expect(dashboard.waitUntil { $0.contains("✔ succeeded") && $0.contains(" watch  ") }.met, "\(dashboard.terminal.text)")
        watching(dashboard)
        // The build made target/ and wrote in it: not a change of the project.
        try sentinel(dashboard, 1, expectRun: 2)

        try dashboard.write("src/lib.rs", "pub fn answer() -> u32 { 43 }\n")
        let edited = dashboard.waitUntil { $0.contains("── run 3:") && $0.contains("✔ succeeded") }
        #expect(edited.met && edited.screen.contains("re-run: src/lib.rs changed"), "\(edited.screen)")

        try dashboard.write("target/scratch", "x")
        try sentinel(dashboard, 2, expectRun: 4)

        dashboard.terminal.type(.character("W"))
        let off = dashboard.waitUntil { $0.contains("Watch off") }
        #expect(off.met && !off.screen.contains(" watch  "), "the indicator is gone: \(off.screen)")
        try dashboard.write("src/lib.rs", "pub fn answer() -> u32 { 44 }\n")
        dashboard.terminal.type(.character("W"))
        #expect(dashboard.waitUntil { $0.contains("Watch on") }.met, "\(dashboard.terminal.text)")
        watching(dashboard, 2)
        // The edit made while it was off never re-ran: the next change is the next run.
        try sentinel(dashboard, 3, expectRun: 5)
        #expect(dashboard.quit() == 0)
    }

    /// A dashboard with `strategy` whose build runs until the test lets it end (`release`, outside the project, is
    /// not watched), with src/lib.rs edited while it runs.
    private func editWhileBuilding(_ name: String, _ strategy: WatchSettings.Strategy) throws -> InProcessDashboard {
        let dashboard = try InProcessDashboard(
            name, script: "echo compiling; while [ ! -e ../release ]; do sleep 0.02; done; echo compiled",
            watch: strategy)
        dashboard.start()
        #expect(dashboard.waitUntil { $0.contains("compiling") && $0.contains("running") }.met, "\(dashboard.terminal.text)")
        watching(dashboard)
        try dashboard.write("src/lib.rs", "// 7\n")
        return dashboard
    }

    /// The test's word to a build that waits for it: the file `name` beside the project (not watched).
    private func signal(_ dashboard: InProcessDashboard, _ name: String) throws {
        try "".write(toFile: dashboard.project + "/../" + name, atomically: false, encoding: .utf8)
    }

    @Test("An edit while the build runs restarts it (the default strategy)")
    func restartStrategy() throws {
        let dashboard = try editWhileBuilding("watch restart", .restart)
        let restarted = dashboard.waitUntil { $0.contains("── run 2:") }
        #expect(restarted.met && restarted.screen.contains("restarting the build"), "\(restarted.screen)")
        try signal(dashboard, "release")
        let done = dashboard.waitUntil { $0.contains("compiled") && $0.contains("✔ succeeded") }
        #expect(done.met && runs(done.screen) == 2, "\(done.screen)")
        #expect(dashboard.quit() == 0)
    }

    @Test("With --on-change wait, an edit while the build runs re-runs it once that build ended")
    func waitStrategy() throws {
        let dashboard = try editWhileBuilding("watch wait", .wait)
        let held = dashboard.waitUntil { $0.contains("re-runs when this one ends") }
        #expect(held.met && runs(held.screen) == 1, "the running build goes on: \(held.screen)")
        try signal(dashboard, "release")
        let rerun = dashboard.waitUntil { $0.contains("── run 2:") && $0.contains("✔ succeeded") }
        #expect(rerun.met && rerun.screen.contains("cachewatch: watch: src/lib.rs changed "), "\(rerun.screen)")
        #expect(!rerun.screen.contains("restarting the build"), "\(rerun.screen)")
        #expect(dashboard.quit() == 0)
    }

    @Test("A burst of 50 edits in 100 ms starts exactly one re-run")
    func burst() throws {
        let dashboard = try InProcessDashboard("watch burst", script: "echo built", watch: .restart)
        dashboard.start()
        #expect(dashboard.waitUntil { $0.contains("✔ succeeded") && $0.contains(" watch  ") }.met, "\(dashboard.terminal.text)")
        watching(dashboard)
        for index in 0..<50 {
            try dashboard.write("src/lib.rs", "pub fn answer() -> u32 { \(index) }\n")
            usleep(2_000)
        }
        let rerun = dashboard.waitUntil { $0.contains("── run 2:") && $0.contains("✔ succeeded") }
        #expect(rerun.met && rerun.screen.contains("re-run: src/lib.rs changed"), "\(rerun.screen)")
        // No second re-run for the burst: the next change is the next run.
        try sentinel(dashboard, 1, expectRun: 3)
        #expect(dashboard.quit() == 0)
    }

    @Test("A build that changes a source file itself re-runs 3 times, then watch pauses naming the file; W resumes")
    func selfTriggered() throws {
        let dashboard = try InProcessDashboard(
            "watch self",
            script: "until [ -e ../watching ]; do sleep 0.02; done; echo '// generated' >> src/generated.rs; sleep 0.3",
            watch: .restart)
        dashboard.start()
        // The first build changes its file once the watcher watches (the test's word: `watching`, outside the project).
        watching(dashboard)
        try signal(dashboard, "watching")
        let paused = dashboard.waitUntil(timeout: 60) { $0.contains("Watch paused") && $0.contains("✔ succeeded") }
        #expect(paused.met && paused.screen.contains("src/generated.rs"), "\(paused.screen)")
        // The first run and 3 re-runs; the 5th never started.
        #expect(runs(paused.screen) == 4, "\(paused.screen)")
        let lines = try String(contentsOfFile: dashboard.project + "/src/generated.rs", encoding: .utf8)
        #expect(lines.split(separator: "\n").count == 4)
        dashboard.terminal.type(.character("W"))
        #expect(dashboard.waitUntil { $0.contains("Watch on") }.met, "\(dashboard.terminal.text)")
        #expect(dashboard.quit() == 0)
    }
}
