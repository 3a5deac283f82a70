/// `cachewatch history`'s table: each run's id (a unique prefix of it names the run), then the dashboard's columns
/// that fit the width, then what the whole history adds up to.
public enum HistoryTable {
    /// The table's lines, trailing blanks trimmed; `entries` newest first, at most what was asked for.
    public static func lines(_ entries: [HistoryEntry], totals: HistoryTotals, width: Int, utcOffset: Int) -> [String] {
        guard !entries.isEmpty else { return ["No runs in the history yet."] }
        let idWidth = max(2, entries.map { $0.id.value.count }.max() ?? 2)
        let columns = HistoryColumns.fit(width: width - idWidth - 1)
        func row(_ id: String, _ cells: [String]) -> String {
            let text =
                id.padding(toLength: idWidth, withPad: " ", startingAt: 0) + " "
                + HistoryColumns.line(cells, columns: columns)
            return String(text.reversed().drop(while: { $0 == " " }).reversed())
        }
        var lines = [row("Id", HistoryColumns.all.map(\.title))]
        lines += entries.map { row($0.id.value, HistoryColumns.cells($0, utcOffset: utcOffset)) }
        let more = entries.count < totals.runs ? " (the newest \(entries.count) shown; --limit shows more)" : ""
        return lines + ["", totals.sentence + more]
    }
}
