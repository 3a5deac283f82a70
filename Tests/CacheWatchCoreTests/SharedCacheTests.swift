import Foundation
import Testing

@testable import CacheWatchCore

@Suite("Shared caches: the backend, its levels, its secrets")
struct SharedCacheTests {
    // MARK: Which backend

    @Test("The backend is read as sccache reads it: S3 first, then Redis, …, else the local disk; a chain by name")
    func backendChoice() {
        #expect(CacheBackend.from(environment: [:]) == .localDisk)
        #expect(CacheBackend.from(environment: ["SCCACHE_DIR": "/x"]).isLocalDisk)

        let redis = CacheBackend.from(environment: ["SCCACHE_REDIS_ENDPOINT": "redis://:hunter2@10.0.0.5:6380/2"])
        #expect(redis.levels.map(\.kind) == [.redis])
        #expect(redis.summary == "redis (redis://:****@10.0.0.5:6380/2)")
        #expect(redis.isRemoteOnly && !redis.isMultiLevel)
        #expect(redis.endpoints.first?.host == "10.0.0.5" && redis.endpoints.first?.port == 6380)

        // Both set: sccache takes S3 before Redis.
        let both = CacheBackend.from(environment: ["SCCACHE_BUCKET": "team", "SCCACHE_REDIS_ENDPOINT": "redis://r"])
        #expect(both.levels.map(\.kind) == [.s3])
        #expect(both.summary == "s3 (s3://team)")

        let chain = CacheBackend.from(environment: [
            "SCCACHE_MULTILEVEL_CHAIN": "disk, redis", "SCCACHE_REDIS_ENDPOINT": "redis://127.0.0.1:6390",
        ])
        #expect(chain.levels.map(\.kind) == [.disk, .redis])
        #expect(chain.isMultiLevel && !chain.isRemoteOnly && !chain.isLocalDisk)
        #expect(chain.summary == "local disk → redis (redis://127.0.0.1:6390)")

        let memcached = CacheBackend.from(environment: ["SCCACHE_MEMCACHED_ENDPOINT": "tcp://cache.lan"])
        #expect(memcached.endpoints.first?.port == 11211)
        #expect(CacheBackend.from(environment: ["SCCACHE_GHA_ENABLED": "on"]).levels.map(\.kind) == [.gha])
        #expect(CacheBackend.from(environment: ["SCCACHE_GHA_ENABLED": "off"]).isLocalDisk)
    }

    @Test("Endpoints: schemes, user information, IPv6, default ports, loopback; a Unix socket is not probed")
    func endpoints() throws {
        let plain = try #require(CacheEndpoint.parse("redis://127.0.0.1:46379", kind: .redis))
        #expect(plain.isLoopback && !plain.tls && !plain.hasPasswordInURL && plain.port == 46379)
        let secret = try #require(CacheEndpoint.parse("rediss://default:p@ss:w0rd@cache.example:6380/0", kind: .redis))
        #expect(secret.host == "cache.example" && secret.port == 6380 && secret.tls && secret.hasPasswordInURL)
        #expect(!secret.masked.contains("w0rd"), "\(secret.masked)")
        let six = try #require(CacheEndpoint.parse("redis://[::1]:7000", kind: .redis))
        #expect(six.host == "::1" && six.port == 7000 && six.isLoopback)
        #expect(CacheEndpoint.parse("localhost", kind: .redis)?.port == 6379)
        #expect(CacheEndpoint.parse("localhost", kind: .redis)?.isLoopback == true)
        #expect(CacheEndpoint.parse("redis+unix:///run/redis.sock", kind: .redis) == nil)
        #expect(CacheEndpoint.parse("redis://host:99999", kind: .redis) == nil)
        #expect(CacheEndpoint.parse("redis://10.1.2.3", kind: .redis)?.isLoopback == false)
    }

    @Test("Into the container by name only: backend variables and credentials, plus --cache-env, never cachewatch's own")
    func passedVariables() {
        let environment = [
            "SCCACHE_REDIS_ENDPOINT": "redis://h", "SCCACHE_REDIS_PASSWORD": "pw", "AWS_SECRET_ACCESS_KEY": "k",
            "ACTIONS_RUNTIME_TOKEN": "t", "SCCACHE_DIR": "/mine", "SCCACHE_CACHE_SIZE": "1G", "HOME": "/root",
            "MY_CA_BUNDLE": "/ca.pem", "SCCACHE_MULTILEVEL_CHAIN": "disk,redis",
        ]
        let names = CacheBackend.passedVariables(environment: environment, extra: ["MY_CA_BUNDLE", "NOT_SET"])
        #expect(
            names == [
                "ACTIONS_RUNTIME_TOKEN", "AWS_SECRET_ACCESS_KEY", "MY_CA_BUNDLE", "SCCACHE_MULTILEVEL_CHAIN",
                "SCCACHE_REDIS_ENDPOINT", "SCCACHE_REDIS_PASSWORD",
            ])
        var plan = DockerPlan(
            image: "img", containerName: "c", project: "/p", mountRoot: "/m", registryPath: "/r", cacheSize: "1G",
            command: ["cargo", "build"])
        plan.cacheVariables = names
        plan.hostNetwork = true
        plan.serverPort = 41234
        let argv = plan.arguments
        #expect(argv.contains("SCCACHE_SERVER_PORT=41234"), "a server port of its own on the host's network")
        for name in names {
            #expect(argv.indices.contains { argv[$0] == "-e" && argv[$0 + 1] == name }, "\(name) passed by name")
        }
        for value in ["pw", "k", "t", "redis://h", "/ca.pem"] {
            #expect(!argv.contains { $0.hasSuffix("=" + value) }, "no value on the argv: \(value)")
        }
        let network = argv.firstIndex(of: "--network")
        #expect(network.map { argv[$0 + 1] } == "host")
        #expect(network.map { $0 < argv.firstIndex(of: "img")! } == true, "before the image")
    }

    @Test("A cache on the host's loopback needs the host's network, unless the user chose one")
    func hostNetwork() {
        let local = CacheBackend.from(environment: ["SCCACHE_REDIS_ENDPOINT": "redis://localhost:6390"])
        let remote = CacheBackend.from(environment: ["SCCACHE_REDIS_ENDPOINT": "redis://10.0.0.9"])
        #expect(DockerPlan.loopbackEndpoint(of: local, dockerArguments: [])?.host == "localhost")
        #expect(DockerPlan.loopbackEndpoint(of: local, dockerArguments: ["--network=bridge"]) == nil)
        #expect(DockerPlan.loopbackEndpoint(of: local, dockerArguments: ["--net", "x"]) == nil)
        #expect(DockerPlan.loopbackEndpoint(of: remote, dockerArguments: []) == nil)
        #expect(DockerPlan.loopbackEndpoint(of: .localDisk, dockerArguments: []) == nil)
    }

    // MARK: Levels

    @Test("Per-level numbers from sccache's JSON and from its text report agree (real multi-level captures)")
    func levelsParsed() throws {
        let json = try SccacheJSONParser.parse(try Fixture.text("multilevel-disk-redis-after-cold.pretty.json"))
        let levels = try #require(json.levels)
        #expect(levels.map(\.name) == ["L0 (disk)", "L1 (redis)"])
        #expect(levels.map(\.shortName) == ["L0 disk", "L1 redis"])
        #expect(levels.map(\.writes) == [13, 13])
        #expect(levels[1].location == "redis, name: redis://127.0.0.1:46379, prefix: /")
        let text = try #require(SccacheTextParser.parse(try Fixture.text("multilevel-disk-redis-after-cold.txt")))
        #expect(text.levels?.map(\.name) == levels.map(\.name))
        #expect(text.levels?.map(\.misses) == levels.map(\.misses))
        #expect(text.levels?.map(\.location) == ["Local disk: \"/home/dev/demo/cache-ml\"", levels[1].location])

        // The warm run with the disk level wiped: hits from L1, backfilled into L0.
        let warm = try #require(SccacheTextParser.parse(try Fixture.text("multilevel-stop-server.txt")))
        let warmLevels = try #require(warm.levels)
        #expect(warmLevels.map(\.hits) == [0, 13])
        #expect(warmLevels.map(\.backfillsTo) == [13, 0])
        #expect(warmLevels.map(\.backfillsFrom) == [0, 13])
        #expect(warmLevels[1].averageHit == 0.003)
        // A single cache has no levels.
        #expect(try SccacheJSONParser.parse(try Fixture.text("redis-stats-after-build2.json")).levels == nil)
    }

    private func dashboard(_ stats: SccacheStats, cache: CacheBackend?, width: Int = 120, height: Int = 45) -> String {
        var s = AppState(
            session: SessionInfo(engine: .native, project: "p", command: "c", cache: cache), cacheLimit: 5 << 30)
        _ = s.update(.resize(width: width, height: height))
        _ = s.update(.stats(stats, final: true))
        _ = s.update(.diskScanned(DiskUsage(directories: [DirectoryUsage(name: "sccache", path: "/m/sccache", exists: true)])))
        var screen = Screen(width: s.width, height: s.height)
        DashboardView.render(s, into: &screen)
        return screen.textDump
    }

    @Test("The panel shows each level: hits, misses, writes, backfills; full and at 80×24")
    func levelPanel() throws {
        let warm = try #require(SccacheTextParser.parse(try Fixture.text("multilevel-stop-server.txt")))
        let chain = CacheBackend.from(environment: [
            "SCCACHE_MULTILEVEL_CHAIN": "disk,redis", "SCCACHE_REDIS_ENDPOINT": "redis://127.0.0.1:46379",
        ])
        let full = dashboard(warm, cache: chain)
        #expect(full.contains("L0 disk") && full.contains("0 hit · 13 miss · 0.0%"), "\(full)")
        #expect(full.contains("L1 redis") && full.contains("13 hit · 0 miss · 100.0%"), "\(full)")
        #expect(full.contains("writes 0 · 13 backfilled in"), "\(full)")
        #expect(full.contains("writes 0 · 13 out · read 0.003 s"), "\(full)")
        #expect(full.contains("cache: local disk → redis (redis://127.0.0.1:46379)"), "the header names the backend")
        let small = dashboard(warm, cache: chain, width: 80, height: 24)
        #expect(small.contains("L0 disk") && small.contains("0 hit 13 miss +13 in"), "\(small)")
        #expect(small.contains("L1 redis") && small.contains("13 hit 0 miss 13 out"), "\(small)")
    }

    @Test("A remote-only cache: no size against a limit it does not have, no gauge on the unused local directory")
    func remoteOnlyPanel() throws {
        let redis = CacheBackend.from(environment: ["SCCACHE_REDIS_ENDPOINT": "redis://:hunter2@127.0.0.1:46379"])
        // sccache prints the endpoint as it was given: with its password, which the parser masks.
        let json = try Fixture.text("redis-stats-after-build2.json").replacingOccurrences(
            of: "redis://127.0.0.1:46379", with: "redis://:hunter2@127.0.0.1:46379")
        #expect(json.contains("hunter2"))
        let text = dashboard(try SccacheJSONParser.parse(json), cache: redis)
        #expect(text.contains("cache: redis (redis://:****@127.0.0.1:46379)"), "the header, masked\n\(text)")
        #expect(text.contains("redis://:****@127.0"), "the footer, masked")
        #expect(!text.contains("hunter2"))
        #expect(text.contains(" from redis") && text.contains("13 hit"), "where the hits came from")
        #expect(text.contains("not reported by redis"), "\(text)")
        #expect(text.contains("unused: the cache is in redis"), "\(text)")
        #expect(!text.contains("% of "), "no gauge against the local limit")
        let local = dashboard(try SccacheJSONParser.parse(try Fixture.text("stats-after-build2-warm.json")), cache: .localDisk)
        #expect(
            local.contains("0.0% of 10.0 GiB") && !local.contains("cache:"),
            "the local disk keeps its gauge, no header note\n\(local)")
    }

    // MARK: Secrets

    @Test("Known secrets are masked in output cut anywhere, and only they; none is held back at the end")
    func scrubber() {
        let secret = "hunter2-very-secret"
        var scrubber = SecretScrubber(secrets: [secret, "pw"])  // "pw" is too short to be masked
        let stream = Array("token: \(secret)\r\nagain\(secret)\(secret) pw hunter done".utf8)
        for cut in [1, 2, 5, 7, 19, 64] {
            var copy = scrubber
            var out: [UInt8] = []
            var index = 0
            while index < stream.count {
                out += copy.scrub(Array(stream[index..<min(stream.count, index + cut)]))
                index += cut
            }
            out += copy.flush()
            #expect(
                String(decoding: out, as: UTF8.self) == "token: ****\r\nagain******** pw hunter done", "cut \(cut)")
        }
        #expect(scrubber.scrub(text: "x \(secret) y") == "x **** y")
        // A tail that only looks like a secret's start comes out at the end.
        #expect(scrubber.scrub(Array("ends in hunt".utf8)) == Array("ends in ".utf8))
        #expect(scrubber.flush() == Array("hunt".utf8))
        let none = SecretScrubber(secrets: [])
        #expect(none.isEmpty && none.scrub(text: "anything") == "anything")
    }

    @Test("A secret split by colour or erase-line sequences is masked as displayed, in output cut anywhere")
    func scrubberDisplayed() {
        let secret = "hunter2-very-secret"
        let scrubber = SecretScrubber(secrets: [secret])
        let stream = Array("pw: hunter\u{1B}[31m2-very\u{1B}[K-sec\u{1B}]0;t\u{07}ret\u{1B}[0m ok\r\nhunter2 plain\r\n".utf8)
        for cut in [1, 3, 7, 11, 64, 4096] {
            var copy = scrubber
            var out: [UInt8] = []
            var index = 0
            while index < stream.count {
                out += copy.scrub(Array(stream[index..<min(stream.count, index + cut)]))
                index += cut
            }
            out += copy.flush()
            let text = String(decoding: out, as: UTF8.self)
            // What a terminal shows: the escape sequences removed.
            var assembler = LineAssembler()
            let shown = assembler.feed(out).map(\.text) + (assembler.finish().map { [$0.text] } ?? [])
            #expect(!shown.joined().contains(secret), "cut \(cut): \(shown)")
            #expect(shown.first == "pw: ******************* ok", "cut \(cut): \(shown)")
            #expect(text.contains("\u{1B}[31m") && text.contains("hunter2 plain"), "cut \(cut): the rest is kept")
        }
    }

    @Test("The secrets of an environment: secret-named values and URL passwords, as written and decoded")
    func secretsOfEnvironment() {
        let environment = [
            "SCCACHE_REDIS_ENDPOINT": "redis://user:p%40ss-word@h:1", "SCCACHE_REDIS_PASSWORD": "hunter22",
            "AWS_ACCESS_KEY_ID": "AKIAEXAMPLE", "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI", "PATH": "/bin",
        ]
        let secrets = Set(SecretScrubber.secrets(in: environment, names: Array(environment.keys)))
        #expect(secrets == ["p%40ss-word", "p@ss-word", "hunter22", "wJalrXUtnFEMI"])
    }

    @Test("Stats locations lose known secrets too (sccache may print what it was given)")
    func statsScrubbed() {
        var stats = SccacheStats()
        stats.cacheLocation = "webdav, endpoint: https://dav/?token=abcd1234"
        var level = CacheLevelStats(name: "L1 (webdav)")
        level.location = "abcd1234"
        stats.levels = [level]
        let clean = stats.scrubbed(SecretScrubber(secrets: ["abcd1234"]))
        #expect(clean.cacheLocation == "webdav, endpoint: https://dav/?token=****")
        #expect(clean.levels?.first?.location == "****")
    }
}
