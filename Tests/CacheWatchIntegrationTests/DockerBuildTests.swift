import CacheWatchCore
import Foundation
import Testing

@testable import CacheWatchRunner

/// The containerized build on the real Docker engine with the stand-in muslrust image.
@Suite(
    "Containerized builds on the real engine", .serialized,
    .enabled(if: DockerHarness.enabled, Comment(rawValue: DockerHarness.howTo)))
struct DockerBuildTests {
    static let mountRoot: String = (try? Harness.temporaryDirectory("docker mount root")) ?? NSTemporaryDirectory() + "cw-docker"

    private func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
        try Harness.cachewatch(
            ["--engine", "docker", "--image", DockerHarness.image, "--mount-root", Self.mountRoot, "--headless"]
                + DockerHarness.dockerArguments + arguments, environment: environment)
    }

    @Test("Cold then warm in the container, at a path with spaces and quotes; the warm report equals sccache's own text")
    func coldThenWarm() throws {
        guard DockerHarness.require() else { return }
        let work = try Harness.temporaryDirectory("docker reports")
        let project = try DockerHarness.demoCopy(in: work)
        let cold = try run(["--project", project, "--fresh", "--report", work + "/cold.json"])
        #expect(cold.status == 0, "\(cold.stdout.suffix(3000))\n\(cold.stderr)")
        let coldReport = try Harness.json(atPath: work + "/cold.json")
        #expect(coldReport["engine"] as? String == "docker")
        #expect(coldReport["image"] as? String == DockerHarness.image)
        #expect((coldReport["container"] as? String)?.hasPrefix("cachewatch-") == true)
        #expect((Harness.misses(inReport: coldReport) ?? 0) > 0)
        #expect(!cold.stdout.contains(FinalMarker.start), "the marker never reaches the log")

        let warm = try run(["--project", project, "--fresh", "--report", work + "/warm.json"])
        #expect(warm.status == 0, "\(warm.stdout.suffix(3000))\n\(warm.stderr)")
        let warmReport = try Harness.json(atPath: work + "/warm.json")
        #expect(try Harness.schemaProblems(Scratch.read(work + "/warm.json"), schema: "report-6") == [])
        let hits = try #require(Harness.hits(inReport: warmReport))
        #expect(hits > 0)
        #expect(hits == Harness.printedHits(in: warm.stdout), "equals sccache --show-stats printed in the container")
        let sccache = try #require(warmReport["sccache"] as? [String: Any])
        #expect(sccache["cache_location"] as? String == "Local disk: \"/root/sccache\"")
        #expect(FileManager.default.fileExists(atPath: project + "/target/release/demo-app"))
        #expect(DockerHarness.containers().isEmpty, "left: \(DockerHarness.containers())")

        // Both runs are in the history of the mount root, newest first, as the reports tell them.
        let listed = try Harness.cachewatch(["history", "--mount-root", Self.mountRoot, "--project", project, "--json"])
        let runs = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(runs.map { $0["id"] as? String } == [warmReport["id"] as? String, coldReport["id"] as? String])
        #expect(runs.allSatisfy { $0["engine"] as? String == "docker" && $0["image"] as? String == DockerHarness.image })
        #expect((runs[0]["hits"] as? NSNumber)?.intValue == hits)
    }

    @Test("While the build runs, the container leaves live stats in the run's own directory; they stop with it")
    func liveStatsFile() throws {
        guard DockerHarness.require() else { return }
        let work = try Harness.temporaryDirectory("docker live stats")
        for directory in ["/project", "/mount/sccache", "/mount/cargo/registry"] {
            try FileManager.default.createDirectory(atPath: work + directory, withIntermediateDirectories: true)
        }
        let run = try RunDirectory(mountRoot: work + "/mount", engine: .docker, run: 1)
        let path = run.statsPath
        var plan = DockerPlan(
            image: DockerHarness.image, containerName: "cachewatch-live-\(getpid())", project: work + "/project",
            mountRoot: work + "/mount", registryPath: "/root/.cargo/registry", cacheSize: "1G", command: ["sleep", "6"])
        plan.runDirectory = run.path
        let arguments = plan.arguments
        let finished = DispatchSemaphore(value: 0)
        let status = LockedValue<Int32?>(nil)
        Thread {
            status.set((try? CommandRunner.run(arguments, timeout: 120))?.status)
            finished.signal()
        }.start()
        var samples = 0
        var modified: Set<Int> = []
        while finished.wait(timeout: .now() + 0.2) == .timedOut {
            guard let json = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            if (try? SccacheJSONParser.parse(json)) != nil { samples += 1 }
            var info = stat()
            if stat(path, &info) == 0 { modified.insert(Int(info.st_mtim.tv_sec) * 1000 + Int(info.st_mtim.tv_nsec) / 1_000_000) }
        }
        #expect(status.get() == 0)
        #expect(samples >= 5, "stats read while the container ran")
        #expect(modified.count >= 3, "rewritten as the build goes")
        #expect(DockerHarness.containers(prefix: "cachewatch-live-").isEmpty)
        // The writer lived in the container, which is gone: the file stays as last seen.
        let last = modified.max()
        var info = stat()
        #expect(stat(path, &info) == 0 && Int(info.st_mtim.tv_sec) * 1000 + Int(info.st_mtim.tv_nsec) / 1_000_000 == last)
    }

    @Test("When the host cannot see the stats file (a daemon elsewhere), live stats come through docker exec")
    func liveStatsFallback() throws {
        guard DockerHarness.require() else { return }
        let work = try Harness.temporaryDirectory("docker stats fallback")
        try FileManager.default.createDirectory(atPath: work + "/project", withIntermediateDirectories: true)
        // What the launcher makes before any run: the cache directories and cargo's lock files.
        for directory in ["/mount/cargo/registry", "/mount/sccache"] {
            try FileManager.default.createDirectory(atPath: work + directory, withIntermediateDirectories: true)
        }
        for lock in MountLayout.cargoLockFiles {
            #expect(FileManager.default.createFile(atPath: work + "/mount/cargo/" + lock, contents: nil))
        }
        let run = try RunDirectory(mountRoot: work + "/mount", engine: .docker, run: 1)
        // A directory where the file should be: the container's rename lands inside it, the host never reads a file.
        try FileManager.default.createDirectory(atPath: run.statsPath, withIntermediateDirectories: true)
        let engine = DockerEngine(
            command: ["sleep", "30"], image: DockerHarness.image, project: work + "/project", mountRoot: work + "/mount",
            cacheSize: "1G", dockerArguments: [], fresh: false, chownAfter: nil)
        let prepared = try engine.prepareRun(in: run, cancel: CancelFlag(), log: { _ in }, waiting: { _ in })
        let finished = DispatchSemaphore(value: 0)
        Thread {
            _ = try? CommandRunner.run(prepared.plan.arguments, timeout: 120)
            finished.signal()
        }.start()
        defer {
            if let name = prepared.container { _ = try? CommandRunner.run(["docker", "kill", name], timeout: 30) }
            finished.wait()
        }
        // Core's rule, shortened: ask the container 3 s after the run was prepared when no file of its showed up.
        let sampling = RunSchedule.Sampling(askServerAfter: 3)
        var pendingAtFirst = false
        do {
            _ = try engine.sampleStats(prepared, sampling: sampling, cancel: CancelFlag())
        } catch is StatsPending {
            pendingAtFirst = true
        }
        let deadline = Date().addingTimeInterval(60)
        var sampled: SccacheStats?
        while sampled == nil && Date() < deadline {
            do {
                sampled = try SccacheJSONParser.parse(try engine.sampleStats(prepared, sampling: sampling, cancel: CancelFlag()))
            } catch {
                Thread.sleep(forTimeInterval: 0.2)  // pacing the polls, not a synchronization
            }
        }
        #expect(pendingAtFirst, "waits for the file first")
        #expect(sampled != nil, "then asks the container")
    }

    @Test("A compile error in the container still reports sccache's final numbers")
    func failedBuild() throws {
        guard DockerHarness.require() else { return }
        let work = try Harness.temporaryDirectory("docker failing")
        let project = work + "/broken crate"
        try FileManager.default.createDirectory(atPath: project + "/src", withIntermediateDirectories: true)
        try "[package]\nname = \"broken\"\nversion = \"0.1.0\"\nedition = \"2021\"\n".write(
            toFile: project + "/Cargo.toml", atomically: true, encoding: .utf8)
        try "pub fn f() -> u32 { \"nope\" }\n".write(toFile: project + "/src/lib.rs", atomically: true, encoding: .utf8)
        let result = try run(["--project", project, "--report", work + "/r.json", "--", "cargo", "build", "--offline"])
        #expect(result.status == 101, "\(result.stdout)\n\(result.stderr)")
        let report = try Harness.json(atPath: work + "/r.json")
        let stats = try #require((report["sccache"] as? [String: Any])?["stats"] as? [String: Any])
        #expect((stats["compile_fails"] as? NSNumber)?.intValue == 1)
        #expect(result.stdout.contains("Compilation failures                  1"))
    }

    @Test("c with --owner 1000:1000 leaves no root-owned file in the three directories")
    func chownInContainer() throws {
        guard DockerHarness.require() else { return }
        let work = try Harness.temporaryDirectory("docker chown")
        let project = try DockerHarness.demoCopy(in: work)
        let built = try run(["--project", project, "--", "cargo", "build", "--release", "--locked", "-p", "geometry"])
        #expect(built.status == 0, "\(built.stdout.suffix(2000))")
        #expect(
            Self.count(under: [project + "/target", Self.mountRoot + "/sccache"]) { $0 == 0 } > 0, "the container wrote as root")

        let run = try DashboardRun(
            "docker chown run",
            arguments: Self.engineArguments(mount: Self.mountRoot, project: project) + [
                "--owner", "1000:1000", "--", "cargo", "build", "--release", "--locked", "-p", "geometry",
            ])
        let tmux = run.tmux
        defer { tmux.kill() }
        _ = try tmux.waitFor(timeout: 120) { $0.contains("✔ succeeded") }
        try tmux.send("c")
        let screen = try tmux.waitFor(timeout: 120) { $0.contains("in a container:") }
        #expect(screen.contains("→ 0 not owned by uid 1000"), "\(screen)")
        let roots = [project + "/target", Self.mountRoot + "/sccache", Self.mountRoot + "/cargo/registry"]
        #expect(Self.count(under: roots) { $0 != 1000 } == 0, "every file belongs to uid 1000 (stat)")
        try run.quit()
        #expect(DockerHarness.containers().isEmpty)
    }

    @Test("--chown-after gives the outputs to --owner after the build, in the container; paths with : and , mount")
    func chownAfter() throws {
        guard DockerHarness.require() else { return }
        let work = try Harness.temporaryDirectory("docker chown after: a,b")
        let project = try DockerHarness.demoCopy(in: work)
        let mount = try Harness.temporaryDirectory("docker chown after mount: c,d")
        let result = try Harness.cachewatch(
            [
                "--engine", "docker", "--image", DockerHarness.image, "--mount-root", mount, "--headless", "--project", project,
                "--chown-after", "--owner", "1000:1000",
            ] + DockerHarness.dockerArguments
                + ["--", "cargo", "build", "--release", "--locked", "-p", "geometry"])
        #expect(result.status == 0, "\(result.stdout.suffix(2000))\n\(result.stderr)")
        let roots = [project + "/target", mount + "/sccache", mount + "/cargo/registry"]
        #expect(Self.count(under: roots) { _ in true } > 10)
        #expect(Self.count(under: roots) { $0 != 1000 } == 0, "every file belongs to uid 1000 (stat)")
    }

    @Test("q mid-build stops the container: docker ps -a lists none and no docker client remains")
    func quitMidBuild() throws {
        guard DockerHarness.require() else { return }
        let work = try Harness.temporaryDirectory("docker quit")
        let project = try DockerHarness.demoCopy(in: work)
        let mount = try Harness.temporaryDirectory("docker cold mount")
        let run = try DashboardRun(
            "docker quit run", arguments: Self.engineArguments(mount: mount, project: project) + ["--fresh"])
        let tmux = run.tmux
        defer { tmux.kill() }
        _ = try tmux.waitFor(timeout: 120) { $0.contains("Compiling") && $0.contains("sccache · live") }
        #expect(!DockerHarness.containers().isEmpty, "a container runs mid-build")
        try tmux.send("z")
        _ = try tmux.waitFor(timeout: 30) { $0.contains("Statistics zeroed") }
        try run.quit()
        #expect(DockerHarness.containers().isEmpty, "left: \(DockerHarness.containers())")
        #expect(run.leftovers().isEmpty, "left running: \(run.leftovers())")
        #expect(run.terminalRestored)
        // The run the quit stopped is in the history as stopped, not lost nor "interrupted".
        let listed = try Harness.cachewatch(["history", "--mount-root", mount, "--json"])
        let runs = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(runs.map { $0["outcome"] as? String } == ["stopped"], "\(listed.stdout)")
    }

    @Test("20 quits mid-build leave no container and no docker client")
    func quitTrials() throws {
        guard DockerHarness.require() else { return }
        let work = try Harness.temporaryDirectory("docker trials")
        let project = try DockerHarness.demoCopy(in: work)
        for trial in 0..<20 {
            let run = try DashboardRun(
                "docker trial \(trial)", arguments: Self.engineArguments(mount: Self.mountRoot, project: project) + ["--fresh"],
                width: 100, height: 30)
            defer { run.tmux.kill() }
            _ = try run.tmux.waitFor(timeout: 60) { $0.contains("● running") }
            Thread.sleep(forTimeInterval: Double(trial % 4) * 0.3)
            try run.quit()
            // On a busy machine the watchdog may still be removing it as the dashboard exits: a deadline, not a race.
            Harness.waitUntil(15) { DockerHarness.containers().isEmpty }
            #expect(DockerHarness.containers().isEmpty, "trial \(trial) left: \(DockerHarness.containers())")
            #expect(run.leftovers().isEmpty, "trial \(trial) left: \(run.leftovers())")
        }
    }

    @Test("A container killed from outside ends the build with a clear message and nothing left")
    func killedFromOutside() throws {
        guard DockerHarness.require() else { return }
        let work = try Harness.temporaryDirectory("docker killed")
        let project = try DockerHarness.demoCopy(in: work)
        let mount = try Harness.temporaryDirectory("docker killed mount")
        // Killed once the build is under way: its container's sccache wrote the run's first live numbers (a marker
        // the build leaves, not a guess at how long it takes to get there).
        let runs = RunDirectory.root(mountRoot: mount)
        let killer = Thread {
            let deadline = Date().addingTimeInterval(120)
            while Date() < deadline {
                let directories = (try? FileManager.default.contentsOfDirectory(atPath: runs)) ?? []
                let live = directories.contains {
                    FileManager.default.fileExists(atPath: runs + "/" + $0 + "/" + RunDirectory.statsName)
                }
                if live, let name = DockerHarness.containers().first {
                    _ = try? CommandRunner.run(["docker", "kill", name], timeout: 30)
                    return
                }
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
        killer.start()
        let result = try Harness.cachewatch(
            [
                "--engine", "docker", "--image", DockerHarness.image, "--mount-root", mount, "--headless", "--project", project,
                "--fresh",
            ] + DockerHarness.dockerArguments)
        #expect(result.status == 137, "\(result.stdout.suffix(2000))\n\(result.stderr)")
        #expect(result.stdout.contains("killed from outside"), "\(result.stdout.suffix(1500))")
        #expect(DockerHarness.containers().isEmpty)
    }

    @Test("Engine problems are clear messages with a non-zero exit")
    func engineErrors() throws {
        guard DockerHarness.require() else { return }
        let noImage = try Harness.cachewatch([
            "--engine", "docker", "--image", "cachewatch/does-not-exist:0", "--mount-root", Self.mountRoot, "--headless",
            "--project", Harness.demo,
        ])
        #expect(noImage.status != 0)
        #expect(
            noImage.stderr.contains("image cachewatch/does-not-exist:0 is not present and could not be pulled"),
            "\(noImage.stderr)")
        #expect(noImage.stdout.contains("docker pull cachewatch/does-not-exist:0"), "pull output shows in the log")

        let noDaemon = try Harness.cachewatch(
            ["--engine", "docker", "--mount-root", Self.mountRoot, "--headless", "--project", Harness.demo],
            environment: ["DOCKER_HOST": "unix:///nonexistent/docker.sock"])
        #expect(noDaemon.status != 0)
        #expect(noDaemon.stderr.contains("the Docker daemon does not answer"), "\(noDaemon.stderr)")

        let noClient = try Harness.cachewatch(
            ["--engine", "docker", "--mount-root", Self.mountRoot, "--headless", "--project", Harness.demo],
            environment: ["PATH": "/nonexistent"])
        #expect(noClient.status != 0)
        #expect(noClient.stderr.contains("docker not found on PATH"), "\(noClient.stderr)")
        #expect(DockerHarness.containers().isEmpty)
    }

    /// The docker engine with the stand-in image, its offline mounts, and `mount` as the mount root.
    static func engineArguments(mount: String, project: String) -> [String] {
        ["--engine", "docker", "--image", DockerHarness.image, "--mount-root", mount, "--project", project]
            + DockerHarness.dockerArguments
    }

    /// Files and directories under `roots` whose owner uid satisfies `predicate` (lstat, no symlinks followed).
    static func count(under roots: [String], where predicate: (uid_t) -> Bool) -> Int {
        var total = 0
        for root in roots {
            guard let enumerator = FileManager.default.enumerator(atPath: root) else { continue }
            var info = stat()
            if lstat(root, &info) == 0, predicate(info.st_uid) { total += 1 }
            while let relative = enumerator.nextObject() as? String {
                if lstat(root + "/" + relative, &info) == 0, predicate(info.st_uid) { total += 1 }
            }
        }
        return total
    }
}

private enum FinalMarker {
    static let start = "<<cachewatch:final-stats>>"
}
