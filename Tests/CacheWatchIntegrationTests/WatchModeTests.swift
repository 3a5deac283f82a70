import CacheWatchCore
import CacheWatchRunner
import Foundation
import Testing

/// Watch mode in the real dashboard, in tmux, with real cargo builds: an edit re-runs the build by itself (named
/// in the status bar), what cargo writes does not, W turns it off; the kernel's inotify limit; in the container with
/// the polling fallback. The strategies, bursts and a build that triggers itself are the in-process dashboard's
/// (WatchLoopTests).
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
        // While the next run prepares, the status bar names its trigger beside the last run's verdict: the run is
        // seen once its own separator shows (a run more than expected fails the check below).
        let screen = try run.tmux.waitFor(timeout: 60) {
            $0.contains("re-run: \(name) changed") && $0.contains("✔ succeeded") && runs($0) >= expectRun
        }
        #expect(runs(screen) == expectRun, "only the sentinel started a run: \(screen)")
        return runs(screen)
    }

    /// Run numbers the log's separators show ("── run 2: …").
    private func runs(_ screen: String) -> Int {
        (1...20).last { screen.contains("run \($0):") } ?? 0
    }

    @Test("Native: an edit re-runs (named in the status bar), target/ does not, W turns it off and on")
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
