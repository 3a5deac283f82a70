import CacheWatchCore
import GRDB

/// The history's schema, one migration per version. A database whose applied migrations this build does not
/// know comes from a newer cachewatch: it is read, never written.
enum HistorySchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // One row per run: its headline numbers as columns (for the table and the charts), the whole record
            // (without its compiles and samples, which have tables of their own) as JSON.
            try db.execute(
                sql: """
                    CREATE TABLE runs (
                        rid INTEGER PRIMARY KEY,
                        id TEXT NOT NULL UNIQUE,
                        started_at REAL NOT NULL,
                        state TEXT NOT NULL,
                        project TEXT NOT NULL,
                        engine TEXT NOT NULL,
                        image TEXT,
                        command TEXT NOT NULL,
                        outcome TEXT,
                        exit_status INTEGER,
                        duration REAL,
                        requests INTEGER,
                        hits INTEGER,
                        misses INTEGER,
                        cache_bytes INTEGER,
                        saved_seconds REAL,
                        owner_pid INTEGER,
                        owner_token TEXT,
                        record TEXT
                    );
                    CREATE INDEX runs_started ON runs(started_at);
                    CREATE INDEX runs_project ON runs(project, started_at);
                    CREATE INDEX runs_running ON runs(state) WHERE state = 'running';
                    CREATE TABLE compiles (
                        rid INTEGER NOT NULL REFERENCES runs(rid) ON DELETE CASCADE,
                        seq INTEGER NOT NULL,
                        crate TEXT NOT NULL,
                        kind TEXT,
                        result TEXT NOT NULL,
                        reason TEXT,
                        seconds REAL,
                        hash_key BLOB,
                        argv_digest TEXT,
                        PRIMARY KEY (rid, seq)
                    ) WITHOUT ROWID;
                    CREATE TABLE samples (
                        rid INTEGER NOT NULL REFERENCES runs(rid) ON DELETE CASCADE,
                        t REAL NOT NULL,
                        requests INTEGER NOT NULL,
                        hits INTEGER NOT NULL,
                        misses INTEGER NOT NULL,
                        PRIMARY KEY (rid, t)
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v2") { db in
            // Runs are compared with runs of the same project, engine, image and command: a column to find them.
            try db.execute(sql: "ALTER TABLE runs ADD COLUMN comparison_key TEXT")
            let rows = try Row.fetchAll(db, sql: "SELECT rid, project, engine, image, command FROM runs")
            for row in rows {
                let key = RunRecord.comparisonKey(
                    project: row["project"], engine: EngineKind(row["engine"]), image: row["image"],
                    command: HistoryCodec.command(row["command"]))
                try db.execute(
                    sql: "UPDATE runs SET comparison_key = ? WHERE rid = ?", arguments: [key, row["rid"] as Int64])
            }
            try db.execute(sql: "CREATE INDEX runs_comparison ON runs(comparison_key, started_at)")
        }
        migrator.registerMigration("v3") { db in
            // What went into each compile's key (its unit, arguments, sources, env! values, externs) and why it
            // missed: "why it missed" compares a compile with the last stored compile of the same unit.
            try db.execute(
                sql: """
                    ALTER TABLE compiles ADD COLUMN unit TEXT;
                    ALTER TABLE compiles ADD COLUMN inputs TEXT;
                    ALTER TABLE compiles ADD COLUMN cause TEXT;
                    ALTER TABLE compiles ADD COLUMN error TEXT;
                    CREATE INDEX compiles_unit ON compiles(unit, rid) WHERE unit IS NOT NULL;
                    """)
        }
        migrator.registerMigration("v4") { db in
            // When each compile began and ended (the timeline, the trace export).
            try db.execute(
                sql: """
                    ALTER TABLE compiles ADD COLUMN started REAL;
                    ALTER TABLE compiles ADD COLUMN ended REAL;
                    """)
        }
        migrator.registerMigration("v5") { db in
            // Whether a miss's key was stored before ("entry gone"): found by key, not by reading every earlier
            // compile of the unit (a cost that grew with the history).
            try db.execute(sql: "CREATE INDEX compiles_unit_key ON compiles(unit, hash_key) WHERE unit IS NOT NULL")
        }
        migrator.registerMigration("v6") { db in
            // Where a compile ran on a build farm: its server, or the reason it fell back to this machine.
            try db.execute(sql: "ALTER TABLE compiles ADD COLUMN farm TEXT")
        }
        return migrator
    }
}
