/// `cachewatch history --json`: the runs as a JSON array, newest first, one object per run with its headline
/// numbers (`cachewatch history show RUN --json` gives one run whole, as `--report` writes it).
public enum HistoryJSON {
    public static func list(_ entries: [HistoryEntry]) -> String {
        guard !entries.isEmpty else { return "[]\n" }
        return "[\n" + entries.map(object).joined(separator: ",\n") + "\n]\n"
    }

    static func object(_ entry: HistoryEntry) -> String {
        func number(_ value: Double?, places: Int = 3) -> String { value.map { FixedPoint.format($0, places: places) } ?? "null" }
        func integer<T: BinaryInteger>(_ value: T?) -> String { value.map { "\($0)" } ?? "null" }
        let fields = [
            "\"id\": \(JSONText.string(entry.id.value))",
            "\"started_at\": \(JSONText.string(Timestamp.iso8601(entry.startedAt)))",
            "\"engine\": \(JSONText.string(entry.engine))",
            "\"project\": \(JSONText.string(entry.project))",
            "\"command\": [\(entry.command.map(JSONText.string).joined(separator: ", "))]",
            "\"image\": \(entry.image.map(JSONText.string) ?? "null")",
            "\"outcome\": \(JSONText.string(entry.word))",
            "\"exit_status\": \(integer(entry.exitStatus))",
            "\"duration_seconds\": \(number(entry.duration))",
            "\"requests\": \(integer(entry.requests))",
            "\"hits\": \(integer(entry.hits))",
            "\"misses\": \(integer(entry.misses))",
            "\"hit_rate\": \(number(entry.hitRate, places: 4))",
            "\"cache_bytes\": \(integer(entry.cacheBytes))",
            "\"saved_seconds\": \(number(entry.savedSeconds))",
        ]
        return "  {" + fields.joined(separator: ", ") + "}"
    }
}
