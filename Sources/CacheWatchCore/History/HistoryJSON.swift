/// `cachewatch history --json`: the runs as a JSON array, newest first, one object per run with its headline
/// numbers (docs/schemas/history-list-1.schema.json; `history show RUN --json` gives one run whole, as the report).
public enum HistoryJSON {
    public static func list(_ entries: [HistoryEntry]) -> String { JSONOutput.text(entries.map(Row.init)) }

    struct Row: Encodable {
        let entry: HistoryEntry
        init(_ entry: HistoryEntry) { self.entry = entry }

        func encode(to encoder: Encoder) throws {
            var fields = encoder.container(keyedBy: JSONKey.self)
            try fields.put("id", entry.id.value)
            try fields.put("started_at", Timestamp.iso8601(entry.startedAt))
            try fields.put("engine", entry.engine)
            try fields.put("project", entry.project)
            try fields.put("command", entry.command)
            try fields.put("image", entry.image)
            try fields.put("outcome", entry.word)
            try fields.put("exit_status", entry.exitStatus)
            try fields.put("duration_seconds", JSONOutput.seconds(entry.duration))
            try fields.put("requests", entry.requests)
            try fields.put("hits", entry.hits)
            try fields.put("misses", entry.misses)
            try fields.put("hit_rate", JSONOutput.rounded(entry.hitRate, places: 4))
            try fields.put("cache_bytes", entry.cacheBytes)
            try fields.put("saved_seconds", JSONOutput.seconds(entry.savedSeconds))
        }
    }
}
