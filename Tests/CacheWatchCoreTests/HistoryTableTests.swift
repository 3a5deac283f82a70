import CacheWatchCore
import Testing

@Suite("history list's table")
struct HistoryTableTests {
    private func entry(_ id: String, command: [String]) -> HistoryEntry {
        HistoryEntry(
            id: RunID(id), startedAt: 0, engine: .docker, project: "/p", command: command, state: .ended,
            outcome: .ended(.exited(0), stopped: false), duration: 2, hits: 3, misses: 1)
    }

    @Test("Ids first, columns fitted to the width (the least useful dropped), no trailing blanks, the totals last")
    func table() {
        let entries = [entry("abc", command: ["cargo", "build", "--release"]), entry("d", command: ["make"])]
        let wide = HistoryTable.lines(entries, totals: HistoryTotals(runs: 2), width: 160, utcOffset: 0)
        #expect(wide[0].hasPrefix("Id  When"), "\(wide)")
        #expect(wide[0].contains("Saved") && wide[0].contains("Engine"))
        #expect(wide[1].hasPrefix("abc 1970-01-01 00:00") && wide[1].contains("cargo build --release"), "\(wide)")
        #expect(wide[2].hasPrefix("d   "), "\(wide)")
        #expect(wide.suffix(2) == ["", "2 runs in the history"])
        #expect(wide.allSatisfy { !$0.hasSuffix(" ") })
        let narrow = HistoryTable.lines(entries, totals: HistoryTotals(runs: 5), width: 80, utcOffset: 0)
        #expect(!narrow[0].contains("Saved") && !narrow[0].contains("Engine"), "\(narrow)")
        #expect(narrow.allSatisfy { $0.count <= 80 }, "\(narrow)")
        #expect(narrow.last == "5 runs in the history (the newest 2 shown; --limit shows more)")
        #expect(HistoryTable.lines([], totals: HistoryTotals(), width: 80, utcOffset: 0) == ["No runs in the history yet."])
    }
}
