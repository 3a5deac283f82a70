import CacheWatchTestSupport
import Foundation
import Testing

@testable import CacheWatchCore

/// sccache-dist's silent cases made loud, each with what to do, from real client log lines.
@Suite("The build farm's silent cases: a wrong token, a dead server, capacity, the idle timeout, packaging")
struct FarmProblemTests {
    static func lines(_ name: String) throws -> [String] {
        try Fixture.text("dist/\(name)").split(separator: "\n").map(String.init)
    }

    static func running() -> AppState {
        var s = DistTests.farmState(width: 160)
        _ = s.update(.buildStarted(now: 1))
        return s
    }

    @Test("A wrong client token: each farm compile fails with the scheduler's 401, said once with what to do, and kept")
    func wrongToken() throws {
        var s = Self.running()
        _ = s.update(.serverLog(try Self.lines("client-badtoken-log-excerpt.txt")))
        let refused = s.crates.parser.results.filter { $0.farm == .refused("not authorized") }
        #expect(
            refused.map(\.name).sorted() == ["alpha", "delta", "gamma"], "\(s.crates.parser.results.map { ($0.name, $0.farm) })")
        #expect(refused.allSatisfy { $0.outcome == .other("compile failed") && $0.errorText?.contains("401") == true })
        #expect(refused.first?.farm?.label == "dist · refused: not authorized")
        let problems = FarmProblem.find(s.farm!, compiles: s.crates.parser.results, serverRestarted: false)
        #expect(problems == [.refused(compiles: 3, config: DistTests.config.path)])
        var screen = Screen(width: 160, height: 40)
        DashboardView.render(s, into: &screen)
        #expect(screen.textDump.contains("refused this client's"), "\(screen.textDump)")

        _ = s.update(.buildExited(.exited(101), now: 3, stopped: false))
        _ = s.update(.runFinished(RunFinal()))
        let record = try #require(s.lastRecord)
        #expect(record.warnings.contains(.farm(.refused(compiles: 3, config: DistTests.config.path))))
        let report = RunReport.json(record)
        #expect(report.contains("\"dist_refused\" : \"not authorized\""), "\(report)")
        #expect(report.contains("refused this client's token (401)"))
        // The warning survives the history's round trip.
        let coded = try JSONDecoder().decode(
            RunWarning.self, from: JSONEncoder().encode(RunWarning.farm(.noCapacity(compiles: 2))))
        #expect(coded == .farm(.noCapacity(compiles: 2)))
    }

    @Test("A dead server still listed: its jobs fall back, the server named; capacity refusals are said to be normal")
    func deadServerAndCapacity() throws {
        let line = try Self.lines("client-log-server-down-fallback.txt")[0]
        let reason = CrateResult.FarmPlace.reason(line[line.firstRange(of: "falling back to local: ")!.upperBound...])
        #expect(reason == "server 127.0.0.1:10502 did not take the job (connection refused)")
        var s = Self.running()
        func compile(_ name: String, _ fallback: String) -> [String] {
            [
                "[t DEBUG c] [\(name)]: get_cached_or_compile: [\"--crate-name\", \"\(name)\", \"--crate-type\", \"lib\"]",
                "[t DEBUG c] [\(name)]: Cache miss in 0.000 s", "[t DEBUG c] [\(name)]: Attempting distributed compilation",
                fallback.replacingOccurrences(of: "[delta]", with: "[\(name)]"),
                "[t DEBUG c] [\(name)]: Compiled in 0.100 s, storing in cache",
                "[t DEBUG s] [\(name)]: compile result: cache miss",
            ]
        }
        let capacity =
            "[t WARN c] [x]: Could not perform distributed compile, falling back to local: Insufficient capacity across 1 available servers: Failed to allocate job"
        _ = s.update(
            .serverLog(
                compile("delta", line) + compile("alpha", line.replacingOccurrences(of: "[delta]", with: "[alpha]"))
                    + compile("beta", capacity.replacingOccurrences(of: "[x]", with: "[beta]"))))
        let problems = FarmProblem.find(s.farm!, compiles: s.crates.parser.results, serverRestarted: false)
        #expect(problems == [.serverDown(server: "127.0.0.1:10502", compiles: 2), .noCapacity(compiles: 1)], "\(problems)")
        #expect(problems[0].message.contains("up to 90 s after its last heartbeat"))
        #expect(problems[1].message.contains("normal on small servers"))
        // The panel counts the fallbacks' reasons under the farm's row.
        var stats = SccacheStats()
        stats.distErrors = 3
        stats.distCompiles = [:]
        _ = s.update(.stats(stats, final: false))
        let rows = StatsView.allRows(s, width: 100).map { $0.map(\.text).joined() }
        #expect(
            rows.contains {
                $0.hasPrefix("  fell back: server 127.0.0.1:10502 did not take the job (connection") && $0.hasSuffix("2")
            }, "\(rows)")
        #expect(rows.contains { $0.hasPrefix("  fell back: no capacity") && $0.hasSuffix("1") }, "\(rows)")
    }

    @Test("sccache's server restarting mid-build on a farm is worded with the idle timeout; the compiler's packaging is said")
    func restartAndPackaging() throws {
        var s = Self.running()
        _ = s.update(
            .serverLog([
                "[2026-12-05T23:29:54.620Z DEBUG c] [alpha]: get_cached_or_compile: [\"--crate-name\", \"alpha\", \"--crate-type\", \"lib\"]",
                "[2026-12-05T23:29:54.620Z DEBUG c] [alpha]: Cache miss in 0.000 s",
                "[2026-12-05T23:29:54.620Z DEBUG c] [alpha]: Attempting distributed compilation",
                "[2026-12-05T23:29:54.621Z INFO  sccache::compiler::rust] Packaging Rust compiler for sysroot /r/stable",
            ]))
        _ = s.update(.farmSampled(FarmSample(load: FarmLoad(servers: 2, cpus: 4, inProgress: 1))))
        var screen = Screen(width: 160, height: 40)
        DashboardView.render(s, into: &screen)
        #expect(screen.textDump.contains("Packaging the compiler for the build farm (~200"), "\(screen.textDump)")
        #expect(screen.textDump.contains("4 CPUs · 1 job · packaging the compiler…"))
        _ = s.update(
            .serverLog(["[2026-12-05T23:30:09.177Z DEBUG c] [alpha]: Sending toolchain ef62 for job 0"]))
        #expect(!s.crates.parser.packagingToolchain)
        screen = Screen(width: 160, height: 40)
        DashboardView.render(s, into: &screen)
        #expect(!screen.textDump.contains("Packaging the compiler"))

        #expect(FarmProblem.find(s.farm!, compiles: [], serverRestarted: true) == [.clientRestarted])
        #expect(FarmProblem.clientRestarted.message.contains("SCCACHE_IDLE_TIMEOUT=0"))
    }

    @Test("At 80×24 the farm folds into a few rows, and the header keeps its numbers rather than the scheduler's URL")
    func small() throws {
        var s = DistTests.farmState()
        _ = s.update(.resize(width: 80, height: 24))
        _ = s.update(.buildStarted(now: 1))
        _ = s.update(
            .farmSampled(
                FarmSample(
                    status: .connected(
                        scheduler: "http://127.0.0.1:10600", farm: FarmLoad(servers: 2, cpus: 4, inProgress: 1)))))
        var stats = try SccacheJSONParser.parse(try Fixture.text("dist/show-stats-after-dist2-2servers.json"))
        stats.distErrors = 2
        _ = s.update(.stats(stats, final: false))
        var screen = Screen(width: 80, height: 24)
        DashboardView.render(s, into: &screen)
        let lines = screen.textDump.split(separator: "\n").map(String.init)
        #expect(lines[0].contains("dist: 2 servers · 4 CPUs · 1 job · ~/ws"), "\(lines[0])")
        let farm = try #require(lines.firstIndex { $0.contains("Farm      4 compiled · 2 fell back") }, "\(lines)")
        #expect(lines[farm + 1].contains("127.0.0.1:10501") && lines[farm + 2].contains("127.0.0.1:10502"))
        #expect(lines.filter { $0.contains("127.0.0.1:105") }.count == 2, "one row per server, no more")
    }
}
