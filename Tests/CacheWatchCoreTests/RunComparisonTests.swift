import Testing

@testable import CacheWatchCore

/// One comparison of two runs for the panel, the job summary and the history, and which run is the baseline.
@Suite struct RunComparisonTests {
    private static func stats(hits: Int, misses: Int, version: String = "0.16.0", location: String = "Local disk: \"/c\"")
        -> SccacheStats
    {
        var s = SccacheStats()
        s.hits.total = hits
        s.misses.total = misses
        s.version = version
        s.cacheLocation = location
        return s
    }

    private static func record(
        _ id: String, duration: Double, stats: SccacheStats?, compiles: [(String, CrateResult.Outcome)] = [],
        outcome: RunOutcome = .ended(.exited(0), stopped: false)
    ) -> RunRecord {
        RunRecord(
            id: RunID(id), engine: .native, project: "/p", command: ["cargo", "build"], startedAt: 0, duration: duration,
            outcome: outcome, stats: stats,
            compiles: compiles.enumerated().map { CrateResult(name: $1.0, outcome: $1.1, seconds: 1, sequence: $0) })
    }

    @Test("Two finished runs: the moves, the older run's figures, and only hit-then-miss-now compiles, newer order")
    func finished() {
        let before = Self.record(
            "a", duration: 9.5, stats: Self.stats(hits: 13, misses: 13),
            compiles: [("serde", .hit), ("syn", .hit), ("quote", .miss), ("gone", .hit)])
        let after = Self.record(
            "b", duration: 6.2, stats: Self.stats(hits: 10, misses: 16),
            compiles: [("syn", .miss), ("quote", .miss), ("serde", .miss), ("new", .miss)])
        let since = RunComparison(before: before, after: after)
        #expect(since.hits == -3 && since.misses == 3)
        #expect(since.text == "hits −3 · misses +3 · −3.3 s")
        #expect(since.then == "then 13 hits, 13 misses in 9.5 s")
        #expect(since.regressions == ["syn", "serde"])
        #expect(since.sccache == nil && !since.cacheMoved)
    }

    @Test("A run still going: no time in the text; another sccache and another cache are named")
    func running() {
        let before = Self.record("a", duration: 4, stats: Self.stats(hits: 2, misses: 0))
        let now = Self.stats(hits: 2, misses: 0, version: "0.14.0", location: "Redis: redis://127.0.0.1:1/")
        let since = RunComparison(before: before, stats: now, compiles: [], duration: nil)
        #expect(since.text == "hits ±0 · misses ±0")
        #expect(since.sccache == RunComparison.VersionChange(from: "0.16.0", to: "0.14.0"))
        #expect(since.cacheMoved)
    }

    @Test("A baseline ended by itself with sccache's numbers; a failed build still is one, a stop is not")
    func comparable() {
        let numbers = Self.stats(hits: 1, misses: 1)
        #expect(Self.record("a", duration: 1, stats: numbers).comparable)
        #expect(Self.record("a", duration: 1, stats: numbers, outcome: .ended(.exited(101), stopped: false)).comparable)
        #expect(!Self.record("a", duration: 1, stats: numbers, outcome: .ended(.signaled(15), stopped: true)).comparable)
        #expect(!Self.record("a", duration: 0, stats: nil, outcome: .failedToStart("docker not found")).comparable)
        #expect(!Self.record("a", duration: 1, stats: nil).comparable)
    }

    @Test("In a session: the last run that ended by itself is the next one's baseline; a stop or a failed start is not")
    func baselineInASession() {
        var state = AppState(session: SessionInfo(engine: .native, project: "p", command: "c"), cacheLimit: nil)
        _ = state.update(.resize(width: 120, height: 45))
        func run(_ id: String, at t: Double, hits: Int, misses: Int, stopped: Bool = false) {
            _ = state.update(.buildStarted(now: t, run: RunStart(id: RunID(id), wallClock: t)))
            _ = state.update(.stats(Self.stats(hits: hits, misses: misses), final: true))
            _ = state.update(.buildEnded(.exited(0), now: t + 2, stopped: stopped))
        }
        run("r1", at: 0, hits: 0, misses: 5)
        #expect(state.previous == nil)
        run("r2", at: 10, hits: 5, misses: 0)
        #expect(state.previous?.id == RunID("r1"))
        #expect(state.sinceLast(stats: state.stats.stats!)?.text == "hits +5 · misses −5 · +0.0 s")
        run("r3", at: 20, hits: 1, misses: 0, stopped: true)
        #expect(state.previous?.id == RunID("r2"))
        _ = state.update(.buildStarted(now: 30, run: RunStart(id: RunID("r4"), wallClock: 30)))
        #expect(state.previous?.id == RunID("r2"), "a stopped run is no baseline")
        _ = state.update(.startFailed(.dockerNotFound, now: 31, run: RunStart(id: RunID("r5"), wallClock: 31)))
        _ = state.update(.buildStarted(now: 40, run: RunStart(id: RunID("r6"), wallClock: 40)))
        #expect(state.previous?.id == RunID("r2"), "nor is an attempt that never started")
        _ = state.update(.stats(Self.stats(hits: 7, misses: 0), final: true))
        _ = state.update(.buildEnded(.exited(0), now: 42, stopped: false))
        _ = state.update(.key(.character("z")))  // no server after the run: the panel is reset, the record is not
        #expect(state.stats.source == .reset)
        _ = state.update(.buildStarted(now: 50, run: RunStart(id: RunID("r7"), wallClock: 50)))
        #expect(state.previous?.id == RunID("r6") && state.previous?.stats?.hits.total == 7, "zeroed since, still r6")
    }

    @Test("One word per compile outcome for the history and the trace, and back, reasons kept")
    func outcomeWords() {
        let all: [CrateResult.Outcome] = [
            .pending, .interrupted, .hit, .miss, .notCacheable("crate-type"), .error, .other("weird"),
        ]
        #expect(all.map(\.word) == ["pending", "interrupted", "hit", "miss", "not-cacheable", "error", "other"])
        for outcome in all { #expect(CrateResult.Outcome(word: outcome.word, detail: outcome.detail) == outcome) }
        #expect(CrateResult.Outcome(word: "from-a-newer-version", detail: nil) == .other("from-a-newer-version"))
    }

    @Test("The panel's regressions are the pairing's, compile for compile, names repeated and orders shuffled included")
    func regressionsAgreeWithPairing() {
        var generator = SystemRandomNumberGenerator()
        let outcomes: [CrateResult.Outcome] = [.hit, .miss, .pending, .interrupted]
        func run(_ count: Int) -> [CrateResult] {
            (0..<count).map { sequence in
                CrateResult(
                    name: "c\(Int.random(in: 0..<12, using: &generator))", outcome: outcomes.randomElement(using: &generator)!,
                    seconds: nil, sequence: sequence)
            }.shuffled(using: &generator)
        }
        for _ in 0..<500 {
            let (older, newer) = (run(Int.random(in: 0..<20)), run(Int.random(in: 0..<20)))
            let paired = CrateDiff.pair(older, newer).filter(\.regressed).map(\.name)
            #expect(CrateDiff.regressions(older, newer) == paired)
        }
    }
}
