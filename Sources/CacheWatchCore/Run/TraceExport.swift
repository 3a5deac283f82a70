/// A run's compiles as a Chrome trace (the Trace Event Format), which Perfetto and `chrome://tracing` open: one
/// complete event (`ph: "X"`) per compile, on one track per concurrent compile slot (a compile takes the first slot
/// free when it starts), with its result, reason and cause in `args`. Times are microseconds since the build began.
public enum TraceExport {
    /// Compiles without times (sccache's log had none) are left out: a trace places every event in time.
    public static func json(_ record: RunRecord) -> String {
        let timed = record.compiles.filter { $0.started != nil }.sorted {
            ($0.started ?? 0, $0.sequence) < ($1.started ?? 0, $1.sequence)
        }
        let first = timed.first?.started ?? record.startedAt
        let origin = record.startedAt > 0 ? min(record.startedAt, first) : first
        var slotEnds: [Double] = []
        var events: [String] = [
            "{\"name\": \"process_name\", \"ph\": \"M\", \"pid\": 1, \"tid\": 0, \"args\": {\"name\": "
                + JSONText.string("cachewatch \(record.engine) run \(record.id.value)") + "}}"
        ]
        var compiles: [String] = []
        for compile in timed {
            let start = compile.started ?? origin
            let end = max(start, compile.ended ?? start)
            // The first slot free at the start (a compile ending as another starts frees its slot).
            let slot = slotEnds.firstIndex { $0 <= start } ?? slotEnds.count
            if slot == slotEnds.count { slotEnds.append(end) } else { slotEnds[slot] = end }
            var args = ["\"result\": \(JSONText.string(compile.outcome.word))"]
            if case .notCacheable(let reason) = compile.outcome { args.append("\"reason\": \(JSONText.string(reason))") }
            if let cause = compile.cause {
                args.append("\"cause\": \(JSONText.string(cause.label))")
                args.append("\"detail\": \(JSONText.string(cause.detail))")
            }
            if let kind = compile.kind { args.append("\"kind\": \(JSONText.string(kind))") }
            if let key = compile.hashKey { args.append("\"hash_key\": \(JSONText.string(key))") }
            if let seconds = compile.seconds { args.append("\"sccache_seconds\": \(FixedPoint.format(seconds, places: 3))") }
            compiles.append(
                "{\"name\": \(JSONText.string(compile.name)), \"cat\": \(JSONText.string(compile.outcome.word)), "
                    + "\"ph\": \"X\", \"ts\": \(micros(start - origin)), \"dur\": \(micros(end - start)), \"pid\": 1, "
                    + "\"tid\": \(slot + 1), \"args\": {\(args.joined(separator: ", "))}}")
        }
        for slot in slotEnds.indices {
            events.append(
                "{\"name\": \"thread_name\", \"ph\": \"M\", \"pid\": 1, \"tid\": \(slot + 1), \"args\": {\"name\": "
                    + "\"compile slot \(slot + 1)\"}}")
        }
        let other = [
            "\"run\": \(JSONText.string(record.id.value))", "\"engine\": \(JSONText.string(record.engine))",
            "\"command\": \(JSONText.string(SecretMask.text(ShellQuote.join(record.command))))",
            "\"outcome\": \(JSONText.string(record.outcome.word))",
            "\"started_at\": \(JSONText.string(Timestamp.iso8601(origin)))",
        ]
        let precision = CompileTimes.note(record.compiles, version: record.stats?.version)
        let note = precision.map { ["\"times\": \(JSONText.string($0))"] } ?? []
        return "{\"traceEvents\": [\n  " + (events + compiles).joined(separator: ",\n  ")
            + "\n], \"displayTimeUnit\": \"ms\", \"otherData\": {" + (other + note).joined(separator: ", ") + "}}\n"
    }

    private static func micros(_ seconds: Double) -> Int64 {
        guard seconds.isFinite else { return 0 }
        return Int64((max(0, min(seconds, 1e9)) * 1_000_000).rounded())
    }
}
