import Testing

@testable import CacheWatchCore

@Suite("Why the cache hits or misses")
struct StatsInsightTests {
    private func parse(_ name: String) throws -> SccacheStats {
        try SccacheJSONParser.parse(try Fixture.text(name))
    }

    private func state() -> AppState {
        var s = AppState(session: SessionInfo(engine: .native, project: "p", command: "c"), cacheLimit: nil)
        _ = s.update(.resize(width: 120, height: 45))
        return s
    }

    private func screenText(_ s: AppState) -> String {
        var screen = Screen(width: s.width, height: s.height)
        DashboardView.render(s, into: &screen)
        return screen.textDump
    }

    @Test("Every reason seen in the captures has a meaning; fixable ones count as addressable")
    func reasons() throws {
        #expect(!ReasonGuide.entry(for: "crate-type").actionable)
        #expect(ReasonGuide.entry(for: "incremental").actionable)
        #expect(ReasonGuide.entry(for: "incremental").meaning.contains("CARGO_INCREMENTAL=0"))
        let incremental = try parse("ws-debug-default-incremental.json")
        #expect(incremental.notCached.contains { $0.reason == "incremental" })
        let expected =
            incremental.notCached.filter { $0.reason == "incremental" }.reduce(0) { $0 + $1.count }
            + (incremental.cacheErrors.total ?? 0)
        #expect(ReasonGuide.addressableMisses(incremental) == expected)
        #expect(ReasonGuide.addressableMisses(try parse("ws-release-warm.json")) == 0)
    }

    @Test("x shows each reason with its meaning, and x again the numbers")
    func explainToggle() throws {
        var s = state()
        _ = s.update(.buildStarted(now: 0))
        _ = s.update(.stats(try parse("ws-debug-default-incremental.json"), final: true))
        _ = s.update(.key(.character("x")))
        let text = screenText(s)
        #expect(text.contains("sccache · final · why"))
        #expect(text.contains("Addressable misses"))
        #expect(text.contains("CARGO_INCREMENTAL=0"))
        _ = s.update(.key(.character("x")))
        #expect(screenText(s).contains("Hit rate"))
    }

    @Test("A re-run compares with the last run and estimates the time saved")
    func comparison() throws {
        var s = state()
        _ = s.update(.buildStarted(now: 0))
        _ = s.update(.stats(try parse("ws-release-cold.json"), final: true))
        _ = s.update(.buildEnded(.exited(0), now: 20, stopped: false))
        _ = s.update(.buildStarted(now: 30))
        #expect(s.previous?.duration == 20)
        _ = s.update(.stats(try parse("ws-release-warm.json"), final: true))
        _ = s.update(.buildEnded(.exited(0), now: 31, stopped: false))
        let text = screenText(s)
        #expect(text.contains("vs last run"))
        #expect(text.contains("hits +8 · misses −8 · −19.0 s"), "\(text)")
        #expect(text.contains("Saved (estimate)"))
        let saved = try #require(
            StatsInsights.savedSeconds(
                try parse("ws-release-warm.json"), knownCompile: try parse("ws-release-cold.json").averageCompile))
        #expect(saved > 3 && saved < 4, "8 hits × 0.467 s, less the reads")
        #expect(s.knownAverageCompile == (try parse("ws-release-cold.json").averageCompile))
        #expect(s.lastRecord?.savedSeconds == saved)
        // A new session learns the average from the history's last run: its first all-hit run has an estimate.
        var fresh = state()
        var cold = try #require(s.lastRecord)
        cold.stats = try parse("ws-release-cold.json")
        _ = fresh.update(.previousRun(cold, averageCompile: cold.stats?.averageCompile))
        #expect(fresh.knownAverageCompile == cold.stats?.averageCompile)
    }

    @Test("Crates that hit last run and miss now are named")
    func regressions() throws {
        var s = state()
        _ = s.update(.buildStarted(now: 0))
        _ = s.update(.serverLog(["[t] [alpha]: compile result: cache hit", "[t] [beta]: compile result: cache hit"]))
        _ = s.update(.stats(try parse("ws-release-warm.json"), final: true))
        _ = s.update(.buildEnded(.exited(0), now: 5, stopped: false))
        _ = s.update(.buildStarted(now: 10))
        #expect(s.crates.parser.results.isEmpty, "a new run starts an empty table")
        _ = s.update(.serverLog(["[t] [alpha]: compile result: cache miss", "[t] [beta]: compile result: cache hit"]))
        _ = s.update(.stats(try parse("ws-release-cold.json"), final: false))
        #expect(screenText(s).contains("Hit last run, miss now: alpha"))
    }

    @Test("Live samples draw a hit-rate timeline")
    func sparkline() throws {
        var s = state()
        _ = s.update(.buildStarted(now: 0))
        var sample = SccacheStats()
        for (h, m) in [(0, 1), (1, 1), (3, 1), (9, 1)] {
            sample.hits.total = h
            sample.misses.total = m
            _ = s.update(.stats(sample, final: false))
        }
        #expect(s.stats.history.count == 4)
        #expect(Sparkline.render([0, 0.5, 1], width: 10) == "▁▅█")
        #expect(Sparkline.render(Array(repeating: 1, count: 100), width: 5) == "█████")
        #expect(screenText(s).contains("Timeline ▁▅▆▇"))
    }

    @Test("Warnings: numbers lost to a restart, a full cache, another sccache than last time")
    func warnings() throws {
        var s = state()
        _ = s.update(.buildStarted(now: 0))
        var first = SccacheStats()
        first.compileRequests = 50
        _ = s.update(.stats(first, final: false))
        var restarted = SccacheStats()
        restarted.compileRequests = 3
        restarted.cacheSize = 99
        restarted.maxCacheSize = 100
        restarted.version = "0.17.0"
        _ = s.update(.stats(restarted, final: false))
        var old = SccacheStats()
        old.version = "0.16.0"
        s.previous = RunRecord(
            id: RunID("old"), engine: .native, project: "p", command: [], startedAt: 0, duration: 1,
            outcome: .ended(.exited(0), stopped: false), stats: old)
        let text = screenText(s)
        #expect(text.contains("server restarted"))
        #expect(text.contains("cache at its size limit"))
        #expect(text.contains("sccache 0.16.0 → 0.17.0"))
    }

    @Test("z while building clears the panel rather than flagging a restart")
    func zeroIsNotARestart() {
        var s = state()
        _ = s.update(.buildStarted(now: 0))
        var sample = SccacheStats()
        sample.compileRequests = 40
        _ = s.update(.stats(sample, final: false))
        #expect(s.update(.key(.character("z"))) == [.zeroStats])
        sample.compileRequests = 0
        _ = s.update(.stats(sample, final: false))
        #expect(!s.stats.lostStats)
    }
}
