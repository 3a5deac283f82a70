import CacheWatchCore
import CacheWatchTestSupport
import Foundation
import Testing

@testable import CacheWatchRunner

/// A team's shared cache: the real sccache against a real redis-server with a password (scripts/redis-up), in both
/// engines; a second "developer" (a new mount root, an empty local cache, a clean target/) hits what the first
/// stored; a disk level in front of Redis is backfilled; the password is nowhere cachewatch writes or draws.
@Suite("Shared caches on a real Redis", .serialized)
struct SharedCacheTests {
    static let redis: Result<TestRedis, Error> = Result { try TestRedis() }
    static let work: String = (try? Harness.temporaryDirectory("shared cache")) ?? NSTemporaryDirectory() + "cw-shared"
    /// The small workspace, copied once: natively a path is part of every key, so the team shares one checkout path.
    static let project: String? = try? Harness.smallWorkspace(in: work)

    private func server() throws -> TestRedis {
        try Self.redis.get()
    }

    private func environment(_ redis: TestRedis, _ extra: [String: String] = [:]) -> [String: String] {
        redis.environment.merging(["CARGO_INCREMENTAL": "0"].merging(extra) { $1 }) { $1 }
    }

    private func native(_ mount: String, _ extra: [String], environment: [String: String]) throws -> CommandResult {
        try Harness.cachewatch(
            ["--engine", "native", "--headless", "--project", try #require(Self.project), "--mount-root", mount] + extra
                + Harness.smallBuild, environment: environment)
    }

    private func docker(_ project: String, _ mount: String, _ extra: [String], environment: [String: String]) throws
        -> CommandResult
    {
        try Harness.cachewatch(
            ["--engine", "docker", "--image", DockerHarness.image, "--headless", "--project", project, "--mount-root", mount]
                + DockerHarness.dockerArguments + extra, environment: environment)
    }

    private static func stats(_ report: [String: Any]) -> [String: Any]? {
        (report["sccache"] as? [String: Any])?["stats"] as? [String: Any]
    }

    /// True when `needle` occurs in any file under `directory` (binary files included: the history database).
    static func anyFile(under directory: String, contains needle: String) -> [String] {
        let bytes = Data(needle.utf8)
        var found: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let relative = enumerator?.nextObject() as? String {
            let path = directory + "/" + relative
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size < 256 << 20,
                let data = FileManager.default.contents(atPath: path)
            else { continue }
            if data.range(of: bytes) != nil { found.append(relative) }
        }
        return found
    }

    @Test("Natively: a cold build fills Redis; a teammate's first build (new mount root, clean target/) hits it all")
    func nativeTeam() throws {
        guard Harness.require(["cargo", "sccache", "redis-server"]) else { return }
        let redis = try server()
        let before = try redis.keyCount()
        let cold = try native(
            Self.work + "/dev one", ["--fresh", "--report", Self.work + "/one.json"], environment: environment(redis))
        #expect(cold.status == 0, "\(cold.stdout.suffix(2000))\n\(cold.stderr)")
        #expect(cold.stdout.contains("cachewatch: sccache's cache: redis (\(redis.endpoint))"))
        let one = try Harness.json(atPath: Self.work + "/one.json")
        let misses = try #require(Harness.misses(inReport: one))
        #expect(misses > 0)
        #expect(try redis.keyCount() >= before + misses, "every miss was stored in Redis")
        #expect((one["sccache"] as? [String: Any])?["cache_location"] as? String == "redis, name: \(redis.endpoint), prefix: /")
        #expect((one["cache"] as? [String: Any])?["summary"] as? String == "redis (\(redis.endpoint))")

        let second = try native(
            Self.work + "/dev two", ["--fresh", "--report", Self.work + "/two.json"], environment: environment(redis))
        #expect(second.status == 0, "\(second.stdout.suffix(2000))\n\(second.stderr)")
        let two = try Harness.json(atPath: Self.work + "/two.json")
        #expect(Harness.hits(inReport: two) == misses, "everything the first stored")
        #expect(Harness.misses(inReport: two) ?? 0 == 0)
        #expect(second.stdout.contains("cache: redis (\(redis.endpoint)); every hit came from it"), "\(second.stdout)")
        // Nothing in the teammate's local cache directory: the hits came from Redis.
        let local = (try? FileManager.default.subpathsOfDirectory(atPath: Self.work + "/dev two/sccache")) ?? []
        #expect(local.filter { !$0.hasPrefix(".") && !$0.contains("/") && $0.count == 1 }.isEmpty, "\(local)")
    }

    @Test("A disk level in front of Redis: with the disk level empty, every hit is L1's and backfilled into L0")
    func multiLevelBackfill() throws {
        guard Harness.require(["cargo", "sccache", "redis-server"]) else { return }
        let redis = try server()
        let chain = environment(redis, ["SCCACHE_MULTILEVEL_CHAIN": "disk,redis"])
        let mount = Self.work + "/dev chain"
        // Fill Redis (a no-op when another test did), then wipe the disk level before each measured run.
        _ = try native(mount, ["--fresh"], environment: chain)
        for round in 1...2 {
            SafeFile.removeTree(mount + "/sccache")
            let report = Self.work + "/chain\(round).json"
            let result = try native(mount, ["--fresh", "--report", report], environment: chain)
            #expect(result.status == 0, "\(result.stdout.suffix(2000))\n\(result.stderr)")
            let levels = try #require(Self.stats(try Harness.json(atPath: report))?["multi_level"] as? [[String: Any]])
            #expect(levels.map { $0["name"] as? String } == ["L0 (disk)", "L1 (redis)"])
            let hits = try #require(levels[1]["hits"] as? Int)
            #expect(hits > 0)
            #expect(levels[0]["hits"] as? Int == 0)
            #expect(levels[0]["backfills_to"] as? Int == hits, "round \(round): L0 was filled from L1")
            #expect(levels[1]["backfills_from"] as? Int == hits)
            #expect(result.stdout.contains("levels: L0 disk 0 hits"), "\(result.stdout)")
            #expect(result.stdout.contains("L1 redis \(hits) hits"), "\(result.stdout)")
        }
        // The history keeps the backend and each level's numbers.
        let shown = try Harness.cachewatch(["history", "show", "last", "--mount-root", mount])
        #expect(shown.stdout.contains("Backend    local disk → redis (\(redis.endpoint))"), "\(shown.stdout)")
        #expect(shown.stdout.contains("L1 redis") && shown.stdout.contains("backfilled out"), "\(shown.stdout)")
    }

    @Test("In the container: Redis reached over the host's network, variables passed by name, the password nowhere")
    func dockerTeamAndSecrets() throws {
        guard DockerHarness.require(), Harness.require(["redis-server"]) else { return }
        let redis = try server()
        let first = try Harness.smallWorkspace(in: Self.work + "/docker one")
        let mount = Self.work + "/docker mount one"
        // The build prints the password it was given: untrusted code may.
        let leaky = [
            "--", "sh", "-c", "echo \"leak:$SCCACHE_REDIS_PASSWORD:end\"; exec cargo build --release --offline --locked",
        ]
        let finished = DispatchSemaphore(value: 0)
        let outcome = LockedValue<Result<CommandResult, Error>?>(nil)
        Thread {
            outcome.set(
                Result {
                    try docker(
                        first, mount, ["--fresh", "--report", Self.work + "/docker1.json"] + leaky, environment: redis.environment
                    )
                })
            finished.signal()
        }.start()
        // While it runs: the `docker run` client's argv names the variables, never their values.
        var seenClient = false
        while finished.wait(timeout: .now() + 0.2) == .timedOut {
            for command in DockerHarness.clientCommands(containing: mount) {
                seenClient = true
                #expect(!command.contains(redis.password), "the password on docker's argv")
                #expect(command.contains("-e SCCACHE_REDIS_PASSWORD ") && command.contains("--network host"), "\(command)")
            }
        }
        #expect(seenClient, "the docker client was seen while the build ran")
        let result = try #require(try outcome.get()?.get())
        #expect(result.status == 0, "\(result.stdout.suffix(2000))\n\(result.stderr)")
        #expect(result.stdout.contains("leak:****:end"), "the build's output is masked")
        #expect(result.stdout.contains("--network host"))
        let report = try Harness.json(atPath: Self.work + "/docker1.json")
        let misses = try #require(Harness.misses(inReport: report))
        #expect(misses > 0)
        #expect(
            (report["sccache"] as? [String: Any])?["cache_location"] as? String == "redis, name: \(redis.endpoint), prefix: /")

        // The password in none of: the terminal output, the log file, the report, the recording, the history.
        #expect(!result.stdout.contains(redis.password) && !result.stderr.contains(redis.password))
        #expect(Self.anyFile(under: mount, contains: redis.password).isEmpty)
        #expect(!Scratch.read(Self.work + "/docker1.json").contains(redis.password))
        let written = try FileManager.default.subpathsOfDirectory(atPath: mount + "/cachewatch")
        #expect(written.contains { $0.hasSuffix(".log") } && written.contains { $0.hasSuffix(".cwrec") })
        #expect(written.contains("history.sqlite"))
        #expect(
            Self.anyFile(under: mount, contains: "leak:****:end").count >= 2, "the masked line is in the log and the recording")

        // A teammate's container: another checkout, mount root and empty cache; every compile hits Redis.
        let second = try Harness.smallWorkspace(in: Self.work + "/docker two")
        let warm = try docker(
            second, Self.work + "/docker mount two", ["--fresh", "--report", Self.work + "/docker2.json"] + Harness.smallBuild,
            environment: redis.environment)
        #expect(warm.status == 0, "\(warm.stdout.suffix(2000))\n\(warm.stderr)")
        let warmReport = try Harness.json(atPath: Self.work + "/docker2.json")
        #expect(Harness.hits(inReport: warmReport) == misses)
        // A report with a Redis backend: its cache and levels as the schema has them.
        #expect(try Harness.schemaProblems(Scratch.read(Self.work + "/docker2.json"), schema: "report-6") == [])
        #expect(DockerHarness.containers().isEmpty, "left: \(DockerHarness.containers())")
    }

    @Test(
        "No secret at rest: a password in the URL, or in any URL of a cluster's list, is in no output and no file under the mount root, both engines"
    )
    func secretsAtRest() throws {
        guard DockerHarness.require(), Harness.require(["redis-server"]) else { return }
        let redis = try server()
        let project = try Scratch.tinyProject(at: Self.work + "/at rest project")
        let forms: [(name: String, environment: [String: String], secrets: [String])] = [
            ("url", ["SCCACHE_REDIS": "redis://:\(redis.password)@127.0.0.1:\(redis.port)"], [redis.password]),
            (
                "cluster",
                [
                    "SCCACHE_REDIS_CLUSTER_ENDPOINTS":
                        "redis://:first-\(redis.password)@127.0.0.1:\(redis.port),redis://:second-\(redis.password)@127.0.0.1:\(redis.port)"
                ], ["first-\(redis.password)", "second-\(redis.password)"]
            ),
        ]
        for form in forms {
            for engine in ["native", "docker"] {
                let mount = Self.work + "/at rest \(form.name) \(engine)"
                let report = mount + ".json"
                var arguments = [
                    "--engine", engine, "--headless", "--project", project, "--mount-root", mount, "--report", report,
                    "--no-probe",
                ]
                if engine == "docker" { arguments += ["--image", DockerHarness.image] + DockerHarness.dockerArguments }
                let result = try Harness.cachewatch(
                    arguments + ["--", "cargo", "build", "--offline"], environment: form.environment, timeout: 240)
                let doctor = try Harness.cachewatch(
                    ["doctor", "--engine", engine, "--project", project, "--mount-root", mount], environment: form.environment)
                #expect(FileManager.default.fileExists(atPath: mount + "/cachewatch/history.sqlite"), "\(form.name) \(engine)")
                for secret in form.secrets {
                    let said = result.stdout + result.stderr + doctor.stdout + doctor.stderr
                    #expect(!said.contains(secret), "\(form.name) \(engine): on the terminal")
                    #expect(Self.anyFile(under: mount, contains: secret).isEmpty, "\(form.name) \(engine): at rest")
                    #expect(!Scratch.read(report).contains(secret), "\(form.name) \(engine): in the report")
                }
                // What cachewatch leaves: run directories 0700, its own files 0600.
                for run in (try? FileManager.default.contentsOfDirectory(atPath: mount + "/cachewatch/runs")) ?? [] {
                    var info = stat()
                    let path = mount + "/cachewatch/runs/" + run
                    #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o700)
                    for file in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
                        #expect(stat(path + "/" + file, &info) == 0 && info.st_mode & 0o077 == 0, "\(path)/\(file)")
                    }
                }
            }
        }
        #expect(DockerHarness.containers().isEmpty, "left: \(DockerHarness.containers())")
    }

    @Test("The dashboard: the backend in the header, no size gauge for Redis, the password not on the screen")
    func dashboardScreen() throws {
        guard Harness.require(["cargo", "sccache", "redis-server", "tmux"]) else { return }
        let redis = try server()
        let leaky = [
            "--", "sh", "-c", "echo \"leak:$SCCACHE_REDIS_PASSWORD:end\"; exec cargo build --release --offline --locked",
        ]
        let run = try DashboardRun(
            "shared screen",
            arguments: ["--engine", "native", "--fresh", "--mount-root", Self.work + "/dev screen"] + leaky,
            directory: try #require(Self.project), environment: environment(redis))
        defer { run.tmux.kill() }
        let screen = try run.tmux.waitFor(timeout: 180) { $0.contains("succeeded in") }
        #expect(screen.contains("cache: redis (\(redis.endpoint))"), "\(screen)")
        #expect(screen.contains("not reported by redis"), "\(screen)")
        #expect(screen.contains("unused: the cache is in redis"), "\(screen)")
        #expect(!screen.contains(redis.password))
        try run.tmux.send("/")
        try run.tmux.sendRaw("leak")
        try run.tmux.send("Enter")
        let found = try run.tmux.waitFor(timeout: 10) { $0.contains("leak:****:end") }
        #expect(!found.contains(redis.password))
        try run.tmux.send("Escape")
        try run.quit()
        #expect(run.exitStatus == "0")
    }

    @Test("An unreachable cache: a clear message naming it within 2 s and a non-zero exit, in both engines")
    func unreachable() throws {
        guard Harness.require(["cargo", "sccache"]) else { return }
        let port = try #require(Ports.free())
        let environment = ["SCCACHE_REDIS_ENDPOINT": "redis://127.0.0.1:\(port)", "CARGO_INCREMENTAL": "0"]
        var engines = [["--engine", "native"]]
        if DockerHarness.enabled { engines.append(["--engine", "docker", "--image", DockerHarness.image]) }
        for engine in engines {
            let started = MonotonicClock.now()
            let result = try Harness.cachewatch(
                engine + ["--headless", "--project", try #require(Self.project), "--mount-root", Self.work + "/unreachable"],
                environment: environment)
            #expect(MonotonicClock.now() - started < 2, "\(engine)")
            #expect(result.status != 0)
            let said = result.stdout + result.stderr
            #expect(said.contains("the redis cache at redis://127.0.0.1:\(port) does not answer"), "\(said)")
            #expect(!said.contains("Timed out waiting for server startup"))
        }
        // --no-probe leaves it to sccache (which then fails its own way, after its 10 s wait): not run here.
    }

    @Test("Four builds at once against one Redis (two native, two in containers) keep their numbers apart")
    func fourAtOnce() throws {
        guard DockerHarness.require(), Harness.require(["cargo", "sccache", "redis-server"]) else { return }
        let redis = try server()
        // Four one-crate projects of different names (four keys), each built while the others are too.
        let engines = ["native", "native", "docker", "docker"]
        let projects = try (0..<4).map { index in
            try Scratch.tinyProject(at: Self.work + "/four/p\(index)", name: "team_\(index)_\(getpid())")
        }
        func round(_ label: String) throws -> [[String: Any]] {
            let results = LockedValue<[Int: Result<CommandResult, Error>]>([:])
            let group = DispatchGroup()
            for index in 0..<4 {
                group.enter()
                Thread {
                    var arguments = [
                        "--engine", engines[index], "--headless", "--fresh", "--project", projects[index], "--mount-root",
                        Self.work + "/four/m\(index)", "--report", Self.work + "/four/\(label)\(index).json",
                    ]
                    if engines[index] == "docker" {
                        arguments += ["--image", DockerHarness.image] + DockerHarness.dockerArguments
                    }
                    // A pause before and after the build: all four servers are up at the same time.
                    arguments += ["--", "sh", "-c", "sleep 2; cargo build --offline && sleep 2"]
                    let result = Result { try Harness.cachewatch(arguments, environment: self.environment(redis)) }
                    results.update { $0[index] = result }
                    group.leave()
                }.start()
            }
            group.wait()
            return try (0..<4).map { index in
                let result = try #require(try results.get()[index]?.get())
                #expect(result.status == 0, "\(label) \(index): \(result.stdout.suffix(1500))\n\(result.stderr)")
                return try Harness.json(atPath: Self.work + "/four/\(label)\(index).json")
            }
        }
        let keys = try redis.keyCount()
        let cold = try round("cold")
        for (index, report) in cold.enumerated() {
            #expect(Harness.misses(inReport: report) == 1, "\(index): its own one compile, no other's")
            #expect(Harness.hits(inReport: report) ?? 0 == 0)
        }
        let filled = try redis.keyCount()
        #expect(filled >= keys + 4, "four entries stored (and sccache's own check key): \(keys) → \(filled)")
        let warm = try round("warm")
        for (index, report) in warm.enumerated() {
            #expect(Harness.hits(inReport: report) == 1, "\(index)")
            #expect(Harness.misses(inReport: report) ?? 0 == 0)
            #expect(Self.stats(report)?["compile_requests"] as? Int == Self.stats(cold[index])?["compile_requests"] as? Int)
        }
    }
}
