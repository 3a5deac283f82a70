import CacheWatchTestSupport
import Testing

@testable import CacheWatchCore

@Suite("The docker run")
struct DockerPlanTests {
    static func plan() -> DockerPlan {
        var plan = DockerPlan(
            image: "clux/muslrust:stable", containerName: "cachewatch-1-1-7", project: "/src/my project",
            mountRoot: "/home/me/.muslrust", registryPath: "/opt/cargo/registry", cacheSize: "5G",
            command: ["cargo", "build", "--release", "--locked"])
        plan.dockerArguments = ["-v", "/a:/b", "--network=none"]
        plan.runDirectory = "/home/me/.muslrust/cachewatch/runs/r1"
        return plan
    }

    @Test("The argv matches the seed's command, flag by flag")
    func argv() {
        let argv = Self.plan().arguments
        #expect(Array(argv.prefix(7)) == ["docker", "run", "--rm", "-t", "--init", "--name", "cachewatch-1-1-7"])
        let pairs = Set(zip(argv, argv.dropFirst()).map { "\($0) \($1)" })
        for expected in [
            "-v /src/my project:/volume", "-v /home/me/.muslrust/cargo/registry:/opt/cargo/registry",
            "-v /home/me/.muslrust/sccache:/root/sccache", "-e CARGO_INCREMENTAL=0",
            "-e RUSTC_WRAPPER=/usr/local/bin/sccache", "-e SCCACHE_DIR=/root/sccache", "-e SCCACHE_CACHE_SIZE=5G",
            "-e SCCACHE_ERROR_LOG=/cachewatch-run/sccache-server.log", "-e AR=ar",
            "-v /home/me/.muslrust/cachewatch/runs/r1:/cachewatch-run",
            // cargo's package-cache locks, shared by every container on the mount root.
            "-v /home/me/.muslrust/cargo/.package-cache:/opt/cargo/.package-cache",
            "-v /home/me/.muslrust/cargo/.package-cache-mutate:/opt/cargo/.package-cache-mutate",
        ] {
            #expect(pairs.contains(expected), "missing \(expected)")
        }
        // Extra arguments come before the image; the user's command is passed as arguments, unparsed.
        let image = argv.firstIndex(of: "clux/muslrust:stable")!
        #expect(argv.firstIndex(of: "--network=none")! < image)
        #expect(Array(argv[(image + 1)...(image + 2)]) == ["sh", "-c"])
        #expect(Array(argv.suffix(5)) == ["cachewatch", "cargo", "build", "--release", "--locked"])
    }

    @Test("Quotes, spaces and $(…) in the command stay arguments")
    func hostileCommand() {
        var plan = Self.plan()
        plan.command = ["cargo", "build", "--features", "a b", "'$(rm -rf /)'"]
        #expect(Array(plan.arguments.suffix(5)) == plan.command)
        #expect(!plan.script.contains("rm -rf /)"))
    }

    @Test("The script runs the command, prints the text and the marked JSON stats, and keeps the exit status")
    func script() {
        var plan = Self.plan()
        plan.fresh = true
        plan.chownAfter = "1000:1000"
        let script = plan.script
        #expect(script.hasPrefix("rm -rf /volume/target\n"))
        #expect(
            script.contains("SCCACHE_LOG=debug SCCACHE_LOG_MILLIS=1 /usr/local/bin/sccache --start-server"),
            "only the server logs at debug level, to the millisecond")
        #expect(script.contains("\n\"$@\"\nstatus=$?\n"))
        #expect(script.contains("/usr/local/bin/sccache --show-stats\n"))
        #expect(script.contains(FinalStatsMarker.start))
        #expect(script.contains("chown -R \"$CACHEWATCH_OWNER\""))
        #expect(script.hasSuffix("exit $status"))
        // Live stats through the run's own mount (not the sccache directory): a poller rewrites the file whole
        // while the command runs, then stops. Nothing of the run's files is truncated or removed by the host.
        #expect(script.contains("> /cachewatch-run/stats.json.tmp 2>/dev/null && mv -f /cachewatch-run/stats.json.tmp"))
        #expect(script.contains("poller=$!\n\"$@\"\nstatus=$?\nkill $poller"))
        #expect(!script.contains("/root/sccache/cachewatch"))
        #expect(!script.contains(": >"))
        #expect(plan.arguments.contains("SCCACHE_ERROR_LOG=/cachewatch-run/sccache-server.log"))
        #expect(plan.arguments.contains("CACHEWATCH_OWNER=1000:1000"))
        #expect(plan.arguments.contains("CACHEWATCH_REGISTRY=/opt/cargo/registry"))
    }

    @Test("The final payload splits into sccache's text report and its JSON, whatever line ends the PTY added")
    func finalPayload() {
        let payload = "\r\nCompile requests   3\r\r\nCache hits   2\r\n\(FinalStatsMarker.json){\"stats\":{}}\r\n"
        let (report, json) = FinalStatsMarker.split(payload)
        #expect(report == "Compile requests   3\nCache hits   2")
        #expect(json == "{\"stats\":{}}")
        #expect(FinalStatsMarker.split("{\"stats\":{}}\r\n") == (nil, "{\"stats\":{}}"))
    }

    @Test("The registry follows the image's CARGO_HOME, else muslrust's documented path")
    func registryPath() {
        #expect(DockerPlan.registryPath(imageEnvironment: ["PATH=/x", "CARGO_HOME=/opt/cargo"]) == "/opt/cargo/registry")
        #expect(DockerPlan.registryPath(imageEnvironment: ["CARGO_HOME=/opt/cargo/"]) == "/opt/cargo/registry")
        #expect(DockerPlan.registryPath(imageEnvironment: ["PATH=/x"]) == "/root/.cargo/registry")
    }

    @Test("A host path with a colon is mounted with --mount, its fields quoted as CSV; both containers agree")
    func colonInPath() {
        var plan = Self.plan()
        plan.project = "/src/a:b,c\"d"
        plan.mountRoot = "/m:1"
        let mount = "\"type=bind\",\"source=/src/a:b,c\"\"d\",\"target=/volume\""
        for argv in [plan.arguments, plan.chownArguments(owner: "1:1", name: "n")] {
            let pairs = Set(zip(argv, argv.dropFirst()).map { "\($0) \($1)" })
            #expect(pairs.contains("--mount \(mount)"))
            #expect(pairs.contains("--mount \"type=bind\",\"source=/m:1/sccache\",\"target=/root/sccache\""))
            #expect(!argv.contains { $0.hasPrefix("/src/a:b") }, "no -v that docker would split on the colon")
        }
        #expect(DockerPlan.bind("/plain path", "/volume") == ["-v", "/plain path:/volume"])
    }

    @Test("The chown container chowns only the three directories, to the owner given")
    func chown() {
        let argv = Self.plan().chownArguments(owner: "1000:1000", name: "cachewatch-chown-1")
        #expect(argv.contains("CACHEWATCH_OWNER=1000:1000"))
        #expect(Array(argv.suffix(3)) == ["/volume/target", "/opt/cargo/registry", "/root/sccache"])
        #expect(!argv.contains("-t"))
    }

    @Test("A build farm: the client's config read-only at its own path, SCCACHE_CONF by name, the toolchain cache kept")
    func farm() {
        var plan = Self.plan()
        #expect(!plan.arguments.contains("SCCACHE_CONF") && !plan.script.contains("--dist-status"), "no farm, none of it")
        plan.farm = DockerPlan.Farm(
            config: "/home/me/.muslrust/sccache-dist/client.conf", toolchainCache: "/home/me/.muslrust/sccache-dist/toolchains")
        let argv = plan.arguments
        let pairs = Set(zip(argv, argv.dropFirst()).map { "\($0) \($1)" })
        #expect(pairs.contains("-v /home/me/.muslrust/sccache-dist/client.conf:/home/me/.muslrust/sccache-dist/client.conf:ro"))
        #expect(pairs.contains("-e SCCACHE_CONF"), "by name: no value on the argv")
        #expect(pairs.contains("-v /home/me/.muslrust/sccache-dist/toolchains:/home/me/.muslrust/sccache-dist/toolchains"))
        #expect(plan.script.contains("--dist-status > /cachewatch-run/dist-status.json.tmp"), "the client's view, every 5 s")
        #expect(
            DockerPlan.bind("/a:b", "/c", readOnly: true) == [
                "--mount", "\"type=bind\",\"source=/a:b\",\"target=/c\",\"readonly\"",
            ])

        for (url, loopback) in [
            ("http://127.0.0.1:10600", true), ("http://localhost:10600/", true), ("https://user:pw@[::1]:1/", true),
            ("http://10.0.0.5:10600", false), ("http://farm.example:10600", false), ("127.0.0.1:10600", false),
        ] {
            #expect(DockerPlan.loopbackScheduler(url, dockerArguments: []) == loopback, "\(url)")
        }
        #expect(!DockerPlan.loopbackScheduler("http://127.0.0.1:10600", dockerArguments: ["--network=mynet"]))
    }
}
