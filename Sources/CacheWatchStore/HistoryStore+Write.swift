import CacheWatchCore
import Foundation
import GRDB

extension HistoryStore {
    /// Notes a run that began: it reads "running" while its owner lives, "interrupted" once it is gone.
    public func begin(_ start: RunStart, session: SessionInfo, owner: RunOwner = .current) throws {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO runs (id, started_at, state, project, engine, image, command, owner_pid, owner_token,
                        comparison_key)
                    VALUES (?, ?, 'running', ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO NOTHING
                    """,
                arguments: [
                    start.id.value, start.wallClock, session.projectPath, session.engine.name, session.image,
                    HistoryCodec.json(session.argv), owner.pid, owner.token, RunRecord.comparisonKey(session),
                ])
        }
    }

    /// Keeps a run that ended, whole, in one transaction: its row, its compiles and its samples. A write that fails
    /// (a full disk) loses this run's row and nothing else.
    /// On a full disk the reserve is freed and the write tried once more: the run is kept, and later writes say the
    /// disk is full.
    public func save(_ record: RunRecord) throws {
        do {
            try write { db in try Self.insert(record, into: db) }
        } catch {
            if HistoryError.isFull(error), releaseReserve(), (try? write { db in try Self.insert(record, into: db) }) != nil {
                notes.append("The disk under the history is full: its reserve was used to keep this run; the next may not be")
                return
            }
            // The run's "running" row would read "interrupted": take it away too, if the disk lets us.
            _ = try? write { db in try db.execute(sql: "DELETE FROM runs WHERE id = ?", arguments: [record.id.value]) }
            throw error
        }
    }

    /// Many runs in one transaction (benchmarks and tests).
    public func save(_ records: [RunRecord]) throws {
        try write { db in for record in records { try Self.insert(record, into: db) } }
    }

    static func insert(_ record: RunRecord, into db: Database) throws {
        var whole = record
        whole.compiles = []
        whole.samples = []
        let stats = record.stats
        try db.execute(
            sql: """
                INSERT INTO runs (id, started_at, state, project, engine, image, command, outcome, exit_status, duration,
                    requests, hits, misses, cache_bytes, saved_seconds, record, comparison_key)
                VALUES (?, ?, 'ended', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET
                    started_at = excluded.started_at, state = 'ended', project = excluded.project,
                    engine = excluded.engine, image = excluded.image, command = excluded.command,
                    outcome = excluded.outcome, exit_status = excluded.exit_status, duration = excluded.duration,
                    requests = excluded.requests, hits = excluded.hits, misses = excluded.misses,
                    cache_bytes = excluded.cache_bytes, saved_seconds = excluded.saved_seconds,
                    record = excluded.record, comparison_key = excluded.comparison_key,
                    owner_pid = NULL, owner_token = NULL
                """,
            arguments: [
                record.id.value, record.startedAt, record.project, record.engine.name, record.image,
                HistoryCodec.json(record.command), HistoryCodec.json(record.outcome), record.outcome.exitCode,
                record.duration, stats?.compileRequests, stats?.hits.total, stats?.misses.total, record.cacheBytes,
                record.savedSeconds, HistoryCodec.json(whole), record.comparisonKey,
            ])
        guard let rid = try Int64.fetchOne(db, sql: "SELECT rid FROM runs WHERE id = ?", arguments: [record.id.value])
        else { return }
        try db.execute(sql: "DELETE FROM compiles WHERE rid = ?", arguments: [rid])
        try db.execute(sql: "DELETE FROM samples WHERE rid = ?", arguments: [rid])
        let compile = try db.cachedStatement(
            sql: """
                INSERT INTO compiles (rid, seq, crate, kind, result, reason, seconds, hash_key, argv_digest, unit, inputs,
                    cause, error, started, ended, farm)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for (seq, result) in record.compiles.enumerated() {
            try compile.execute(arguments: [
                rid, seq, result.name, result.kind, result.outcome.word, result.outcome.detail, result.seconds,
                HistoryCodec.keyBytes(result.hashKey),
                result.argvDigest, result.inputs?.unit, result.inputs.map(HistoryCodec.json),
                result.cause.map(HistoryCodec.json), result.errorText, result.started, result.ended,
                result.farm.map(HistoryCodec.json),
            ])
        }
        let sample = try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO samples (rid, t, requests, hits, misses) VALUES (?, ?, ?, ?, ?)")
        for point in record.samples {
            try sample.execute(arguments: [rid, point.t, point.requests, point.hits, point.misses])
        }
    }

    /// Runs left "running" by a process that is gone (killed, or the machine went down) become "interrupted".
    /// Returns how many.
    @discardableResult
    public func markInterrupted() throws -> Int {
        guard !readOnly else { return 0 }
        let running = try read { db in
            try Row.fetchAll(db, sql: "SELECT rid, owner_pid, owner_token FROM runs WHERE state = 'running'")
        }
        let gone = running.filter { row in
            guard let pid = row["owner_pid"] as Int32?, let token = row["owner_token"] as String?,
                let owner = RunOwner(pid: pid, token: token)
            else { return true }
            return !owner.isAlive
        }.map { $0["rid"] as Int64 }
        guard !gone.isEmpty else { return 0 }
        try write { db in
            for rid in gone {
                try db.execute(sql: "UPDATE runs SET state = 'interrupted' WHERE rid = ? AND state = 'running'", arguments: [rid])
            }
        }
        return gone.count
    }

    /// Keeps the newest `keep` runs and deletes the rest (with their compiles and samples); returns how many went.
    public func prune(keep: Int) throws -> Int {
        let removed = try write { db -> Int in
            try db.execute(
                sql: "DELETE FROM runs WHERE rid NOT IN (SELECT rid FROM runs ORDER BY started_at DESC LIMIT ?)",
                arguments: [max(0, keep)])
            return db.changesCount
        }
        // Give the space back: the file shrinks to what is left.
        if removed > 0, let writer = writerForMaintenance { try writer.vacuum() }
        return removed
    }
}
