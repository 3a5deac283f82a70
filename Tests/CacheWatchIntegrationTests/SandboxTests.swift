import CacheWatchCore
import Foundation
import Testing

@testable import CacheWatchRunner

/// What a hostile build can plant where it writes must never make cachewatch touch anything else.
@Suite("A hostile build cannot reach outside its sandbox", .serialized)
struct SandboxTests {
    /// The paths a build can write that cachewatch used (the sccache directory) or uses (the run's own directory).
    static let plantLinks = """
        for f in /root/sccache/cachewatch-sccache-server.log /root/sccache/cachewatch-stats.json \
          /cachewatch-run/sccache-server.log /cachewatch-run/stats.json; do rm -f "$f"; ln -s "$VICTIM" "$f"; done; \
        sleep 1; echo planted
        """

    @Test("Links a container plants to a host file, where cachewatch reads and writes, leave that file whole")
    func plantedLinksInTheContainer() throws {
        guard DockerHarness.require() else { return }
        let work = try Harness.temporaryDirectory("planted links")
        let victim = work + "/victim.txt"
        try "precious\n".write(toFile: victim, atomically: true, encoding: .utf8)
        let project = try Scratch.tinyProject(at: work + "/project")
        let base =
            [
                "--engine", "docker", "--image", DockerHarness.image, "--mount-root", work + "/mount", "--headless", "--project",
                project,
            ]
            + DockerHarness.dockerArguments
        let plant = try Harness.cachewatch(
            base + ["--docker-arg", "-e", "--docker-arg", "VICTIM=\(victim)", "--", "sh", "-c", Self.plantLinks])
        #expect(plant.stdout.contains("planted"), "\(plant.stdout)\n\(plant.stderr)")
        // A second run: cachewatch used to empty its server log in the sccache directory here, through the link.
        let next = try Harness.cachewatch(base + ["--", "true"])
        #expect(next.status == 0, "\(next.stdout)\n\(next.stderr)")
        #expect(Scratch.read(victim) == "precious\n", "a host file was changed through a link the build planted")
        #expect(DockerHarness.containers(prefix: "cachewatch-").isEmpty)
    }

    @Test("A run directory swapped for a link, and links left in old run directories, are never followed")
    func linksInRunDirectories() throws {
        let work = try Harness.temporaryDirectory("run directory links")
        let victimDirectory = work + "/victim"
        try FileManager.default.createDirectory(atPath: victimDirectory, withIntermediateDirectories: true)
        try "keep".write(toFile: victimDirectory + "/file", atomically: true, encoding: .utf8)
        let mount = work + "/mount"
        // Old run directories of dashboards no longer running (pid 1 is never ours; 999999999 is no process).
        let root = RunDirectory.root(mountRoot: mount)
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for index in 0..<(RunDirectory.kept + 5) {
            let name = "20200101-0000\(String(format: "%02d", index))-docker-run1-999999999-x"
            try FileManager.default.createDirectory(atPath: root + "/" + name, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: root + "/" + name + "/link", withDestinationPath: victimDirectory)
        }
        let run = try RunDirectory(mountRoot: mount, engine: .native, run: 1)
        RunDirectory.prune(mountRoot: mount)
        let left = try FileManager.default.contentsOfDirectory(atPath: root)
        #expect(left.count == RunDirectory.kept, "the oldest run directories are pruned")
        #expect(left.contains(run.name), "the newest (this one) is kept")
        #expect(Scratch.read(victimDirectory + "/file") == "keep", "pruning followed a link")

        // The run directory's modes: only this user reads sccache's log (it can hold a backend's password).
        var info = stat()
        #expect(stat(run.path, &info) == 0 && info.st_mode & 0o777 == 0o700)
        #expect(stat(run.serverLogPath, &info) == 0 && info.st_mode & 0o777 == 0o600)

        // The runs directory replaced by a link to elsewhere: the next run refuses it rather than writing there.
        try FileManager.default.removeItem(atPath: root)
        try FileManager.default.createSymbolicLink(atPath: root, withDestinationPath: victimDirectory)
        #expect(throws: SafeFile.Failure.self) { _ = try RunDirectory(mountRoot: mount, engine: .native, run: 2) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: victimDirectory) == ["file"])
    }

    @Test("The live stats file is read only when it is a regular file: a link or a FIFO there is refused at once")
    func statsFileKinds() throws {
        let work = try Harness.temporaryDirectory("stats file kinds")
        let run = try RunDirectory(mountRoot: work + "/mount", engine: .docker, run: 1)
        #expect(try run.liveStats() == nil, "absent")
        try "secret\n".write(toFile: work + "/victim", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: run.statsPath, withDestinationPath: work + "/victim")
        #expect(throws: SafeFile.Failure.self) { _ = try run.liveStats() }
        try FileManager.default.removeItem(atPath: run.statsPath)
        #expect(mkfifo(run.statsPath, 0o600) == 0)
        let started = MonotonicClock.now()
        #expect(throws: SafeFile.Failure.self) { _ = try run.liveStats() }
        #expect(MonotonicClock.now() - started < 1, "opening a FIFO must not block")
    }

    @Test("--report: a directory, a device, a FIFO or a link is refused before the build; - prints the report to stdout")
    func reportTargets() throws {
        guard Harness.require(["cargo", "sccache"]) else { return }
        let work = try Harness.temporaryDirectory("report targets")
        let project = try Scratch.tinyProject(at: work + "/project")
        try FileManager.default.createDirectory(atPath: work + "/a directory", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: work + "/link.json", withDestinationPath: work + "/elsewhere.json")
        #expect(mkfifo(work + "/fifo", 0o600) == 0)
        // A device of the test's own, like /dev/null (a regression must never replace the machine's /dev/null).
        let device = work + "/null-device"
        #expect(mknod(device, S_IFCHR | 0o666, dev_t((1 << 8) | 3)) == 0, "mknod needs root, as CI has")
        let base = ["--engine", "native", "--headless", "--project", project, "--mount-root", work + "/mount"]
        for (target, why) in [
            (device, "is a device"), (work + "/a directory", "is a directory"), (work + "/link.json", "symbolic link"),
            (work + "/fifo", "is a FIFO"),
        ] {
            let result = try Harness.cachewatch(base + ["--report", target, "--", "cargo", "build", "--offline"])
            #expect(result.status == 2, "\(target): \(result.stderr)")
            #expect(result.stderr.contains(why), "\(target): \(result.stderr)")
            #expect(!result.stdout.contains("Compiling"), "nothing was built")
        }
        var info = stat()
        #expect(lstat(device, &info) == 0 && info.st_mode & S_IFMT == S_IFCHR, "the device is still a device")
        #expect(!FileManager.default.fileExists(atPath: work + "/elsewhere.json"))

        let stdout = try Harness.cachewatch(base + ["--report", "-", "--", "cargo", "build", "--offline"])
        #expect(stdout.status == 0, "\(stdout.stderr)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(stdout.stdout.utf8)) as? [String: Any],
            "stdout holds the JSON report alone:\n\(stdout.stdout)")
        #expect(report["engine"] as? String == "native")
        #expect(stdout.stderr.contains("Compiling tiny"), "the log went to stderr")
    }

    @Test("The report's temporary file is never a predictable name: a link planted there is not written through")
    func plantedTemporaryName() throws {
        let work = try Harness.temporaryDirectory("planted temporary")
        let victim = work + "/victim"
        try "precious".write(toFile: victim, atomically: true, encoding: .utf8)
        // The name the report's temporary file used to have.
        try FileManager.default.createSymbolicLink(atPath: work + "/.report.json.\(getpid()).tmp", withDestinationPath: victim)
        try AtomicFile.write("{\"ok\": true}\n", to: work + "/report.json")
        #expect(Scratch.read(victim) == "precious")
        #expect(Scratch.read(work + "/report.json") == "{\"ok\": true}\n")
        let names = try FileManager.default.contentsOfDirectory(atPath: work).sorted()
        #expect(names == [".report.json.\(getpid()).tmp", "report.json", "victim"], "no stray temporary file: \(names)")
    }

    @Test("A backend URL's password never reaches a file, the screen's text or an error, even when the server fails")
    func backendPassword() throws {
        guard Harness.require(["sccache"]) else { return }
        let work = try Harness.temporaryDirectory("backend password")
        let project = try Scratch.tinyProject(at: work + "/project")
        let mount = work + "/mount"
        // sccache 0.16 logs this URL twice, password included, then waits for the (closed) port forever. Without the
        // probe (which would stop it first, see SharedCacheTests), sccache's own failure is what is masked here.
        let result = try Harness.cachewatch(
            [
                "--engine", "native", "--headless", "--no-probe", "--project", project, "--mount-root", mount, "--report",
                work + "/r.json",
            ],
            environment: ["SCCACHE_REDIS": "redis://user:hunter2@127.0.0.1:1"], timeout: 120)
        #expect(result.status != 0)
        #expect(result.stderr.contains("sccache's server"), "\(result.stderr)")
        #expect(!(result.stdout + result.stderr).contains("hunter2"))
        let stored = Scratch.allText(under: mount) + Scratch.allText(under: work)
        #expect(stored.contains("redis://user:****@127.0.0.1:1"), "the log is kept, masked")
        #expect(!stored.contains("hunter2"), "a stored file holds the password")
        let sccacheFiles = (try? FileManager.default.contentsOfDirectory(atPath: mount + "/sccache")) ?? []
        #expect(!sccacheFiles.contains { $0.hasPrefix("cachewatch") }, "cachewatch's files stay out of the sccache directory")
    }
}
