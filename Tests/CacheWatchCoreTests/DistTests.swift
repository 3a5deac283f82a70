import Foundation
import Testing

@testable import CacheWatchCore

/// A build farm as sccache 0.16's client and scheduler tell it (real captures from a scheduler and two build servers).
@Suite("The build farm: sccache's per-server counts, --dist-status, the scheduler's status, the client's [dist]")
struct DistTests {
    @Test("JSON stats: compiles per build server and the fallbacks to local")
    func statsJSON() throws {
        let two = try SccacheJSONParser.parse(try Fixture.text("dist/show-stats-after-dist2-2servers.json"))
        #expect(two.distCompiles == ["127.0.0.1:10501": 3, "127.0.0.1:10502": 1])
        #expect(two.distServers.map(\.server) == ["127.0.0.1:10501", "127.0.0.1:10502"])
        #expect(two.distTotal == 4)
        #expect(two.distErrors == 0)
        let killed = try SccacheJSONParser.parse(try Fixture.text("dist/show-stats-server2-killed.json"))
        #expect((killed.distErrors ?? 0) > 0, "a server killed mid-build: fallbacks")
        let local = try SccacheJSONParser.parse(try Fixture.text("stats-after-build2-warm.json"))
        #expect(local.distCompiles == [:], "no farm: an empty map, not an unknown one")
        #expect(local.distTotal == 0)
    }

    @Test("Text stats: the per-server section, present only when a server compiled; the JSON of the moment agrees")
    func statsText() throws {
        let text = try #require(SccacheTextParser.parse(try Fixture.text("dist1-stats.txt")))
        let json = try SccacheJSONParser.parse(try Fixture.text("dist1-stats.json"))
        #expect(text.distCompiles == json.distCompiles)
        #expect(text.distErrors == json.distErrors)
        #expect(text.distCompiles == ["127.0.0.1:10501": 2])
        #expect(text.notCached.count == 3, "the section before the reasons does not swallow them")
        let heavy = try #require(SccacheTextParser.parse(try Fixture.text("dist/show-stats-final-heavy.txt")))
        #expect(heavy.distCompiles == ["127.0.0.1:10501": 1])
        let local = try #require(SccacheTextParser.parse(try Fixture.text("stats-after-build2-warm.txt")))
        #expect(local.distCompiles == [:] && local.distErrors == 0)
    }

    @Test("Hostile per-server counts: names bounded, at most 64 servers, counts capped, no escape kept")
    func hostileCounts() throws {
        var farm = "{"
        for index in 0..<200 { farm += "\"10.0.0.\(index):1\(String(repeating: "9", count: index))\\u001b[2J\": \(index), " }
        farm += "\"huge\": 1e300, \"negative\": -4, \"text\": \"7\"}"
        let stats = try SccacheJSONParser.parse(
            "{\"stats\":{\"dist_compiles\":\(farm),\"dist_errors\":99999999999999999999},\"version\":\"0.16.0\"}")
        let servers = stats.distServers
        #expect(servers.count == SccacheStats.maxServers)
        #expect(servers.allSatisfy { $0.server.count <= SccacheStats.maxServerName + 8 })
        #expect(!servers.contains { $0.server.unicodeScalars.contains { $0.value == 0x1B } })
        #expect(servers.allSatisfy { $0.compiles >= 0 && $0.compiles <= SccacheStats.maxCount })
        #expect(stats.distErrors == SccacheStats.maxCount)
    }

    @Test(
        "--dist-status in each of its forms",
        arguments: [
            (
                "dist/dist-status-2servers.txt",
                DistStatus.connected(
                    scheduler: "http://127.0.0.1:10600", farm: FarmLoad(servers: 2, cpus: 4, inProgress: 0))
            ),
            (
                "dist/dist-status-1server-before.txt",
                .connected(
                    scheduler: "http://127.0.0.1:10600", farm: FarmLoad(servers: 1, cpus: 2, inProgress: 0))
            ),
            ("dist/dist-status-no-dist-config.txt", .disabled),
            (
                "dist/dist-status-client-started-while-scheduler-down.txt",
                .notConnected(
                    scheduler: "http://127.0.0.1:10600", reason: "enabled, not connected, will retry in 30.0s")
            ),
            (
                "dist/dist-status-scheduler-down.txt",
                .notConnected(
                    scheduler: "http://127.0.0.1:10600", reason: "could not communicate with scheduler")
            ),
        ])
    func distStatus(file: String, expected: DistStatus) throws {
        #expect(DistStatus.parse(try Fixture.text(file)) == expected)
    }

    @Test("--dist-status that is none of its forms is nil; a reason's escapes and credentials do not survive")
    func distStatusHostile() {
        for text in [
            "", "null", "{}", "{\"SchedulerStatus\":[\"u\"]}",
            "{\"SchedulerStatus\":[\"u\",{\"num_servers\":-1,"
                + "\"num_cpus\":1,\"in_progress\":0}]}", "{\"NotConnected\":[1,2]}", "not json",
        ] {
            #expect(DistStatus.parse(text) == nil, "\(text)")
        }
        let status = DistStatus.parse(
            "{\"NotConnected\":[\"http://user:hunter2@farm:10600/\",\"boom \\u001b]0;pwned\\u0007 here\"]}")
        guard case .notConnected(let scheduler, let reason) = status else {
            Issue.record("\(String(describing: status))")
            return
        }
        #expect(!scheduler.contains("hunter2"), "\(scheduler)")
        #expect(!reason.unicodeScalars.contains { $0.value < 0x20 }, "\(reason)")
    }

    @Test("The scheduler's status endpoint, polled through a build: servers, CPUs and jobs in flight")
    func schedulerStatus() throws {
        let lines = try Fixture.text("dist/scheduler-status-poll-during-build.txt").split(separator: "\n")
        let loads = lines.compactMap { line in
            line.split(separator: " ", maxSplits: 1).last.flatMap { FarmLoad.parse(String($0)) }
        }
        #expect(loads.count == lines.count)
        #expect(loads.allSatisfy { $0.servers == 2 && $0.cpus == 4 })
        #expect(loads.map(\.inProgress).max() == 3)
        #expect(FarmLoad.parse("{\"num_servers\":2}") == nil)
    }

    @Test("The client's [dist]: the scheduler and the kind of auth, never the token; no [dist] is no farm")
    func clientConfig() {
        let entries = [
            ConfigEntry(path: ["dist", "scheduler_url"], value: .string("http://127.0.0.1:10600/"), line: 2),
            ConfigEntry(path: ["dist", "cache_dir"], value: .string("/m/sccache-dist/toolchains"), line: 5),
            ConfigEntry(path: ["dist", "auth", "type"], value: .string("token"), line: 8),
            ConfigEntry(path: ["dist", "auth", "token"], value: .string("s3cret-token"), line: 9),
        ]
        let config = DistConfig(entries: entries, path: "/m/sccache-dist/client.conf")
        #expect(
            config
                == DistConfig(
                    path: "/m/sccache-dist/client.conf", scheduler: "http://127.0.0.1:10600", auth: "token",
                    toolchainCache: "/m/sccache-dist/toolchains"))
        #expect(!"\(String(describing: config))".contains("s3cret"))
        #expect(
            DistConfig(entries: [ConfigEntry(path: ["cache", "disk", "dir"], value: .string("/c"), line: 1)], path: "x") == nil)
        #expect(DistConfig.clientFile(environment: ["SCCACHE_CONF": "/etc/farm.conf"], home: "/h") == "/etc/farm.conf")
        #expect(DistConfig.clientFile(environment: ["XDG_CONFIG_HOME": "/x"], home: "/h") == "/x/sccache/config")
        #expect(DistConfig.clientFile(environment: [:], home: "/h") == "/h/.config/sccache/config")
    }

    static let config = DistConfig(
        path: "/m/sccache-dist/client.conf", scheduler: "http://127.0.0.1:10600", auth: "token",
        toolchainCache: "/m/sccache-dist/toolchains")

    static func farmState(width: Int = 160) -> AppState {
        var s = AppState(
            session: SessionInfo(engine: .native, project: "~/ws", command: "cargo build", dist: config), cacheLimit: nil)
        _ = s.update(.resize(width: width, height: 40))
        return s
    }

    @Test("With a farm, a running build looks at it every second, and asks the client every 5 s; nothing after the end")
    func schedule() {
        var s = Self.farmState()
        #expect(!s.update(.buildStarted(now: 10)).contains { if case .sampleFarm = $0 { true } else { false } })
        var asked: [(Double, Bool)] = []
        var t = 10.1
        while t <= 16.05 {
            for case .sampleFarm(let client) in s.update(.tick(now: t)) { asked.append((t, client)) }
            t += 0.1
        }
        #expect(asked.count == 6, "\(asked)")  // 11, 12, … 16
        #expect(asked.filter(\.1).count == 2, "the client at 11 and 16: \(asked)")
        #expect(abs(asked[0].0 - 11) < 1e-6 && asked[0].1)
        _ = s.update(.buildExited(.exited(0), now: 16.1, stopped: false))
        _ = s.update(.runFinished(RunFinal()))
        #expect(!s.update(.tick(now: 20)).contains { if case .sampleFarm = $0 { true } else { false } })

        var none = AppState(session: SessionInfo(engine: .native, project: "p", command: "c"), cacheLimit: nil)
        _ = none.update(.buildStarted(now: 0))
        #expect(!none.update(.tick(now: 5)).contains { if case .sampleFarm = $0 { true } else { false } }, "no farm")
    }

    @Test("The header names the scheduler, its servers and CPUs (jobs while a build runs), or what is wrong")
    func header() {
        var s = Self.farmState()
        func header() -> String {
            var screen = Screen(width: 160, height: 40)
            DashboardView.render(s, into: &screen)
            return screen.row(0)
        }
        #expect(header().contains("dist: scheduler http://127.0.0.1:10600 ·"), "before any look: \(header())")
        _ = s.update(.buildStarted(now: 1))
        _ = s.update(.farmSampled(FarmSample(load: FarmLoad(servers: 2, cpus: 4, inProgress: 3))))
        #expect(header().contains("dist: scheduler http://127.0.0.1:10600 · 2 servers · 4 CPUs · 3 jobs"), "\(header())")
        _ = s.update(.farmSampled(FarmSample(problem: "connection refused")))
        #expect(header().contains("· unreachable: connection refused"), "\(header())")
        _ = s.update(
            .farmSampled(
                FarmSample(
                    status: .notConnected(
                        scheduler: "http://127.0.0.1:10600", reason: "enabled, not connected, will retry in 30.0s"))))
        #expect(header().contains("not connected (enabled, not connected, will retry in 30.0s)"), "\(header())")
        func problems() -> [FarmProblem] { FarmProblem.find(s.farm!, compiles: [], serverRestarted: false) }
        #expect(problems().first?.message.contains("every compile runs on this machine") == true)
        _ = s.update(
            .farmSampled(
                FarmSample(
                    status: .connected(
                        scheduler: "http://127.0.0.1:10600", farm: FarmLoad(servers: 1, cpus: 2, inProgress: 1)))))
        #expect(header().contains("· 1 server · 2 CPUs · 1 job "), "the client's numbers when the endpoint gave none")
        #expect(problems().isEmpty)
        _ = s.update(.buildExited(.exited(0), now: 3, stopped: false))
        _ = s.update(.runFinished(RunFinal()))
        #expect(!header().contains("job"), "no jobs told once nothing is watched: \(header())")
    }

    @Test("The panel says where the compiles ran: the farm's count, the fallbacks, each server; nothing without a farm")
    func panel() throws {
        var s = Self.farmState()
        _ = s.update(.buildStarted(now: 1))
        var stats = try SccacheJSONParser.parse(try Fixture.text("dist/show-stats-after-dist2-2servers.json"))
        stats.distErrors = 2
        _ = s.update(.stats(stats, final: false))
        let rows = StatsView.allRows(s, width: 48).map { $0.map(\.text).joined() }
        let farm = try #require(rows.firstIndex { $0.hasPrefix("Build farm") }, "\(rows)")
        #expect(rows[farm].hasSuffix("4 compiled · 2 fell back"))
        #expect(rows[farm + 1].hasPrefix("  127.0.0.1:10501") && rows[farm + 1].hasSuffix("3"))
        #expect(rows[farm + 2].hasPrefix("  127.0.0.1:10502") && rows[farm + 2].hasSuffix("1"))
        let local = try SccacheJSONParser.parse(try Fixture.text("stats-after-build2-warm.json"))
        _ = s.update(.stats(local, final: false))
        #expect(!StatsView.allRows(s, width: 48).contains { $0.first?.text == "Build farm" })
    }

    @Test("Each compile says where it ran: on the farm, or here after the farm could not take it, and why")
    func perCompile() throws {
        var parser = CrateLogParser()
        parser.feed(try Fixture.text("dist/client-debug-dist2-2servers.log").split(separator: "\n").map(String.init))
        #expect(parser.results.filter { $0.outcome == .miss }.map(\.name).sorted() == ["alpha", "beta", "delta", "gamma"])
        #expect(parser.results.filter { $0.outcome != .miss }.allSatisfy { $0.farm == nil }, "bins and probes run here")
        // Each miss's server, from the growth of sccache's per-server counts between its stats line and the next;
        // the last one's from the final stats (the scheduler's log says the same: job 3, delta, went to 10502).
        func servers() -> [String: String] {
            Dictionary(uniqueKeysWithValues: misses(parser).map { ($0.name, $0.farm?.label ?? "-") })
        }
        func misses(_ parser: CrateLogParser) -> [CrateResult] { parser.results.filter { $0.outcome == .miss } }
        let one = "dist 127.0.0.1:10501"
        #expect(servers() == ["alpha": one, "gamma": one, "beta": one, "delta": "dist"], "\(servers())")
        let final = try SccacheJSONParser.parse(try Fixture.text("dist/show-stats-after-dist2-2servers.json"))
        parser.settleFarm(try #require(final.distCompiles))
        #expect(servers() == ["alpha": one, "gamma": one, "beta": one, "delta": "dist 127.0.0.1:10502"], "\(servers())")

        // Two servers grown at once (a farm compile sccache did not cache came between): unknown, never a guess.
        var odd = CrateLogParser()
        odd.feed([
            "[t DEBUG c] [a]: get_cached_or_compile: [\"--crate-name\", \"a\", \"--crate-type\", \"lib\"]",
            "[t DEBUG c] [a]: Cache miss in 0.000 s", "[t DEBUG c] [a]: Attempting distributed compilation",
            "[t DEBUG s] [a]: compile result: cache miss",
            "[t DEBUG s] stats after compile result: ServerStats { dist_compiles: {\"h:1\": 4}, dist_errors: 0 }",
        ])
        odd.settleFarm(["h:1": 5, "h:2": 1])
        #expect(misses(odd).map(\.farm) == [.sent(nil)])
        #expect(CrateLogParser.distCompiles(in: "ServerStats { dist_compiles: {}, dist_errors: 0 }") == [:])
        #expect(CrateLogParser.distCompiles(in: "ServerStats { compilations: 1 }") == nil)
        let hostile = CrateLogParser.distCompiles(in: "dist_compiles: {\"a\u{1B}]0;x\u{7}:1\": 2, \"b\": -1, c: x}")
        #expect(
            hostile?.keys.allSatisfy { !$0.contains("\u{1B}") } == true && hostile?.count == 1, "\(String(describing: hostile))")

        // The same compiles when the farm fails them: each fallback as sccache logged it, a few words of why.
        let fallbacks = try Fixture.text("dist/client-log-scheduler-down.txt").split(separator: "\n").map(String.init)
        var fell = CrateLogParser()
        for line in fallbacks {
            let name = String(line.split(separator: "[")[1].split(separator: "]")[0])
            fell.feed([
                "[t DEBUG c] [\(name)]: get_cached_or_compile: [\"--crate-name\", \"\(name)\", \"--crate-type\", \"lib\"]",
                "[t DEBUG c] [\(name)]: Cache miss in 0.000 s", "[t DEBUG c] [\(name)]: Attempting distributed compilation",
                line, "[t DEBUG c] [\(name)]: Compiled in 0.100 s, storing in cache",
                "[t DEBUG s] [\(name)]: compile result: cache miss",
            ])
        }
        let places = fell.results.map { $0.farm?.label ?? "-" }
        #expect(places.first == "local · fell back: server 127.0.0.1:10502 did not take the job", "\(places)")
        #expect(places.dropFirst().allSatisfy { $0 == "local · fell back: connection refused" }, "\(places)")
        #expect(CrateResult.FarmPlace.reason("Insufficient capacity across 1 available servers: Failed") == "no capacity")
        #expect(!CrateResult.FarmPlace.reason("odd \u{1B}[2J reason").contains("\u{1B}"))

        var screen = Screen(width: 160, height: 40)
        var state = Self.farmState()
        _ = state.update(.buildStarted(now: 0))
        _ = state.update(
            .serverLog([
                "[t DEBUG c] [gamma]: get_cached_or_compile: [\"--crate-name\", \"gamma\", \"--crate-type\", \"lib\"]",
                "[t DEBUG c] [gamma]: Cache miss in 0.000 s", fallbacks[1], "[t DEBUG s] [gamma]: compile result: cache miss",
            ]))
        DashboardView.render(state, into: &screen)
        #expect(screen.textDump.contains("miss · local · fell back: connect…"), "at 160 columns, cut: \(screen.textDump)")
    }

    @Test("On a build farm the timeline groups the compiles by the server that ran them, then this machine")
    func timelineByServer() throws {
        var s = Self.farmState(width: 120)
        _ = s.update(.buildStarted(now: 1))
        _ = s.update(.serverLog(try Fixture.text("dist/client-debug-dist2-2servers.log").split(separator: "\n").map(String.init)))
        _ = s.update(.buildEnded(.exited(0), now: 20, stopped: false))
        let final = try SccacheJSONParser.parse(try Fixture.text("dist/show-stats-after-dist2-2servers.json"))
        _ = s.update(.stats(final, final: true))
        _ = s.update(.key(.character("t")))
        let headings = s.crates.timelineLines.compactMap { line -> String? in
            if case .place(let place, let count) = line { return "\(place) \(count)" }
            return nil
        }
        #expect(headings.prefix(2) == ["127.0.0.1:10501 3", "127.0.0.1:10502 1"], "\(headings)")
        #expect(headings.last?.hasPrefix("this machine") == true, "\(headings)")
        var screen = Screen(width: s.width, height: s.height)
        DashboardView.render(s, into: &screen)
        let text = screen.textDump.split(separator: "\n").map(String.init)
        let second = try #require(text.firstIndex { $0.contains("▸ 127.0.0.1:10502 · 1 compile") }, "\(text)")
        #expect(text[second + 1].contains("delta") && text[second + 1].contains("█"), "\(text[second + 1])")

        // Without a farm: the compiles alone, no heading.
        var plain = AppState(session: SessionInfo(engine: .native, project: "~/ws", command: "cargo build"), cacheLimit: nil)
        _ = plain.update(.serverLog(["[2026-12-05T23:30:43.323Z DEBUG c] [a]: get_cached_or_compile: [\"--crate-name\", \"a\"]"]))
        plain.crates.timeline = true
        #expect(plain.crates.timelineLines.count == 1)
    }
}
