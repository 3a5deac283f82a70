import CacheWatchCore
import CacheWatchSynthetic
import CacheWatchTestSupport
import Foundation
import GRDB
import Testing

@testable import CacheWatchStore

@Suite("History store")
struct HistoryStoreTests {
    static func store(_ name: String) throws -> (HistoryStore, String) {
        let directory = try TestDirectory.make("store-" + name)
        let path = directory + "/history.sqlite"
        return (try HistoryStore(path: path), path)
    }

    static func session(_ command: [String] = SyntheticHistory.command) -> SessionInfo {
        SessionInfo(
            engine: .native, project: "~/src/demo", command: ShellQuote.join(command), details: [],
            projectPath: SyntheticHistory.project, argv: command)
    }

    @Test("A run is kept whole: its row, every compile (kind, hash key, argv digest, times, farm) and its samples")
    func roundTrip() throws {
        let (store, path) = try Self.store("round-trip")
        var record = SyntheticHistory.record(3, compiles: 40)
        record.compiles[1].hashKey = "not hex, kept as it is"
        record.compiles[2].started = 1_796_000_010.125
        record.compiles[2].ended = 1_796_000_012.5
        // A farm run: where each compile ran, and the farm itself.
        record.compiles[3].farm = .sent("127.0.0.1:10501")
        record.compiles[4].farm = .sent(nil)
        record.compiles[5].farm = .fellBack("connection refused")
        record.farm = RunFarm(
            scheduler: "http://127.0.0.1:10600", state: .connected, serversListed: 2, cpus: 4,
            compiles: ["127.0.0.1:10501": 1], fallbacks: 1, fallbackReasons: ["connection refused": 1])
        try store.save(record)
        #expect(try store.record(record.id) == record)
        let entries = try store.entries()
        #expect(entries == [HistoryEntry(record: record)])
        #expect(try store.integrityCheck() == "ok")
        // WAL mode, and the file is the user's alone.
        let mode = try DatabaseQueue(path: path).read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
    }

    @Test("A running run becomes the ended one; one whose owner is gone reads interrupted, a live one running")
    func interrupted() throws {
        let (store, _) = try Self.store("interrupted")
        // A process that has exited: its pid no longer names it.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let gone = RunOwner(pid: child.processIdentifier, boot: RunOwner.bootID, start: 1)
        try store.begin(RunStart(id: RunID("a"), wallClock: 100), session: Self.session(), owner: gone)
        try store.begin(RunStart(id: RunID("b"), wallClock: 200), session: Self.session(), owner: .current)
        try store.begin(RunStart(id: RunID("c"), wallClock: 300), session: Self.session(), owner: .current)
        var ended = SyntheticHistory.record(1, compiles: 5)
        ended.id = RunID("c")
        ended.startedAt = 300
        try store.save(ended)
        #expect(try store.markInterrupted() == 1)
        let states = Dictionary(uniqueKeysWithValues: try store.entries().map { ($0.id.value, $0.state) })
        #expect(states == ["a": .interrupted, "b": .running, "c": .ended])
        #expect(try store.entries().first { $0.id.value == "a" }?.word == "interrupted")
    }

    @Test("vs last run: the last finished run of the same project, engine, image and command, before the one given")
    func previous() throws {
        let (store, _) = try Self.store("previous")
        let build = SyntheticHistory.record(1, compiles: 5)
        var test = SyntheticHistory.record(2, compiles: 5)
        test.command = ["cargo", "test"]
        var stopped = SyntheticHistory.record(3, compiles: 5)
        stopped.outcome = .ended(.signaled(15), stopped: true)
        var failedToStart = SyntheticHistory.record(4, compiles: 0)
        failedToStart.outcome = .failedToStart("no docker")
        failedToStart.stats = nil
        var docker = SyntheticHistory.record(5, compiles: 5)
        docker.engine = "docker"
        docker.image = "clux/muslrust:stable"
        try store.save([build, test, stopped, failedToStart, docker])
        #expect(try store.previous(comparisonKey: build.comparisonKey)?.id == build.id)
        #expect(try store.previous(comparisonKey: test.comparisonKey)?.id == test.id)
        #expect(try store.previous(comparisonKey: docker.comparisonKey)?.id == docker.id)
        #expect(try store.previous(comparisonKey: build.comparisonKey, before: build.startedAt) == nil)
        // The average compile of the last run like these that missed: its misses' mean time.
        let misses = build.compiles.filter { $0.outcome == .miss }.compactMap(\.seconds)
        let average = try #require(try store.averageCompile(comparisonKey: build.comparisonKey))
        #expect(abs(average - misses.reduce(0, +) / Double(misses.count)) < 1e-9)
        guard case .run(let record, let before, _) = try store.runs(stopped.id) else {
            Issue.record("no run")
            return
        }
        #expect(record.id == stopped.id && before?.id == build.id)
    }

    @Test("RUN: last, last~N, an id, a unique prefix; ambiguous and unknown ones are errors that say so")
    func resolve() throws {
        let (store, _) = try Self.store("resolve")
        try store.save((0..<12).map { SyntheticHistory.record($0, compiles: 2) })
        #expect(try store.resolve(.last(back: 0)).value.hasPrefix("000011"))
        #expect(try store.resolve(.last(back: 11)).value.hasPrefix("000000"))
        #expect(try store.resolve(.prefix("000003")).value.hasPrefix("000003"))
        #expect(throws: HistoryError.self) { try store.resolve(.last(back: 12)) }
        #expect(throws: HistoryError("no run's id begins with zzz")) { try store.resolve(.prefix("zzz")) }
        do {
            _ = try store.resolve(.prefix("00001"))
            Issue.record("an ambiguous prefix resolved")
        } catch {
            #expect("\(error)".contains("more than one run"))
        }
        #expect(RunSelector("last~2") == .last(back: 2))
        #expect(RunSelector("last~x") == nil)
        #expect(RunSelector("a b") == nil)
    }

    @Test("Totals and prune: the newest N kept, with their compiles and samples; the rest gone from every table")
    func prune() throws {
        let (store, _) = try Self.store("prune")
        let records = (0..<30).map { SyntheticHistory.record($0, compiles: 10) }
        try store.save(records)
        let totals = try store.totals()
        #expect(totals.runs == 30)
        #expect(abs(totals.savedSeconds - records.compactMap(\.savedSeconds).reduce(0, +)) < 1e-6)
        #expect(try store.prune(keep: 10) == 20)
        let size = try store.size()
        #expect(size.runs == 10 && size.compiles == 100 && size.samples == 200)
        #expect(try store.entries().last?.id == records[20].id)
        #expect(try store.prune(keep: 10) == 0)
    }

    @Test("A v1 database migrates: its runs gain their comparison key and are found as the last run")
    func migratesV1() throws {
        let directory = try TestDirectory.make("store-v1")
        let path = directory + "/history.sqlite"
        let record = SyntheticHistory.record(7, compiles: 3)
        do {
            let pool = try DatabasePool(path: path)
            try HistorySchema.migrator.migrate(pool, upTo: "v1")
            try pool.write { db in
                #expect(try !db.columns(in: "runs").contains { $0.name == "comparison_key" })
                try db.execute(
                    sql: """
                        INSERT INTO runs (id, started_at, state, project, engine, image, command, outcome, exit_status,
                            duration, requests, hits, misses, record)
                        VALUES (?, ?, 'ended', ?, 'native', NULL, ?, ?, 0, 1.5, 3, 2, 1, ?)
                        """,
                    arguments: [
                        record.id.value, record.startedAt, record.project, HistoryCodec.json(record.command),
                        HistoryCodec.json(record.outcome), HistoryCodec.json(record),
                    ])
            }
            try pool.close()
        }
        let store = try HistoryStore(path: path)
        #expect(try store.previous(comparisonKey: record.comparisonKey)?.id == record.id)
        let applied = try DatabaseQueue(path: path).read { db in try HistorySchema.migrator.appliedIdentifiers(db) }
        #expect(applied == ["v1", "v2", "v3", "v4", "v5", "v6"])
    }

    @Test("A database from a newer cachewatch is read, never written: the file is left as it was")
    func newerSchema() throws {
        let directory = try TestDirectory.make("store-newer")
        let path = directory + "/history.sqlite"
        do {
            let store = try HistoryStore(path: path)
            try store.save(SyntheticHistory.record(1, compiles: 3))
        }
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future')")
        }
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let store = try HistoryStore(path: path)
        #expect(store.readOnly)
        #expect(store.takeNotes().first?.contains("newer cachewatch") == true)
        #expect(try store.entries().count == 1)
        #expect(throws: HistoryError.self) { try store.save(SyntheticHistory.record(2, compiles: 3)) }
        #expect(try store.page(project: nil, utcOffset: 0).note?.contains("read-only") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("A file that is not a database, or a symbolic link, is set aside and a new history started")
    func setAside() throws {
        let directory = try TestDirectory.make("store-corrupt")
        let path = directory + "/history.sqlite"
        let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try garbage.write(to: URL(fileURLWithPath: path))
        let store = try HistoryStore(path: path)
        let note = try #require(store.takeNotes().first)
        #expect(note.contains("set aside as history.sqlite.corrupt-"))
        try store.save(SyntheticHistory.record(1, compiles: 3))
        #expect(try store.entries().count == 1)
        let aside = try FileManager.default.contentsOfDirectory(atPath: directory).filter {
            $0.hasPrefix("history.sqlite.corrupt-")
        }
        #expect(aside.count == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + aside[0])) == garbage)

        // A symbolic link planted where the history goes: never followed, its target untouched.
        let other = try TestDirectory.make("store-symlink")
        let target = other + "/precious"
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: target))
        let linked = other + "/history.sqlite"
        #expect(symlink(target, linked) == 0)
        let fresh = try HistoryStore(path: linked)
        #expect(fresh.takeNotes().first?.contains("symbolic link") == true)
        try fresh.save(SyntheticHistory.record(1, compiles: 3))
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me")
        var info = stat()
        #expect(lstat(linked, &info) == 0 && info.st_mode & S_IFMT == S_IFREG)
    }

    @Test("A database damaged after it was written is set aside when a read finds it; the history goes on")
    func damagedLater() throws {
        let directory = try TestDirectory.make("store-damaged")
        let path = directory + "/history.sqlite"
        do {
            let store = try HistoryStore(path: path)
            try store.save((0..<40).map { SyntheticHistory.record($0, compiles: 50) })
            _ = try store.writerForMaintenance?.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
        }
        // Scribble over every page but the first (the header stays valid: the damage shows only when read).
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: 4096)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: Int(size) - 4096))
        try handle.close()
        let store = try HistoryStore(path: path)
        _ = try store.entries()  // answers from the new history when the old one cannot be read
        let notes = store.takeNotes()
        #expect(notes.contains { $0.contains("set aside") })
        try store.save(SyntheticHistory.record(99, compiles: 3))
        #expect(try store.entries().map(\.id) == [SyntheticHistory.record(99, compiles: 3).id])
        #expect(try store.integrityCheck() == "ok")
    }

    @Test("Two writers at once (two connections, as two dashboards): every run kept, the file sound")
    func concurrentWriters() async throws {
        let directory = try TestDirectory.make("store-concurrent")
        let path = directory + "/history.sqlite"
        _ = try HistoryStore(path: path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<2 {
                group.addTask {
                    let store = try HistoryStore(path: path)
                    for n in 0..<60 { try store.save(SyntheticHistory.record(writer * 1000 + n, compiles: 20)) }
                }
            }
            try await group.waitForAll()
        }
        let store = try HistoryStore(path: path)
        let size = try store.size()
        #expect(size.runs == 120 && size.compiles == 2400)
        #expect(try store.integrityCheck() == "ok")
    }

    @Test("A run is shown beside each unit's last compile, past a run that compiled nothing")
    func lastCompilePerUnit() throws {
        let (store, _) = try Self.store("last-compile")
        func compile(_ name: String, _ outcome: CrateResult.Outcome, _ sequence: Int, seconds: Double) -> CrateResult {
            var result = CrateResult(name: name, outcome: outcome, seconds: seconds, sequence: sequence, kind: "lib")
            result.inputs = CompileInputs(
                unit: "\(name)|lib|debug|host", extra: "", arguments: ["--crate-name \(name)"], sources: [:], envDeps: [:],
                externs: [:])
            return result
        }
        func run(_ id: String, at time: Double, _ compiles: [CrateResult]) -> RunRecord {
            var stats = SccacheStats()
            stats.hits = LanguageCounts(total: compiles.filter { $0.outcome == .hit }.count)
            stats.misses = LanguageCounts(total: compiles.filter { $0.outcome == .miss }.count)
            return RunRecord(
                id: RunID(id), engine: .native, project: "/ws", command: ["cargo", "build"], startedAt: time, duration: 1,
                outcome: .ended(.exited(0), stopped: false), stats: stats, compiles: compiles)
        }
        // A cold build, a no-op (nothing compiled), then an edit of `mid`: the build compiles mid and top again.
        try store.save(run("cold", at: 100, [compile("base", .miss, 0, seconds: 2), compile("mid", .miss, 1, seconds: 3)]))
        try store.save(run("noop", at: 200, []))
        var other = run("elsewhere", at: 250, [compile("mid", .hit, 0, seconds: 0.01)])
        other.project = "/another"  // not the same project: never a baseline
        try store.save(other)
        let edit = run("edit", at: 300, [compile("mid", .miss, 0, seconds: 2.5), compile("top", .miss, 1, seconds: 1)])
        try store.save(edit)
        guard case .run(_, let before, let last) = try store.runs(edit.id) else {
            Issue.record("the edit's run was not found")
            return
        }
        #expect(before?.id == RunID("noop"), "the numbers still compare with the run before")
        #expect(last?["mid"]?.outcome == .miss && last?["mid"]?.seconds == 3, "mid's baseline is the cold build's")
        #expect(last?["top"] == nil, "top was never compiled before")
        let text = RunText.plain(RunText.lines(try #require(try store.runs(edit.id)), utcOffset: 0))
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("  mid") || $0.hasPrefix("  top") }
        #expect(rows.count == 2)
        #expect(rows.first?.hasSuffix("miss 3.0 s") == true, "mid beside its last compile: \(rows)")
        #expect(rows.last?.hasSuffix("new") == true, "top is new: \(rows)")
    }
}

extension HistoryStoreTests {
    @Test("Why's questions stay O(this run): a miss's key is looked up by index, not among every earlier compile")
    func whyQueriesUseIndexes() throws {
        let (store, _) = try Self.store("why-plan")
        let plan = try store.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + HistoryStore.storedKeySQL, arguments: ["u", Data([1]), "r"])
                .map { $0["detail"] as String }
        }
        .joined(separator: "\n")
        #expect(plan.contains("compiles_unit_key (unit=? AND hash_key=?)"), "\(plan)")
    }
}

@Suite("History store at scale")
struct HistoryScaleTests {
    /// The benchmark uses 300 compiles a run (`make bench`); 30 keep this test quick on a debug build.
    @Test("10 000 generated runs: the page, the totals, the last run, one run whole, and a sound file")
    func tenThousandRuns() throws {
        let directory = try TestDirectory.make("store-10k")
        let path = directory + "/history.sqlite"
        let store = try HistoryStore(path: path)
        let count = 10_000
        var batch: [RunRecord] = []
        for index in 0..<count {
            batch.append(SyntheticHistory.record(index, compiles: 30))
            if batch.count == 500 {
                try store.save(batch)
                batch = []
            }
        }
        let page = try store.page(project: SyntheticHistory.project, utcOffset: 0)
        #expect(page.entries.count == HistoryPage.limit)
        #expect(page.entries.first?.id == SyntheticHistory.record(count - 1, compiles: 0).id)
        #expect(page.totals.runs == count)
        let middle = SyntheticHistory.record(5_000, compiles: 30)
        #expect(try store.record(middle.id) == middle)
        // The last run like them: the newest one that finished (synthetic runs all finish, some failing).
        let last = try #require(try store.previous(comparisonKey: middle.comparisonKey))
        #expect(last.id == SyntheticHistory.record(count - 1, compiles: 30).id)
        #expect(try store.resolve(.last(back: 9_999)) == SyntheticHistory.record(0, compiles: 0).id)
        let size = try store.size()
        #expect(size.runs == count && size.compiles == count * 30)
        #expect(try store.integrityCheck() == "ok")
    }
}
