import CacheWatchCore
import Foundation
import GRDB

extension HistoryStore {
    /// The newest runs (of one project, or of all), newest first.
    public func entries(project: String? = nil, limit: Int = HistoryPage.limit) throws -> [HistoryEntry] {
        try read { db in
            let filter = project == nil ? "" : "WHERE project = ?"
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, started_at, engine, project, command, image, state, outcome, duration, requests, hits,
                        misses, cache_bytes, saved_seconds
                    FROM runs \(filter) ORDER BY started_at DESC, rid DESC LIMIT ?
                    """,
                arguments: StatementArguments(project.map { [$0, limit] as [(any DatabaseValueConvertible)?] } ?? [limit]))
            return rows.map(Self.entry)
        }
    }

    static func entry(_ row: Row) -> HistoryEntry {
        HistoryEntry(
            id: RunID(row["id"]), startedAt: row["started_at"], engine: EngineKind(row["engine"]), project: row["project"],
            command: HistoryCodec.command(row["command"]), image: row["image"],
            state: HistoryEntry.State(rawValue: row["state"]) ?? .interrupted,
            outcome: HistoryCodec.decode(RunOutcome.self, row["outcome"]), duration: row["duration"],
            requests: row["requests"], hits: row["hits"], misses: row["misses"], cacheBytes: row["cache_bytes"],
            savedSeconds: row["saved_seconds"])
    }

    /// What the history adds up to (of one project, or of all).
    public func totals(project: String? = nil) throws -> HistoryTotals {
        try read { db in
            let filter = project == nil ? "" : "WHERE project = ?"
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT count(*) AS runs, total(saved_seconds) AS saved, total(hits) AS hits, total(misses) AS misses,
                        min(started_at) AS since
                    FROM runs \(filter)
                    """,
                arguments: StatementArguments(project.map { [$0] } ?? []))
            guard let row else { return HistoryTotals() }
            return HistoryTotals(
                runs: row["runs"], savedSeconds: row["saved"], hits: Int(row["hits"] as Double),
                misses: Int(row["misses"] as Double), since: row["since"])
        }
    }

    /// The dashboard's page: the newest runs of `project` and the totals over all of them.
    public func page(project: String?, utcOffset: Int, limit: Int = HistoryPage.limit) throws -> HistoryPage {
        let note = readOnly ? "The history is read-only: it was written by a newer cachewatch" : nil
        return HistoryPage(
            project: project, entries: try entries(project: project, limit: limit), totals: try totals(project: project),
            note: note, utcOffset: utcOffset)
    }

    /// One run, whole (its compiles and samples too); nil when the history has no finished run by that id.
    public func record(_ id: RunID) throws -> RunRecord? {
        try read { db in try Self.record(id, in: db) }
    }

    static func record(_ id: RunID, in db: Database) throws -> RunRecord? {
        guard let row = try Row.fetchOne(db, sql: "SELECT rid, record FROM runs WHERE id = ?", arguments: [id.value]),
            var record = HistoryCodec.decode(RunRecord.self, row["record"])
        else { return nil }
        let rid: Int64 = row["rid"]
        record.compiles = try Row.fetchAll(
            db,
            sql: "SELECT \(compileColumns) FROM compiles c WHERE c.rid = ? ORDER BY c.seq",
            arguments: [rid]
        ).map { Self.compile($0) }
        record.samples = try Row.fetchAll(
            db, sql: "SELECT t, requests, hits, misses FROM samples WHERE rid = ? ORDER BY t", arguments: [rid]
        ).map { StatsPoint(t: $0["t"], requests: $0["requests"], hits: $0["hits"], misses: $0["misses"]) }
        return record
    }

    /// The columns of `compiles` (as `c`) that `compile(_:)` reads.
    static let compileColumns = """
        c.seq, c.crate, c.kind, c.result, c.reason, c.seconds, c.hash_key, c.argv_digest, c.inputs, c.cause, c.error,
        c.started, c.ended, c.farm
        """

    /// - Parameter decoded: inputs already decoded, by their stored text (a unit's compiles often share theirs).
    static func compile(_ row: Row, decoded: inout [String: CompileInputs]) -> CrateResult {
        var result = compile(row, inputs: false)
        if let text: String = row["inputs"] {
            result.inputs = decoded[text] ?? HistoryCodec.decode(CompileInputs.self, text)
            decoded[text] = result.inputs
        }
        return result
    }

    static func compile(_ row: Row, inputs: Bool = true) -> CrateResult {
        var result = CrateResult(
            name: row["crate"], outcome: CrateResult.Outcome(word: row["result"], detail: row["reason"]),
            seconds: row["seconds"], sequence: row["seq"], kind: row["kind"],
            hashKey: HistoryCodec.keyHex(row["hash_key"]), argvDigest: row["argv_digest"])
        if inputs { result.inputs = HistoryCodec.decode(CompileInputs.self, row["inputs"]) }
        result.cause = HistoryCodec.decode(MissCause.self, row["cause"])
        result.errorText = row["error"]
        result.started = row["started"]
        result.ended = row["ended"]
        result.farm = HistoryCodec.decode(CrateResult.FarmPlace.self, row["farm"])
        return result
    }

    /// What "why it missed" compares `record`'s misses and cache errors with: the recent stored compiles (hits, or
    /// misses that were stored) of each unit in earlier runs, newest first; and the keys of those misses that an
    /// earlier compile of the unit had (its entry is gone). A build script (never cacheable) is compared with its
    /// earlier compiles too: whether the same script wrote a different output.
    public func baselines(for record: RunRecord) throws -> (
        candidates: [String: [MissExplainer.Baseline]], storedKeys: Set<String>
    ) {
        try read { db in
            var baselines: [String: [MissExplainer.Baseline]] = [:]
            var storedKeys: Set<String> = []
            var contexts: [Int64: RunContext?] = [:]
            var decoded: [String: CompileInputs] = [:]
            let units = Set(
                record.compiles.filter { $0.outcome == .miss || $0.outcome == .error || $0.kind == "build-script" }
                    .compactMap { $0.inputs?.unit })
            for unit in units.sorted() {
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT c.rid, c.seq, c.crate, c.kind, c.result, c.reason, c.seconds, c.hash_key, c.argv_digest,
                            c.inputs, c.cause, c.error, r.id, r.started_at, r.project
                        FROM compiles c JOIN runs r ON r.rid = c.rid
                        WHERE c.unit = ? AND (c.result IN ('hit', 'miss') OR c.kind = 'build-script') AND r.id != ?
                            AND r.started_at <= ?
                        ORDER BY c.rid DESC LIMIT 20
                        """,
                    arguments: [unit, record.id.value, record.startedAt])
                for row in rows {
                    let rid: Int64 = row["rid"]
                    if contexts[rid] == nil {
                        // The context alone, not the whole record.
                        let text = try String.fetchOne(
                            db, sql: "SELECT json_extract(record, '$.context') FROM runs WHERE rid = ?", arguments: [rid])
                        contexts[rid] = HistoryCodec.decode(RunContext.self, text)
                    }
                    baselines[unit, default: []].append(
                        MissExplainer.Baseline(
                            compile: Self.compile(row, decoded: &decoded), run: RunID(row["id"]), startedAt: row["started_at"],
                            context: contexts[rid] ?? nil))
                }
            }
            for compile in record.compiles where compile.outcome == .miss {
                guard let unit = compile.inputs?.unit, let key = HistoryCodec.keyBytes(compile.hashKey) else { continue }
                let seen = try Bool.fetchOne(db, sql: Self.storedKeySQL, arguments: [unit, key, record.id.value]) ?? false
                if seen, let hex = compile.hashKey { storedKeys.insert(hex) }
            }
            return (baselines, storedKeys)
        }
    }

    /// Whether an earlier run stored a compile of the unit under the key (index `compiles_unit_key`).
    static let storedKeySQL = """
        SELECT 1 FROM compiles c JOIN runs r ON r.rid = c.rid
        WHERE c.unit = ? AND c.hash_key = ? AND c.result IN ('hit', 'miss') AND r.id != ? LIMIT 1
        """

    /// The last finished run with this comparison key (same project, engine, image and command) that began before
    /// `before`: what "vs last run" compares with. A stopped run, one that never started, or one without
    /// statistics is not a baseline.
    public func previous(comparisonKey: String, before: Double = .infinity) throws -> RunRecord? {
        try read { db in
            let ids = try String.fetchAll(
                db,
                sql: """
                    SELECT id FROM runs
                    WHERE comparison_key = ? AND state = 'ended' AND started_at < ? AND hits IS NOT NULL
                    ORDER BY started_at DESC, rid DESC LIMIT 20
                    """,
                arguments: [comparisonKey, before.isFinite ? before : Double.greatestFiniteMagnitude])
            for id in ids {
                if let record = try Self.record(RunID(id), in: db), record.comparable { return record }
            }
            return nil
        }
    }

    /// The average time of a compile that missed, in the last run with this comparison key that had misses.
    public func averageCompile(comparisonKey: String) throws -> Double? {
        try read { db in
            try Double.fetchOne(
                db,
                sql: """
                    SELECT avg(seconds) FROM compiles
                    WHERE result = 'miss' AND seconds IS NOT NULL AND rid = (
                        SELECT rid FROM runs WHERE comparison_key = ? AND state = 'ended' AND misses > 0
                        ORDER BY started_at DESC, rid DESC LIMIT 1)
                    """,
                arguments: [comparisonKey])
        }
    }

    /// One run and the one before it, as the history's detail shows them.
    public func runs(_ id: RunID) throws -> HistoryRuns? {
        guard let record = try record(id) else { return nil }
        return .run(
            record, before: try previous(comparisonKey: record.comparisonKey, before: record.startedAt),
            lastCompiles: try lastCompiles(of: record))
    }

    /// Each of `record`'s compiles whose unit is known (its inputs were read), by its name in `record`: the unit's
    /// last compile in an earlier finished run with the same comparison key, however far back. One indexed lookup
    /// per unit, whatever the history's size.
    public func lastCompiles(of record: RunRecord) throws -> [String: CrateResult] {
        try read { db in
            var last: [String: CrateResult] = [:]
            for compile in record.compiles {
                guard let unit = compile.inputs?.unit else { continue }
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT \(Self.compileColumns)
                        FROM compiles c JOIN runs r ON r.rid = c.rid
                        WHERE c.unit = ? AND r.comparison_key = ? AND r.state = 'ended' AND r.id != ? AND r.started_at < ?
                        ORDER BY c.rid DESC, c.seq DESC LIMIT 1
                        """,
                    arguments: [unit, record.comparisonKey, record.id.value, record.startedAt])
                if let row { last[compile.name] = Self.compile(row) }
            }
            return last
        }
    }

    /// Two runs to compare, older first.
    public func diff(_ a: RunID, _ b: RunID) throws -> HistoryRuns? {
        guard let first = try record(a), let second = try record(b) else { return nil }
        return first.startedAt <= second.startedAt ? .diff(first, second) : .diff(second, first)
    }

    /// The run a command line names: `last`, `last~N`, an id or a unique prefix of one.
    public func resolve(_ selector: RunSelector, project: String? = nil) throws -> RunID {
        try read { db in
            let scope = project == nil ? "" : "project = ? AND "
            let scoped: [(any DatabaseValueConvertible)?] = project.map { [$0] } ?? []
            switch selector {
            case .last(let back):
                let id = try String.fetchOne(
                    db,
                    sql: "SELECT id FROM runs WHERE \(scope)1 ORDER BY started_at DESC, rid DESC LIMIT 1 OFFSET ?",
                    arguments: StatementArguments(scoped + [back]))
                guard let id else {
                    let count =
                        try Int.fetchOne(
                            db, sql: "SELECT count(*) FROM runs WHERE \(scope)1", arguments: StatementArguments(scoped)) ?? 0
                    throw HistoryError(
                        count == 0 ? "the history has no runs" : "the history has only \(count) run\(count == 1 ? "" : "s")")
                }
                return RunID(id)
            case .prefix(let prefix):
                let ids = try String.fetchAll(
                    db,
                    sql: "SELECT id FROM runs WHERE \(scope)substr(id, 1, ?) = ? ORDER BY started_at DESC LIMIT 6",
                    arguments: StatementArguments(scoped + [prefix.utf8.count, prefix]))
                if let exact = ids.first(where: { $0 == prefix }) { return RunID(exact) }
                guard ids.count == 1 else {
                    if ids.isEmpty { throw HistoryError("no run's id begins with \(prefix)") }
                    throw HistoryError(
                        "\(prefix) names more than one run (\(ids.prefix(5).joined(separator: ", "))\(ids.count > 5 ? ", …" : "")): give more of the id"
                    )
                }
                return RunID(ids[0])
            }
        }
    }

    /// How many runs, compiles and samples the file holds, and its size on disk (bytes, with its WAL).
    public func size() throws -> (runs: Int, compiles: Int, samples: Int, bytes: Int64) {
        let counts = try read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM runs") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM compiles") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM samples") ?? 0
            )
        }
        var bytes: Int64 = 0
        for suffix in ["", "-wal"] {
            var info = stat()
            if stat(path + suffix, &info) == 0 { bytes += Int64(info.st_size) }
        }
        return (counts.0, counts.1, counts.2, bytes)
    }
}
