/// A run's compiles as a Chrome trace (the Trace Event Format), which Perfetto and `chrome://tracing` open: one
/// complete event (`ph: "X"`) per compile, on one track per concurrent compile slot (a compile takes the first slot
/// free when it starts), with its result, reason and cause in `args`. Times are microseconds since the build began.
/// On a build farm each build server has its own tracks ("127.0.0.1:10501 · slot 1"), before this machine's, so the
/// farm's parallelism shows server by server.
public enum TraceExport {
    /// Compiles without times (sccache's log had none) are left out: a trace places every event in time.
    public static func json(_ record: RunRecord) -> String { JSONOutput.text(document(record)) }

    static func document(_ record: RunRecord) -> Document {
        let timed = record.compiles.filter { $0.started != nil }.sorted {
            ($0.started ?? 0, $0.sequence) < ($1.started ?? 0, $1.sequence)
        }
        let first = timed.first?.started ?? record.startedAt
        let origin = record.startedAt > 0 ? min(record.startedAt, first) : first
        // Each place's slots (this machine's, or a build server's): a compile takes its place's first slot free at its
        // start (a compile ending as another starts frees its slot).
        var slotEnds: [String: [Double]] = [:]
        var placed: [(compile: CrateResult, place: String, slot: Int)] = []
        for compile in timed {
            let start = compile.started ?? origin
            let end = max(start, compile.ended ?? start)
            let place = compile.ranOn
            var ends = slotEnds[place, default: []]
            let slot = ends.firstIndex { $0 <= start } ?? ends.count
            if slot == ends.count { ends.append(end) } else { ends[slot] = end }
            slotEnds[place] = ends
            placed.append((compile, place, slot))
        }
        // Tracks numbered place by place: the servers by address, then this machine.
        let places = slotEnds.keys.sorted {
            ($0 == CrateResult.thisMachine ? 1 : 0, $0) < ($1 == CrateResult.thisMachine ? 1 : 0, $1)
        }
        var firstTrack: [String: Int] = [:]
        var next = 1
        for place in places {
            firstTrack[place] = next
            next += slotEnds[place]!.count
        }
        let farm = places != [CrateResult.thisMachine] && !places.isEmpty
        var compiles: [Event] = []
        for (compile, place, slot) in placed {
            let start = compile.started ?? origin
            let end = max(start, compile.ended ?? start)
            var args: [String: JSONValue] = ["result": .string(compile.outcome.word)]
            if case .notCacheable(let reason) = compile.outcome { args["reason"] = .string(reason) }
            if let cause = compile.cause {
                args["cause"] = .string(cause.label)
                args["detail"] = .string(cause.detail)
            }
            if let kind = compile.kind { args["kind"] = .string(kind) }
            if let key = compile.hashKey { args["hash_key"] = .string(key) }
            if let seconds = JSONOutput.seconds(compile.seconds) { args["sccache_seconds"] = .number(seconds) }
            if let (key, value) = compile.farmField { args[key] = .string(value) }
            compiles.append(
                Event(
                    name: compile.name, cat: compile.outcome.word, ph: "X", ts: micros(start - origin),
                    dur: micros(end - start), tid: firstTrack[place]! + slot, args: args))
        }
        let process = Event(
            name: "process_name", ph: "M", tid: 0,
            args: ["name": .string("cachewatch \(record.engine) run \(record.id.value)")])
        let slots = places.flatMap { place in
            slotEnds[place]!.indices.map { slot in
                let name = farm ? "\(place) · slot \(slot + 1)" : "compile slot \(slot + 1)"
                return Event(name: "thread_name", ph: "M", tid: firstTrack[place]! + slot, args: ["name": .string(name)])
            }
        }
        var other: [String: JSONValue] = [
            "run": .string(record.id.value), "engine": .string(record.engine.name),
            "command": .string(SecretMask.text(ShellQuote.join(record.command))),
            "outcome": .string(record.outcome.word), "started_at": .string(Timestamp.iso8601(origin)),
        ]
        if let note = CompileTimes.note(record.compiles, version: record.stats?.version) { other["times"] = .string(note) }
        return Document(traceEvents: [process] + slots + compiles, otherData: other)
    }

    /// The Trace Event Format's object (docs/schemas/trace-1.schema.json).
    struct Document: Encodable {
        let traceEvents: [Event]
        var displayTimeUnit = "ms"
        let otherData: [String: JSONValue]
    }

    /// A metadata event (`M`: the process's and the slots' names) or a complete one (`X`: a compile).
    struct Event: Encodable {
        let name: String
        var cat: String? = nil
        let ph: String
        var ts: Int64? = nil
        var dur: Int64? = nil
        var pid = 1
        let tid: Int
        let args: [String: JSONValue]
    }

    private static func micros(_ seconds: Double) -> Int64 {
        guard seconds.isFinite else { return 0 }
        return Int64((max(0, min(seconds, 1e9)) * 1_000_000).rounded())
    }
}
