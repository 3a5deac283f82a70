import CacheWatchCore
import CacheWatchRunner
import CacheWatchStore
import CacheWatchSynthetic
import Foundation

/// The history's figures: a generated history of 10 000 runs × 300 compiles against an empty one.
enum HistoryBench {
    /// `gen-history PATH RUNS [COMPILES]`: a generated history for the end-to-end figures of scripts/bench; the
    /// newest 1 000 runs keep their compiles' inputs, as "why it missed" stores them (400 KB a run of 300).
    static func generate(path: String, runs: Int, compiles: Int) throws -> Double {
        let store = try HistoryStore(path: path)
        return try Bench.time {
            var batch: [RunRecord] = []
            for index in 0..<runs {
                batch.append(SyntheticHistory.record(index, compiles: compiles, inputs: index >= runs - 1000))
                if batch.count == 200 || index == runs - 1 {
                    try store.save(batch)
                    batch = []
                }
            }
        }
    }

    /// `history-writer PATH START COUNT`: runs START..<START+COUNT written one transaction each, as dashboards
    /// write them (the kill -9 and two-writer tests run this in other processes). Prints each id once committed.
    static func writer(path: String, start: Int, count: Int) throws {
        let store = try HistoryStore(path: path)
        for index in start..<(start + count) {
            let record = SyntheticHistory.record(index, compiles: 300)
            try store.begin(RunStart(id: record.id, wallClock: record.startedAt), session: session)
            try store.save(record)
            FileHandle.standardOutput.write(Data((record.id.value + "\n").utf8))
        }
    }

    static let session = SessionInfo(
        engine: .native, project: "~/src/demo", command: ShellQuote.join(SyntheticHistory.command), details: [],
        projectPath: SyntheticHistory.project, argv: SyntheticHistory.command)

    static func run(work: String) throws {
        let runs = Int(ProcessInfo.processInfo.environment["CACHEWATCH_BENCH_RUNS"] ?? "") ?? 10_000
        let big = work + "/big.sqlite"
        let empty = work + "/empty.sqlite"
        let generated = try generate(path: big, runs: runs, compiles: 300)
        _ = try HistoryStore(path: empty)
        let bigStore = try HistoryStore(path: big)
        let emptyStore = try HistoryStore(path: empty)
        let size = try bigStore.size()
        print(
            String(
                format: "history  generated %d runs × 300 compiles in %.1f s: %.0f MB, %.1f KB a run (%d compiles, %d samples)",
                size.runs, generated, Double(size.bytes) / 1e6, Double(size.bytes) / Double(max(1, size.runs)) / 1e3,
                size.compiles, size.samples))

        // Writing one run (300 compiles, its samples) as a dashboard does: into the big history and an empty one.
        func writes(_ store: HistoryStore, from: Int) throws -> [Double] {
            try (0..<21).map { n in
                let record = SyntheticHistory.record(runs + from + n, compiles: 300)
                return try Bench.time { try store.save(record) }
            }
        }
        let bigWrites = try writes(bigStore, from: 0)
        let emptyWrites = try writes(emptyStore, from: 100)
        print(
            String(
                format:
                    "history  write one run (300 compiles), median of 21: %.1f ms into %d runs vs %.1f ms into an empty history (target ≤ 20 ms)",
                median(bigWrites) * 1e3, runs, median(emptyWrites) * 1e3))

        // What the dashboard asks at launch (the last run like this one) and when h is pressed (the page).
        let key = SyntheticHistory.record(0, compiles: 0).comparisonKey
        let previous = try (0..<11).map { _ in try Bench.time { _ = try bigStore.previous(comparisonKey: key) } }
        let previousEmpty = try (0..<11).map { _ in try Bench.time { _ = try emptyStore.previous(comparisonKey: key) } }
        let page = try (0..<11).map { _ in
            try Bench.time { _ = try bigStore.page(project: SyntheticHistory.project, utcOffset: 0) }
        }
        let pageEmpty = try (0..<11).map { _ in
            try Bench.time { _ = try emptyStore.page(project: SyntheticHistory.project, utcOffset: 0) }
        }
        print(
            String(
                format:
                    "history  last run like this one: %.2f ms (empty history %.2f ms); the view's page of 1 000 runs + totals: %.1f ms (empty %.2f ms)",
                median(previous) * 1e3, median(previousEmpty) * 1e3, median(page) * 1e3, median(pageEmpty) * 1e3))

        // Why, at a run's end: the stored compiles of each unit of a run whose every cacheable compile missed, and
        // the explanation, against the whole history and an empty one (it must not grow with the history).
        var missed = SyntheticHistory.record(runs + 500, compiles: 300, inputs: true)
        missed.id = RunID("why-bench")
        for index in missed.compiles.indices where missed.compiles[index].hashKey != nil {
            if missed.compiles[index].kind != "build-script" { missed.compiles[index].outcome = .miss }
        }
        func why(_ store: HistoryStore) throws -> (ask: Double, explain: Double) {
            var asked: [Double] = []
            var explained: [Double] = []
            for _ in 0..<5 {
                var answer: (candidates: [String: [MissExplainer.Baseline]], storedKeys: Set<String>) = ([:], [])
                asked.append(try Bench.time { answer = try store.baselines(for: missed) })
                explained.append(
                    Bench.time {
                        _ = MissExplainer.explain(missed, candidates: answer.candidates, storedKeys: answer.storedKeys)
                    })
            }
            return (median(asked), median(explained))
        }
        let (bigAsk, bigExplain) = try why(bigStore)
        let (emptyAsk, emptyExplain) = try why(emptyStore)
        print(
            String(
                format:
                    "history  why at a run's end, 270 misses: the stored compiles of their units %.1f ms + explaining %.1f ms against %d runs vs %.1f ms + %.1f ms against an empty history",
                bigAsk * 1e3, bigExplain * 1e3, runs, emptyAsk * 1e3, emptyExplain * 1e3))

        // The history view's frames: 1 000 runs with their charts at 200×60, the selection moving each frame,
        // beside the build dashboard's frame at the same size.
        var state = AppState(session: session, cacheLimit: 5 << 30)
        _ = state.update(.resize(width: 200, height: 60))
        _ = state.update(.key(.character("h")))
        _ = state.update(.historyLoaded(try bigStore.page(project: SyntheticHistory.project, utcOffset: 0)))
        var dashboard = Bench.stateWithHistory(1000, width: 200, height: 60)
        var screen = Screen(width: 200, height: 60)
        var historyFrames: [Double] = []
        var dashboardFrames: [Double] = []
        for i in 0..<2200 {
            _ = state.update(.key(.character(i % 400 < 200 ? "j" : "k")))
            let h = Bench.time { DashboardView.render(state, into: &screen) }
            _ = dashboard.update(.output(Array("   Compiling more-\(i) v1\r\n".utf8)))
            let d = Bench.time { DashboardView.render(dashboard, into: &screen) }
            if i >= 200 {
                historyFrames.append(h)
                dashboardFrames.append(d)
            }
        }
        let (hp50, hp99) = Bench.percentiles(historyFrames)
        let (_, dp99) = Bench.percentiles(dashboardFrames)
        print(
            String(
                format:
                    "history  view frame 200×60, 1 000 runs and 3 charts: p50 %.3f ms, p99 %.3f ms (target ≤ 2) vs the build dashboard's p99 %.3f ms",
                hp50, hp99, dp99))
    }

    static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
}
