/// The history table's columns, shared by the dashboard's view and `cachewatch history`: titles, the cell text
/// of a run, and widths fitted to a line.
public enum HistoryColumns {
    public struct Column: Hashable, Sendable {
        public let title: String
        /// The width it needs (the command's is its least; it takes what is left).
        public let width: Int
        public let rightAligned: Bool
        /// Dropped first when the line is short (higher drops first; 0 never).
        public let dropOrder: Int
    }

    public static let when = Column(title: "When", width: 16, rightAligned: false, dropOrder: 0)
    public static let engine = Column(title: "Engine", width: 6, rightAligned: false, dropOrder: 3)
    public static let command = Column(title: "Command", width: 10, rightAligned: false, dropOrder: 0)
    public static let outcome = Column(title: "Outcome", width: 11, rightAligned: false, dropOrder: 0)
    public static let time = Column(title: "Time", width: 8, rightAligned: true, dropOrder: 0)
    public static let hits = Column(title: "Hits", width: 5, rightAligned: true, dropOrder: 0)
    public static let misses = Column(title: "Misses", width: 6, rightAligned: true, dropOrder: 0)
    public static let rate = Column(title: "Rate", width: 6, rightAligned: true, dropOrder: 1)
    public static let cache = Column(title: "Cache", width: 9, rightAligned: true, dropOrder: 2)
    public static let saved = Column(title: "Saved", width: 10, rightAligned: true, dropOrder: 4)

    public static let all = [when, engine, command, outcome, time, hits, misses, rate, cache, saved]

    /// The cells of a run, in `all`'s order.
    public static func cells(_ entry: HistoryEntry, utcOffset: Int) -> [String] {
        [
            Timestamp.minute(entry.startedAt, offset: utcOffset),
            entry.engine.name,
            ShellQuote.join(entry.command),
            entry.word,
            entry.duration.map(Durations.format) ?? "–",
            Rows.count(entry.hits),
            Rows.count(entry.misses),
            Durations.percent(entry.hitRate),
            entry.cacheBytes.map(ByteSize.format) ?? "–",
            entry.savedSeconds.map { $0 >= 0.05 ? "≈ " + Durations.format($0) : "–" } ?? "–",
        ]
    }

    /// The columns that fit `width` (the least useful dropped first) and their widths, with one space between
    /// columns; the command takes the room left.
    public static func fit(width: Int) -> [(column: Column, width: Int)] {
        var shown = all
        func fixed(_ columns: [Column]) -> Int {
            columns.filter { $0 != command }.reduce(0) { $0 + $1.width } + columns.count - 1
        }
        while fixed(shown) + command.width > width,
            let drop = shown.filter({ $0.dropOrder > 0 }).max(by: { $0.dropOrder < $1.dropOrder })
        {
            shown.removeAll { $0 == drop }
        }
        let commandWidth = max(command.width, width - fixed(shown))
        return shown.map { ($0, $0 == command ? commandWidth : $0.width) }
    }

    /// One line of cells laid out in `columns` (cells in `all`'s order), cut or padded to each width.
    public static func line(_ cells: [String], columns: [(column: Column, width: Int)]) -> String {
        columns.map { column, width in cell(cells, column, width: width) }.joined(separator: " ")
    }

    /// The cell of `column` (from cells in `all`'s order), cut or padded to `width`.
    public static func cell(_ cells: [String], _ column: Column, width: Int) -> String {
        let text = cells[all.firstIndex(of: column) ?? 0]
        let cut = CharacterWidth.of(text) > width ? CharacterWidth.prefix(text, width: max(0, width - 1)) + "…" : text
        return column.rightAligned ? cut.leftPadded(to: width) : cut.padding(to: width)
    }
}
