import CacheWatchCore
import CacheWatchRunner
import Foundation
import Testing

/// A real build farm: sccache-dist's scheduler and two overlay build servers on 127.0.0.1, started by
/// scripts/dist-up (root and bubblewrap, as CI has), and the real sccache client compiling on them.
@Suite("The build farm on a real scheduler and build servers", .serialized)
struct FarmTests {
    /// One mount root for the suite: the client packages its toolchain (~205 MiB, ~15 s of CPU) once, into it.
    static let mount: String = (try? Harness.temporaryDirectory("farm mount")) ?? NSTemporaryDirectory() + "cw-farm-mount"
    /// A farm of the tests' own, beside any the user runs on the standard ports.
    static let port = 10760
    static let state = Harness.packageRoot + "/.build/dist-\(port)"

    /// Starts the farm; the client config's path. Fails the test with dist-up's own words when it cannot.
    static func up() throws -> String {
        let result = try CommandRunner.run(
            [
                Harness.packageRoot + "/scripts/dist-up", "--servers", "2", "--port", String(port), "--server-port",
                String(port), "--mount-root", mount,
            ], timeout: 300)
        try #require(result.succeeded, "scripts/dist-up failed:\n\(result.stderr)")
        return mount + "/sccache-dist/client.conf"
    }

    static func down() {
        _ = try? CommandRunner.run([Harness.packageRoot + "/scripts/dist-down", "--port", String(port)], timeout: 60)
    }

    /// The `ip:port → compiles` rows of the panel's build-farm section.
    static func panelServers(_ screen: String) -> [String: Int] {
        var servers: [String: Int] = [:]
        for line in screen.split(separator: "\n") {
            guard let range = line.range(of: "127.0.0.1:") else { continue }
            let fields = line[range.lowerBound...].split(whereSeparator: { $0 == " " || $0 == "│" })
            if fields.count >= 2, let count = Int(fields[1]) { servers[String(fields[0])] = count }
        }
        return servers
    }

    @Test(
        "A cold build on two servers: the header names the farm, the panel's per-server counts are sccache's own; the token is nowhere"
    )
    func coldBuild() throws {
        guard Harness.require(["cargo", "sccache", "tmux"]) else { return }
        defer { Self.down() }  // also when dist-up started some of the farm and then failed
        let config = try Self.up()
        let token = try String(contentsOfFile: Self.state + "/client.token", encoding: .utf8)
        try #require(token.count >= 20)
        let work = try Harness.temporaryDirectory("farm cold")
        let project = try Harness.smallWorkspace(in: work)
        let doctor = try Harness.cachewatch(
            ["doctor", "--engine", "native", "--project", project, "--mount-root", Self.mount],
            environment: ["SCCACHE_CONF": config, "CARGO_INCREMENTAL": "0"])
        #expect(doctor.stdout.contains("✔ build farm: scheduler http://127.0.0.1:\(Self.port)"), "\(doctor.stdout)")
        #expect(doctor.stdout.contains("answers: 2 servers"), "\(doctor.stdout)")
        #expect(!doctor.stdout.contains(token))
        let run = try DashboardRun(
            "farm-cold",
            arguments: ["--engine", "native", "--project", project, "--mount-root", Self.mount, "--report", work + "/cold.json"]
                + Harness.smallBuild,
            directory: project, width: 160, height: 45, environment: ["SCCACHE_CONF": config, "CARGO_INCREMENTAL": "0"])
        defer { run.tmux.kill() }
        let screen = try run.tmux.waitFor(timeout: 400) { $0.contains("succeeded in") && $0.contains("Build farm") }
        // Each server offers this machine's cores.
        let cpus = 2 * ProcessInfo.processInfo.activeProcessorCount
        #expect(screen.contains("dist: scheduler http://127.0.0.1:\(Self.port) · 2 servers · \(cpus) CPUs"), "\(screen)")
        let shown = Self.panelServers(screen)
        #expect(!shown.isEmpty, "\(screen)")
        #expect(Set(shown.keys).isSubset(of: ["127.0.0.1:\(Self.port + 1)", "127.0.0.1:\(Self.port + 2)"]), "\(shown)")

        // sccache's own final report, kept in the run's log under the mount root.
        let logs = MountLayout.logDirectory(mountRoot: Self.mount)
        let newest = try #require(
            try FileManager.default.contentsOfDirectory(atPath: logs).filter { $0.hasSuffix(".log") }.sorted().last)
        let log = try String(contentsOfFile: logs + "/" + newest, encoding: .utf8)
        // The terminal's line ends (\r\n, one Character in Swift) as sccache's own.
        let report = try #require(SccacheTextParser.parse(log.replacingOccurrences(of: "\r\n", with: "\n")))
        #expect(report.distCompiles == shown, "the panel's per-server counts are sccache's: \(shown)")
        #expect(report.distErrors == 0)

        // The client's token: on no screen, in no file cachewatch wrote, on no process's argv.
        #expect(!screen.contains(token))
        let written = try CommandRunner.run(["grep", "-rlF", "--", token, Self.mount + "/cachewatch"], timeout: 60)
        #expect(written.stdout.isEmpty, "the token in: \(written.stdout)")
        #expect(!Harness.processes(marked: run.marker).contains { $0.contains(token) }, "the token on an argv")
        // Each compile's server (from the growth of sccache's counts): never more on a server than sccache counted
        // there, and every farm compile told, by its server or as the farm's.
        Harness.waitUntil(30) { FileManager.default.fileExists(atPath: work + "/cold.json") }
        let cold = try Harness.json(atPath: work + "/cold.json")
        #expect((cold["dist"] as? [String: Any])?["compiles"] as? [String: Int] == shown, "the report's counts too")
        let places = try #require(cold["compiles"] as? [[String: Any]]).compactMap { $0["dist"] as? String }
        #expect(places.count == shown.values.reduce(0, +), "\(places)")
        for (server, count) in shown { #expect(places.filter { $0 == server }.count <= count, "\(server): \(places)") }
        #expect(places.contains { shown[$0] != nil }, "at least one compile's server is told: \(places)")
        try run.quit()
    }

    @Test("A scheduler that is down before the build: the header and the panel say every compile runs here, and why")
    func schedulerDown() throws {
        guard Harness.require(["cargo", "sccache", "tmux"]) else { return }
        let work = try Harness.temporaryDirectory("farm down")
        let project = try Harness.smallWorkspace(in: work)
        let closed = try #require(Ports.free())
        let config = work + "/client.conf"
        try "[dist]\nscheduler_url = \"http://127.0.0.1:\(closed)\"\ntoolchains = []\n".write(
            toFile: config, atomically: true, encoding: .utf8)
        let doctor = try Harness.cachewatch(
            ["doctor", "--engine", "native", "--project", project, "--mount-root", work + "/m"],
            environment: ["SCCACHE_CONF": config])
        #expect(doctor.stdout.contains("⚠ build farm: scheduler http://127.0.0.1:\(closed)"), "\(doctor.stdout)")
        #expect(doctor.stdout.contains("does not answer (connection refused)"), "\(doctor.stdout)")
        // Slow enough that the client's first look (a second in) comes while the build runs.
        let run = try DashboardRun(
            "farm-down",
            arguments: [
                "--engine", "native", "--project", project, "--mount-root", work + "/m", "--", "sh", "-c",
                "sleep 3 && cargo build --release --offline --locked",
            ],
            directory: project, width: 160, height: 45, environment: ["SCCACHE_CONF": config, "CARGO_INCREMENTAL": "0"])
        defer { run.tmux.kill() }
        let screen = try run.tmux.waitFor(timeout: 120) {
            $0.contains("the build farm is not connected") && $0.contains("succeeded in")
        }
        #expect(screen.contains("dist: scheduler http://127.0.0.1:\(closed) · not connected"), "\(screen)")
        #expect(!screen.contains("Build farm "), "nothing ran on a farm: \(screen)")
        try run.quit()
    }

    @Test("The docker engine distributes as the native one: the container's sccache is the client, its toolchain kept")
    func dockerBuild() throws {
        guard DockerHarness.require(), Harness.require(["sccache"]) else { return }
        defer { Self.down() }
        let config = try Self.up()
        let token = try String(contentsOfFile: Self.state + "/client.token", encoding: .utf8)
        let work = try Harness.temporaryDirectory("farm docker")
        let project = try Harness.smallWorkspace(in: work)
        func build(_ name: String) throws -> (CommandResult, [String: Any]) {
            let result = try Harness.cachewatch(
                ["--engine", "docker", "--image", DockerHarness.image, "--mount-root", Self.mount, "--headless", "--fresh"]
                    + DockerHarness.dockerArguments
                    + ["--project", project, "--report", work + "/\(name).json"] + Harness.smallBuild,
                environment: ["SCCACHE_CONF": config, "CARGO_INCREMENTAL": "0"])
            #expect(result.status == 0, "\(result.stdout.suffix(3000))\n\(result.stderr)")
            return (result, try Harness.json(atPath: work + "/\(name).json"))
        }
        let (cold, report) = try build("docker-cold")
        #expect(cold.stdout.contains("joins the host's network (--network host) to reach the build farm's scheduler"))
        let dist = try #require(report["dist"] as? [String: Any], "\(report.keys)")
        #expect(dist["state"] as? String == "connected", "\(dist)")
        let compiles = try #require(dist["compiles"] as? [String: Int])
        #expect(compiles.values.reduce(0, +) > 0, "compiled on the farm: \(dist)")
        #expect(Set(compiles.keys).isSubset(of: ["127.0.0.1:\(Self.port + 1)", "127.0.0.1:\(Self.port + 2)"]))
        // sccache's own report, printed in the container, says the same.
        let printed = try #require(SccacheTextParser.parse(cold.stdout.replacingOccurrences(of: "\r\n", with: "\n")))
        #expect(printed.distCompiles == compiles)
        #expect(try Harness.schemaProblems(Scratch.read(work + "/docker-cold.json"), schema: "report-6") == [])
        // The toolchain was packaged into the mount root, once: a later container uses it.
        let toolchains = Self.mount + "/sccache-dist/toolchains"
        let kept = try FileManager.default.subpathsOfDirectory(atPath: toolchains)
        #expect(!kept.isEmpty, "the client's toolchain cache under the mount root")
        let (warm, _) = try build("docker-warm")
        #expect(warm.stdout.contains("dist: http://127.0.0.1:\(Self.port) · connected"), "\(warm.stdout.suffix(2000))")
        #expect(!cold.stdout.contains(token) && !warm.stdout.contains(token) && !cold.stderr.contains(token))
        let written = try CommandRunner.run(["grep", "-rlF", "--", token, Self.mount + "/cachewatch"], timeout: 60)
        #expect(written.stdout.isEmpty, "the token in: \(written.stdout)")
    }

    @Test("A wrong token fails the farm's compiles with a clear error; servers killed mid-build give fallbacks naming them")
    func failures() throws {
        guard Harness.require(["cargo", "sccache", "tmux"]) else { return }
        defer { Self.down() }
        let config = try Self.up()
        let token = try String(contentsOfFile: Self.state + "/client.token", encoding: .utf8)
        let work = try Harness.temporaryDirectory("farm failures")
        let project = try Harness.smallWorkspace(in: work)

        // The client's token, wrong: the scheduler answers 401 and each farm compile fails, with no fallback.
        let wrong = work + "/wrong.conf"
        try String(contentsOfFile: config, encoding: .utf8).replacingOccurrences(of: token, with: "not-the-token")
            .write(toFile: wrong, atomically: true, encoding: .utf8)
        let refused = try Harness.cachewatch(
            [
                "--engine", "native", "--project", project, "--mount-root", work + "/m1", "--headless", "--report",
                work + "/refused.json",
            ] + Harness.smallBuild,
            environment: ["SCCACHE_CONF": wrong, "CARGO_INCREMENTAL": "0"])
        #expect(refused.status != 0, "the build fails: \(refused.stdout.suffix(2000))")
        #expect(refused.stdout.contains("refused this client's token (401)"), "\(refused.stdout.suffix(3000))")
        #expect(refused.stdout.contains("Make [dist.auth] token in \(wrong)"))
        let report = try Harness.json(atPath: work + "/refused.json")
        let compiles = try #require(report["compiles"] as? [[String: Any]])
        #expect(compiles.contains { $0["dist_refused"] as? String == "not authorized" }, "\(compiles)")

        // Both servers killed once the build runs: the scheduler still lists them (for up to 90 s), so every job it
        // gives them falls back here, each naming its server.
        let run = try DashboardRun(
            "farm-killed",
            arguments: [
                "--engine", "native", "--project", project, "--mount-root", work + "/m2", "--report", work + "/killed.json",
                "--", "sh", "-c", "sleep 3 && cargo build --release --offline --locked",
            ],
            directory: project, width: 160, height: 45, environment: ["SCCACHE_CONF": config, "CARGO_INCREMENTAL": "0"])
        defer { run.tmux.kill() }
        _ = try run.tmux.waitFor(timeout: 60) { $0.contains("running") }
        for server in ["server1", "server2"] {
            let pid = try String(contentsOfFile: Self.state + "/\(server).pid", encoding: .utf8)
            _ = try CommandRunner.run(["kill", "-9", pid.trimmingCharacters(in: .whitespacesAndNewlines)], timeout: 10)
        }
        let screen = try run.tmux.waitFor(timeout: 300) { $0.contains("succeeded in") && $0.contains("did not take") }
        // The panel's warning names each server (wrapped at the panel's width).
        #expect(screen.contains("fell back to this machine: build") && screen.contains("server 127.0.0.1:"), "\(screen)")
        try run.quit()
        let killed = try Harness.json(atPath: work + "/killed.json")
        let dist = try #require(killed["dist"] as? [String: Any])
        let reasons = try #require(dist["fallback_reasons"] as? [String: Int])
        #expect(!reasons.isEmpty && reasons.keys.allSatisfy { $0.hasPrefix("server 127.0.0.1:") }, "\(reasons)")
        #expect((dist["fallbacks"] as? Int ?? 0) >= reasons.values.reduce(0, +))
        #expect(try Harness.schemaProblems(Scratch.read(work + "/killed.json"), schema: "report-6") == [])
    }
}
