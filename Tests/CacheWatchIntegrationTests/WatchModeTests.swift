import CacheWatchCore
import CacheWatchRunner
import Foundation
import Testing

/// Watch mode in the real dashboard, in tmux: an edit re-runs the build by itself (named in the status bar), what
/// the build writes does not, W turns it off, an edit during a build restarts it; natively with inotify, and in
/// the container with the polling fallback.
@Suite("Watch mode in a real terminal", .serialized)
struct WatchModeTests {
    /// A tiny crate with its lock file (so the build itself writes nothing outside target/), at a path with spaces.
    private func project(in work: String) throws -> String {
        let project = try Scratch.tinyProject(at: work + "/watched 'crate'")
        let lock = try CommandRunner.run(["cargo", "generate-lockfile", "--offline"], directory: project, timeout: 60)
        #expect(lock.succeeded, "\(lock.stderr)")
        return project
    }

    private func edit(_ project: String, _ text: String) throws {
        try "pub fn answer() -> u32 { \(text) }\n".write(toFile: project + "/src/lib.rs", atomically: false, encoding: .utf8)
    }

    /// Proof that nothing since the last re-run started another, without waiting on a clock: a new file the
    /// watch must see (`src/sentinel-N.rs`) starts the next run, named alone; the watcher reports changes in order,
    /// so anything it saw before would have started a run first (or been named with it). Returns that run's number.
    @discardableResult
    private func sentinel(_ run: DashboardRun, _ project: String, _ number: Int, expectRun: Int) throws -> Int {
        let name = "src/sentinel-\(number).rs"
        try "// \(number)\n".write(toFile: project + "/" + name, atomically: false, encoding: .utf8)
        let screen = try run.tmux.waitFor(timeout: 60) { $0.contains("re-run: \(name) changed") && $0.contains("✔ succeeded") }
        #expect(runs(screen) == expectRun, "only the sentinel started a run: \(screen)")
        return runs(screen)
    }

    /// Run numbers the log's separators show ("── run 2: …").
    private func runs(_ screen: String) -> Int {
        (1...20).last { screen.contains("run \($0):") } ?? 0
    }

    @Test("A build that appends to a source file re-runs itself 3 times, then watch pauses naming the file; W resumes")
    func selfTriggered() throws {
        guard Harness.require(["cargo", "sccache", "tmux"]) else { return }
        let work = try Harness.temporaryDirectory("watch self")
        let project = try project(in: work)
        let mount = work + "/m"
        let run = try DashboardRun(
            "watch-self",
            arguments: [
                "--engine", "native", "--watch", "--project", project, "--mount-root", mount, "--no-record", "--",
                "sh", "-c", "echo '// generated' >> src/generated.rs; sleep 1",
            ])
        defer { run.tmux.kill() }
        let screen = try run.tmux.waitFor(timeout: 120) { $0.contains("Watch paused") }
        #expect(screen.contains("src/generated.rs"), "\(screen)")
        // The first run and 3 re-runs: each left a history row; the 5th never started.
        let settled = try run.tmux.waitFor(timeout: 30) { $0.contains("✔ succeeded") }
        #expect(runs(settled) == 4, "\(settled)")
        let lines = try String(contentsOfFile: project + "/src/generated.rs", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 4)
        // Run directories of this dashboard's earlier runs are pruned as runs go (at most the kept 20 in any case).
        let kept = try FileManager.default.contentsOfDirectory(atPath: mount + "/cachewatch/runs")
        #expect(kept.count <= 20 && !kept.isEmpty)
        try run.tmux.send("q")
        _ = try run.tmux.waitFor(timeout: 20) { $0.contains("CACHEWATCH-EXITED") }
    }

    @Test("Native: an edit re-runs (named in the status bar), target/ does not, W turns it off, an edit mid-build restarts")
    func native() throws {
        guard Harness.require(["cargo", "sccache", "tmux"]) else { return }
        let work = try Harness.temporaryDirectory("watch native")
        let project = try project(in: work)
        let run = try DashboardRun(
            "watch-native",
            arguments: [
                "--engine", "native", "--watch", "--project", project, "--mount-root", work + "/m", "--no-record", "--",
                "sh", "-c", "cargo build --release --offline && sleep \"${CW_SLEEP:-0}\"",
            ])
        defer { run.tmux.kill() }
        _ = try run.tmux.waitFor(timeout: 120) { $0.contains("✔ succeeded") && $0.contains(" watch  ") }
        // cargo made target/ (as a temporary directory, then renamed): not a change of the project.
        try sentinel(run, project, 1, expectRun: 2)

        try edit(project, "43")
        var screen = try run.tmux.waitFor(timeout: 60) { $0.contains("run 3:") && $0.contains("✔ succeeded") }
        #expect(screen.contains("re-run: src/lib.rs changed"), "\(screen)")

        // What the build writes (target/) is not a change of the project.
        try "x".write(toFile: project + "/target/release/scratch", atomically: false, encoding: .utf8)
        try sentinel(run, project, 2, expectRun: 4)

        // W: off, and an edit does nothing.
        try run.tmux.send("W")
        screen = try run.tmux.waitFor(timeout: 10) { $0.contains("Watch off") }
        #expect(!screen.contains(" watch  "), "the indicator is gone: \(screen)")
        try edit(project, "44")

        // On again: the next change re-runs, and the edit made while off never did.
        try run.tmux.send("W")
        _ = try run.tmux.waitFor(timeout: 10) { $0.contains("Watch on") }
        try sentinel(run, project, 3, expectRun: 5)

        try run.quit()
        #expect(run.terminalRestored)
        #expect(run.leftovers().isEmpty, "\(run.leftovers())")
    }

    @Test("An edit while the build runs restarts it (the default), or waits for it with --on-change wait")
    func strategies() throws {
        guard Harness.require(["cargo", "sccache", "tmux"]) else { return }
        for strategy in ["restart", "wait"] {
            let work = try Harness.temporaryDirectory("watch \(strategy)")
            let project = try project(in: work)
            // Each build takes 4 s after compiling, so an edit lands while it runs.
            let run = try DashboardRun(
                "watch-\(strategy)",
                arguments: [
                    "--engine", "native", "--watch", "--on-change", strategy, "--project", project, "--mount-root",
                    work + "/m", "--no-record", "--", "sh", "-c", "cargo build --release --offline && sleep 4",
                ])
            defer { run.tmux.kill() }
            _ = try run.tmux.waitFor(timeout: 120) { $0.contains("Finished") && $0.contains("● running") }
            try edit(project, "7")
            if strategy == "restart" {
                let screen = try run.tmux.waitFor(timeout: 30) { $0.contains("run 2:") }
                #expect(screen.contains("restarting the build"), "\(screen)")
                _ = try run.tmux.waitFor(timeout: 60) { $0.contains("✔ succeeded") }
                #expect(runs(try run.tmux.capture()) == 2)
            } else {
                let screen = try run.tmux.waitFor(timeout: 30) { $0.contains("re-runs when this one ends") }
                #expect(runs(screen) == 1, "the running build goes on")
                _ = try run.tmux.waitFor(timeout: 60) { $0.contains("run 2:") }
                _ = try run.tmux.waitFor(timeout: 60) { $0.contains("✔ succeeded") }
            }
            try run.quit()
            #expect(run.leftovers().isEmpty, "\(run.leftovers())")
        }
    }

    @Test("A burst of 50 edits in 100 ms starts exactly one re-run")
    func burst() throws {
        guard Harness.require(["cargo", "sccache", "tmux"]) else { return }
        let work = try Harness.temporaryDirectory("watch burst")
        let project = try project(in: work)
        let run = try DashboardRun(
            "watch-burst",
            arguments: [
                "--engine", "native", "--watch", "--project", project, "--mount-root", work + "/m", "--no-record", "--",
                "cargo", "build", "--release", "--offline",
            ])
        defer { run.tmux.kill() }
        _ = try run.tmux.waitFor(timeout: 120) { $0.contains("✔ succeeded") && $0.contains(" watch  ") }
        // What the first build wrote is behind us once a change of our own has been the next run.
        try sentinel(run, project, 1, expectRun: 2)
        let start = Date()
        for index in 0..<50 {
            try edit(project, String(index))
            Thread.sleep(forTimeInterval: 0.002)
        }
        let spent = Date().timeIntervalSince(start)
        var screen = try run.tmux.waitFor(timeout: 60) { $0.contains("run 3:") }
        let started = Date().timeIntervalSince(start)
        screen = try run.tmux.waitFor(timeout: 60) { $0.contains("run 3:") && $0.contains("✔ succeeded") }
        #expect(runs(screen) == 3, "one re-run for the burst (written in \(spent) s, seen \(started) s after): \(screen)")
        #expect(screen.contains("re-run: src/lib.rs changed"), "\(screen)")
        // No second re-run: the next change is the next run.
        try sentinel(run, project, 2, expectRun: 4)
        try run.quit()
        #expect(run.leftovers().isEmpty, "\(run.leftovers())")
    }

    @Test("The inotify watch limit reached mid-session (the kernel's real one): polling from then on, with a notice")
    func watchLimit() throws {
        guard Harness.require(["cargo", "sccache", "tmux"]) else { return }
        let work = try Harness.temporaryDirectory("watch limit")
        let project = try project(in: work)
        let run = try DashboardRun(
            "watch-limit",
            arguments: [
                "--engine", "native", "--watch", "--project", project, "--mount-root", work + "/m", "--no-record", "--",
                "cargo", "build", "--release", "--offline",
            ])
        defer { run.tmux.kill() }
        var screen = try run.tmux.waitFor(timeout: 120) { $0.contains("✔ succeeded") && $0.contains(" watch  ") }
        #expect(screen.contains("with inotify"), "\(screen)")
        do {
            // Every watch this user has left is taken, so the directory made next cannot be watched.
            let hog = try InotifyHog(scratch: work + "/hog")
            defer { hog.release() }
            #expect(hog.exhausted, "the limit of \(hog.limit) watches was not reached with \(hog.watches)")
            try FileManager.default.createDirectory(atPath: project + "/src/extra", withIntermediateDirectories: true)
            screen = try run.tmux.waitFor(timeout: 20) { $0.contains("Watch: polling") }
            #expect(screen.contains("inotify watch limit is reached"), "\(screen)")
        }
        // Polling from then on: an edit still re-runs the build.
        try edit(project, "77")
        screen = try run.tmux.waitFor(timeout: 60) { $0.contains("run 2:") && $0.contains("✔ succeeded") }
        #expect(screen.contains("polling the project's files every second"), "\(screen)")
        try run.quit()
        #expect(run.leftovers().isEmpty, "\(run.leftovers())")
    }

    @Test("In the container, with the polling fallback: host edits re-run the build in a new container")
    func dockerPolling() throws {
        guard DockerHarness.require(), Harness.require(["tmux", "cargo"]) else { return }
        let work = try Harness.temporaryDirectory("watch docker")
        let project = try project(in: work)
        let run = try DashboardRun(
            "watch-docker",
            arguments: [
                "--engine", "docker", "--image", DockerHarness.image, "--watch", "--project", project, "--mount-root",
                work + "/m", "--no-record",
            ] + DockerHarness.dockerArguments + ["--", "cargo", "build", "--release", "--offline"],
            environment: ["CACHEWATCH_WATCH": "poll"])
        defer { run.tmux.kill() }
        var screen = try run.tmux.waitFor(timeout: 180) { $0.contains("✔ succeeded") }
        #expect(screen.contains("polling the project's files every second"), "the fallback is said: \(screen)")
        try edit(project, "99")
        screen = try run.tmux.waitFor(timeout: 120) { $0.contains("run 2:") && $0.contains("✔ succeeded") }
        #expect(screen.contains("cachewatch: watch: src/lib.rs changed"), "\(screen)")
        try run.quit()
        #expect(run.leftovers().isEmpty && DockerHarness.containers(prefix: "cachewatch-").isEmpty)
    }

    @Test("--watch with --fresh, --compare or --headless is refused before anything starts, and says why")
    func refused() throws {
        guard let binary = Harness.binary else { return }
        for (flag, words) in [
            ("--fresh", "--fresh deletes it"), ("--compare", "two clean builds"), ("--headless", "needs the dashboard"),
        ] {
            let result = try CommandRunner.run([binary, "--watch", flag, "--engine", "native"], timeout: 30)
            #expect(!result.succeeded && result.stderr.contains(words), "\(flag): \(result.stderr)")
        }
    }
}

/// Takes every inotify watch the user has left, as many editors and file managers open do: inotify instances that
/// each watch a set of directories until the kernel answers ENOSPC (fs.inotify.max_user_watches), until released.
final class InotifyHog {
    private var descriptors: [Int32] = []
    private(set) var watches = 0
    private(set) var exhausted = false
    let limit: Int

    init(scratch: String) throws {
        limit =
            Int(
                ((try? String(contentsOfFile: "/proc/sys/fs/inotify/max_user_watches", encoding: .utf8)) ?? "8192")
                    .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 8192
        // A watch counts once per instance and directory: 60 instances (of the 128 a user may have) share the limit.
        let count = limit / 60 + 1
        var directories: [String] = []
        for index in 0..<count {
            let path = scratch + "/d\(index)"
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            directories.append(path)
        }
        while !exhausted {
            let fd = inotify_init1(Int32(IN_CLOEXEC))
            guard fd >= 0 else { break }
            descriptors.append(fd)
            for path in directories {
                if inotify_add_watch(fd, path, UInt32(IN_CREATE)) < 0 {
                    exhausted = errno == ENOSPC
                    break
                }
                watches += 1
            }
        }
    }

    func release() {
        for fd in descriptors { close(fd) }
        descriptors = []
    }
}
