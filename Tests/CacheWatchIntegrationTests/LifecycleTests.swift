import CacheWatchCore
import Foundation
import Testing

@testable import CacheWatchRunner

/// Children and containers die with the dashboard; two dashboards on one mount root never mix; the end of a run
/// reads right. The real binary in tmux, the real engine, real builds.
@Suite("Lifecycles in a real terminal", .serialized)
struct LifecycleTests {
    private func dashboardPID(_ run: DashboardRun) -> pid_t? {
        Harness.processes(marked: run.marker).compactMap { line -> pid_t? in
            let parts = line.split(separator: " ")
            guard parts.count > 1, parts[1].hasSuffix("/cachewatch") else { return nil }
            return pid_t(parts[0])
        }.first
    }

    @Test("kill -9 of the dashboard mid-build: cargo, rustc and the sccache server die with it")
    func killNative() throws {
        guard Harness.require(["cargo", "sccache", "tmux"]) else { return }
        let mount = try Harness.temporaryDirectory("kill native")
        let run = try DashboardRun("kill-native", arguments: ["demo", "--engine", "native", "--mount-root", mount])
        defer { run.tmux.kill() }
        _ = try run.tmux.waitFor(timeout: 120) { $0.contains("Compiling") && $0.contains("● running") }
        let left = Harness.processes(marked: run.marker)
        #expect(left.contains { $0.contains("sccache") } && left.contains { $0.contains("cargo") }, "\(left)")
        kill(try #require(dashboardPID(run)), SIGKILL)
        let gone = Harness.waitUntil(5) { Harness.processes(marked: run.marker).isEmpty }
        #expect(gone, "left after kill -9: \(Harness.processes(marked: run.marker))")
    }

    @Test("kill -9 of the dashboard mid-build in the container: the container is removed too")
    func killDocker() throws {
        guard DockerHarness.require(), Harness.require(["tmux"]) else { return }
        let work = try Harness.temporaryDirectory("kill docker")
        let project = try DockerHarness.demoCopy(in: work)
        let run = try DashboardRun(
            "kill-docker",
            arguments: ["--engine", "docker", "--image", DockerHarness.image, "--project", project, "--mount-root", work + "/m"]
                + DockerHarness.dockerArguments)
        defer { run.tmux.kill() }
        _ = try run.tmux.waitFor(timeout: 120) { $0.contains("Compiling") && $0.contains("● running") }
        let pid = try #require(dashboardPID(run))
        #expect(!DockerHarness.containers(prefix: "cachewatch-\(pid)-").isEmpty, "a container runs")
        kill(pid, SIGKILL)
        let gone = Harness.waitUntil(15) { DockerHarness.containers(prefix: "cachewatch-\(pid)-").isEmpty }
        #expect(gone, "left after kill -9: \(DockerHarness.containers(prefix: "cachewatch-\(pid)-"))")
        #expect(
            Harness.waitUntil(5) { Harness.processes(marked: run.marker).isEmpty }, "\(Harness.processes(marked: run.marker))")
    }

    @Test("kill -9 of the dashboard while its chown container runs: the container is removed too")
    func killDuringChown() throws {
        guard DockerHarness.require(), Harness.require(["tmux"]) else { return }
        let work = try Harness.temporaryDirectory("kill chown")
        let project = try Scratch.tinyProject(at: work + "/project")
        // Enough files that the chown container runs for a while.
        try Scratch.manyFiles(in: project + "/target/many", count: 120_000)
        let run = try DashboardRun(
            "kill-chown",
            arguments: [
                "--engine", "docker", "--image", DockerHarness.image, "--project", project, "--mount-root", work + "/m",
                "--owner", "1234:1234",
            ] + DockerHarness.dockerArguments + ["--", "true"])
        defer { run.tmux.kill() }
        _ = try run.tmux.waitFor(timeout: 60) { $0.contains("✔ succeeded") }
        let pid = try #require(dashboardPID(run))
        try run.tmux.send("c")
        #expect(Harness.waitUntil(30) { !DockerHarness.containers(prefix: "cachewatch-chown-\(pid)-").isEmpty }, "the chown runs")
        kill(pid, SIGKILL)
        let gone = Harness.waitUntil(10) { DockerHarness.containers(prefix: "cachewatch-chown-\(pid)-").isEmpty }
        #expect(gone, "left after kill -9: \(DockerHarness.containers(prefix: "cachewatch-chown-\(pid)-"))")
    }

    @Test("Two dashboards on one mount root, in containers: each sees only its own run; a warm re-run is no restart")
    func twoDashboards() throws {
        guard DockerHarness.require(), Harness.require(["tmux"]) else { return }
        let work = try Harness.temporaryDirectory("two dashboards")
        let mount = work + "/shared mount"
        var runs: [DashboardRun] = []
        defer { for run in runs { run.tmux.kill() } }
        for name in ["one", "two"] {
            let project = try Harness.smallWorkspace(in: work + "/" + name)
            runs.append(
                try DashboardRun(
                    "two-\(name)",
                    arguments: [
                        "--engine", "docker", "--image", DockerHarness.image, "--project", project, "--mount-root", mount,
                        "--report", work + "/\(name).json", "--fresh",
                    ] + DockerHarness.dockerArguments + Harness.smallBuild, width: 130, height: 40))
        }
        func check(_ run: DashboardRun, report: String) throws {
            let screen = try run.tmux.waitFor(timeout: 240) { $0.contains("✔ succeeded") && $0.contains("sccache · final") }
            #expect(!screen.contains("restarted"), "a false restart warning:\n\(screen)")
            let json = try Harness.json(atPath: report)
            let hits = try #require(Harness.hits(inReport: json))
            let misses = try #require(Harness.misses(inReport: json))
            #expect(screen.contains("Crates · \(hits) hit · \(misses) miss"), "the table counts its own run:\n\(screen)")
        }
        try check(runs[0], report: work + "/one.json")
        try check(runs[1], report: work + "/two.json")
        // A warm re-run in one of them: a new container is a new server, not a restart.
        try runs[0].tmux.send("r")
        _ = try runs[0].tmux.waitFor(timeout: 60) { $0.contains("● running") }
        try check(runs[0], report: work + "/one.json")
        let logs = try FileManager.default.contentsOfDirectory(atPath: mount + "/cachewatch/logs")
        #expect(logs.count == 3, "one log file per run: \(logs)")
        for log in logs {
            let text = Scratch.read(mount + "/cachewatch/logs/" + log)
            #expect(!text.contains("cannot stat"), "the two containers' stats pollers raced:\n\(text.suffix(2000))")
        }
        for run in runs { try run.quit() }
        #expect(DockerHarness.containers().isEmpty)
    }

    @Test("A container stopped mid-compile: compiles that never got a result read interrupted, not … forever")
    func stoppedBuild() throws {
        guard DockerHarness.require(), Harness.require(["tmux"]) else { return }
        let work = try Harness.temporaryDirectory("stopped build")
        let project = try DockerHarness.demoCopy(in: work)
        let run = try DashboardRun(
            "stopped",
            arguments: ["--engine", "docker", "--image", DockerHarness.image, "--project", project, "--mount-root", work + "/m"]
                + DockerHarness.dockerArguments, width: 120, height: 40)
        defer { run.tmux.kill() }
        // A slow crate waiting for its result, then s: the container (and its sccache server) stops.
        func waiting(_ screen: String) -> [Substring] {
            screen.split(separator: "\n").filter { $0.hasPrefix("│") && $0.contains(" … ") && !$0.contains("Compiling") }
        }
        _ = try run.tmux.waitFor(timeout: 120) { screen in
            waiting(screen).contains { $0.hasPrefix("│regex ") || $0.hasPrefix("│syn ") || $0.hasPrefix("│serde_derive ") }
        }
        try run.tmux.send("s")
        let screen = try run.tmux.waitFor(timeout: 60) { $0.contains("stopped after") }
        #expect(screen.contains("interrupted"), "\(screen)")
        #expect(waiting(screen).isEmpty, "a row still waits:\n\(screen)")
        try run.quit()
        #expect(DockerHarness.containers().isEmpty)
    }

    @Test("sccache's server killed mid-build and restarted by the next compile: the crate table says why it stops")
    func serverRestartedMidBuild() throws {
        guard Harness.require(["cargo", "sccache", "tmux"]) else { return }
        let work = try Harness.temporaryDirectory("server restart")
        let project = try Harness.smallWorkspace(in: work)
        // Some crates, then the server is killed (the next compile starts a new one, which logs nothing), then the rest.
        let killServer = """
            cargo build --release --offline -p base && for p in /proc/[0-9]*; do \
            if grep -qzx SCCACHE_START_SERVER=1 $p/environ 2>/dev/null && \
            grep -qzx "SCCACHE_SERVER_PORT=$SCCACHE_SERVER_PORT" $p/environ 2>/dev/null; then kill -9 ${p#/proc/}; fi; done; \
            sleep 1; cargo build --release --offline
            """
        let run = try DashboardRun(
            "restart",
            arguments: ["--engine", "native", "--project", project, "--mount-root", work + "/m", "--", "sh", "-c", killServer],
            width: 140, height: 40)
        defer { run.tmux.kill() }
        let screen = try run.tmux.waitFor(timeout: 240) { $0.contains("succeeded in") || $0.contains("failed with") }
        #expect(screen.contains("sccache's server restarted mid-build"), "\(screen)")
        #expect(screen.contains("⚠ sccache's server restarted: earlier numbers"), "\(screen)")
        try run.quit()
        #expect(run.leftovers().isEmpty, "left: \(run.leftovers())")
    }
}

@Suite("The watchdog", .serialized, .enabled(if: DockerHarness.enabled, Comment(rawValue: DockerHarness.howTo)))
struct WatchdogTests {
    @Test("When its pipe closes, the watchdog ends the containers and process groups still listed, not the forgotten")
    func endsListed() throws {
        guard DockerHarness.require() else { return }
        let names = ["cachewatch-watchdog-\(getpid())-a", "cachewatch-watchdog-\(getpid())-b"]
        for name in names {
            let started = try CommandRunner.run(
                ["docker", "run", "-d", "--init", "--name", name, DockerHarness.image, "sleep", "60"], timeout: 60)
            #expect(started.succeeded, "\(started.stderr)")
        }
        defer { _ = try? CommandRunner.run(["docker", "rm", "-f"] + names, timeout: 60) }
        // Two process groups of their own (as an sccache server and its compiles are).
        var groups: [pid_t] = []
        for marker in ["61.25", "62.25"] {
            _ = try CommandRunner.run(["setsid", "-f", "sh", "-c", "sleep \(marker) & sleep \(marker)"], timeout: 10)
            Harness.waitUntil(10) { Self.group(running: "sleep \(marker)") != nil }
            groups.append(try #require(Self.group(running: "sleep \(marker)")))
        }
        defer { for group in groups { kill(-group, SIGKILL) } }
        let watchdog = Process()
        watchdog.executableURL = URL(fileURLWithPath: "/bin/sh")
        watchdog.arguments = ["-c", Watchdog.script, "cachewatch-watchdog"]
        let input = Pipe()
        watchdog.standardInput = input
        try watchdog.run()
        let lines = "+c:\(names[0])\n+c:\(names[1])\n-c:\(names[1])\n+g:\(groups[0])\n+g:\(groups[1])\n-g:\(groups[1])\n"
        input.fileHandleForWriting.write(Data(lines.utf8))
        try input.fileHandleForWriting.close()  // as when the dashboard dies: end of input
        watchdog.waitUntilExit()
        let left = DockerHarness.containers(prefix: "cachewatch-watchdog-\(getpid())-")
        #expect(left == [names[1]], "removed the listed container, kept the forgotten one: \(left)")
        #expect(Harness.waitUntil(10) { Self.living(group: groups[0]) == 0 }, "the listed group is gone")
        #expect(Self.living(group: groups[1]) > 0, "the forgotten group lives on")
    }

    /// The process group of the process whose command line is `command`.
    static func group(running command: String) -> pid_t? {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries where Int32(entry) != nil {
            let cmdline = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") ?? Data()
            guard
                String(decoding: cmdline.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self).trimmingCharacters(in: .whitespaces)
                    == command, let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.range(of: ")", options: .backwards)
            else { continue }
            let fields = stat[close.upperBound...].split(separator: " ")
            return fields.count > 2 ? pid_t(fields[2]) : nil
        }
        return nil
    }

    /// Processes of a group that are not zombies (the test's own children stay zombies until reaped).
    static func living(group: pid_t) -> Int {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { entry in
            guard Int32(entry) != nil, let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.range(of: ")", options: .backwards)
            else { return false }
            let fields = stat[close.upperBound...].split(separator: " ")
            return fields.count > 3 && fields[0] != "Z" && pid_t(fields[2]) == group
        }.count
    }
}
