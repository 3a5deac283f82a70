import CacheWatchSynthetic
import CacheWatchTestSupport
import Foundation
import Testing

@testable import CacheWatchCore

@Suite("History view")
struct HistoryViewTests {
    static let session = SessionInfo(
        engine: .native, project: "~/src/demo", command: "cargo build --release --locked",
        projectPath: SyntheticHistory.project, argv: SyntheticHistory.command)

    /// 40 runs, a few hours apart, the newest first; one stopped, one interrupted, one that failed to start.
    static func page() -> HistoryPage {
        var entries = (0..<40).map { index -> HistoryEntry in
            var record = SyntheticHistory.record(index, compiles: 60)
            record.startedAt = 1_793_491_200 + Double(index) * 5_400
            return HistoryEntry(record: record)
        }
        entries[38].state = .interrupted
        entries[38].outcome = nil
        entries[38].hits = nil
        entries[38].misses = nil
        entries[38].duration = nil
        entries[36].outcome = .ended(.signaled(15), stopped: true)
        entries[35].outcome = .failedToStart("docker: not found")
        entries[35].hits = nil
        entries[35].misses = nil
        let totals = HistoryTotals(
            runs: 214, savedSeconds: 3 * 3600 + 12 * 60, hits: 1000, misses: 300, since: entries.first?.startedAt)
        return HistoryPage(project: SyntheticHistory.project, entries: entries.reversed(), totals: totals, utcOffset: 3600)
    }

    static func state(width: Int = 120, height: Int = 35) -> AppState {
        var state = AppState(session: session, cacheLimit: 5 << 30)
        _ = state.update(.resize(width: width, height: height))
        _ = state.update(.key(.character("h")))
        _ = state.update(.historyLoaded(page()))
        return state
    }

    @Test("h opens the history and asks for it; Enter opens a run; m, m and d compare two; Esc goes back step by step")
    func keys() throws {
        var state = AppState(session: Self.session, cacheLimit: nil)
        _ = state.update(.resize(width: 120, height: 35))
        #expect(state.update(.key(.character("h"))) == [.loadHistory])
        #expect(state.keyScope == .history)
        var screen = Screen(width: 120, height: 35)
        DashboardView.render(state, into: &screen)
        #expect(screen.textDump.contains("Reading the history…"))
        let page = Self.page()
        _ = state.update(.historyLoaded(page))
        _ = state.update(.key(.character("j")))
        #expect(state.history?.selected == 1)
        #expect(state.update(.key(.enter)) == [.loadRun(page.entries[1].id)])
        #expect(state.history?.opening == true)
        let record = SyntheticHistory.record(38, compiles: 5)
        _ = state.update(.historyRuns(.run(record, before: nil)))
        #expect(state.history?.opened == .run(record, before: nil))
        #expect(state.update(.key(.escape)) == [])
        #expect(state.history?.opened == nil && state.history != nil)
        // m on the newest, j, m on the next: d compares them older first.
        _ = state.update(.key(.character("g")))
        _ = state.update(.key(.character("m")))
        _ = state.update(.key(.character("j")))
        _ = state.update(.key(.character("m")))
        #expect(state.update(.key(.character("d"))) == [.loadDiff(page.entries[1].id, page.entries[0].id)])
        _ = state.update(.key(.escape))
        _ = state.update(.key(.escape))
        #expect(state.history == nil && state.keyScope == .dashboard)
        // d with nothing marked says what to do.
        _ = state.update(.key(.character("h")))
        _ = state.update(.historyLoaded(page))
        #expect(state.update(.key(.character("d"))) == [.schedule(after: 4)])  // the notice's expiry
        #expect(state.notice?.text.contains("Mark two runs with m") == true)
        #expect(state.update(.key(.character("h"))) == [])
        #expect(state.history == nil)
    }

    @Test("A run that ends while the history is open is kept and the page re-read; a run that begins is noted")
    func effectsOfARun() {
        var state = AppState(session: Self.session, cacheLimit: nil)
        _ = state.update(.resize(width: 120, height: 35))
        let start = RunStart(id: RunID("r1"), wallClock: 1000)
        #expect(state.update(.buildStarted(now: 0, run: start)).first == .runBegan(start))
        _ = state.update(.key(.character("h")))
        let effects = state.update(.buildEnded(.exited(0), now: 3, stopped: false))
        guard effects.count == 3, case .writeReport(let report) = effects[0], case .persist(let record) = effects[1] else {
            Issue.record("not report, persist, reload: \(effects)")
            return
        }
        #expect(record.id == RunID("r1") && record.startedAt == 1000 && report == record)
        #expect(effects.last == .loadHistory)
    }

    @Test("vs last run from the history: taken when the session has no run of its own, never over one")
    func previousRun() throws {
        var state = AppState(session: Self.session, cacheLimit: nil)
        let older = SyntheticHistory.record(1, compiles: 10)
        _ = state.update(.previousRun(older, averageCompile: 2))
        #expect(state.previous?.stats == older.stats)
        let newer = SyntheticHistory.record(2, compiles: 10)
        _ = state.update(.previousRun(newer, averageCompile: 3))
        #expect(state.knownAverageCompile == 2)
        #expect(state.previous?.stats == older.stats)
        var stopped = SyntheticHistory.record(3, compiles: 10)
        stopped.outcome = .failedToStart("x")
        #expect(!stopped.comparable)
        _ = state.update(.previousRun(nil, averageCompile: nil))
        #expect(state.previous?.stats == older.stats)
    }

    @Test("The history view at 120×35: charts with labelled axes, the table, a selection and a mark")
    func snapshot() {
        var state = Self.state()
        _ = state.update(.key(.character("j")))
        _ = state.update(.key(.character("m")))
        _ = state.update(.key(.character("j")))
        assertScreen(state, named: "history-120x35", styles: true)
    }

    @Test("The history view at 80×24 in ASCII: one chart, the columns that fit")
    func snapshotASCII() {
        assertScreen(Self.state(width: 80, height: 24), named: "history-80x24-ascii", glyphs: .ascii)
    }

    @Test("An opened run and two runs compared")
    func snapshotOpened() {
        var state = Self.state()
        _ = state.update(.key(.enter))
        let before = SyntheticHistory.record(38, compiles: 12)
        var record = SyntheticHistory.record(39, compiles: 12)
        record.compiles[3].outcome = .miss
        record.compiles[3].seconds = 2.5
        _ = state.update(.historyRuns(.run(record, before: before)))
        assertScreen(state, named: "history-run-120x35")
        _ = state.update(.key(.escape))
        _ = state.update(.key(.character("m")))
        _ = state.update(.key(.character("j")))
        _ = state.update(.key(.character("d")))
        _ = state.update(.historyRuns(.diff(before, record)))
        assertScreen(state, named: "history-diff-120x35")
    }

    @Test("cachewatch history --json: a golden file, valid JSON, newest first, with the documented fields")
    func json() throws {
        let page = Self.page()
        let text = HistoryJSON.list(Array(page.entries.prefix(4)))
        Golden.check(text, name: "history.json", directory: Golden.directory("Golden", besides: #filePath))
        let array = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(array.count == 4)
        for key in ["id", "started_at", "engine", "command", "exit_status", "duration_seconds", "hits", "misses", "hit_rate"] {
            #expect(array.allSatisfy { $0.keys.contains(key) }, "\(key)")
        }
        #expect(array[1]["outcome"] as? String == "interrupted")
        #expect(array[1]["exit_status"] is NSNull)
        #expect(try JSONValue.parse(HistoryJSON.list([])) == .array([]))
    }

    @Test("The headless summary names the run in the history only when it was kept")
    func summaryLine() {
        let record = SyntheticHistory.record(1, compiles: 3)
        let kept = SummaryText(record: record).lines
        #expect(kept.contains("kept in the history: cachewatch history show \(record.id.value)"))
        #expect(!SummaryText(record: record, inHistory: false).lines.contains { $0.contains("history") })
    }

    @Test("Totals read as a sentence")
    func totals() {
        #expect(Self.page().totals.sentence == "sccache saved ≈ 3 h 12 m of compile time in 214 runs")
        #expect(HistoryTotals(runs: 1).sentence == "1 run in the history")
    }
}
