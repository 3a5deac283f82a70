import CacheWatchCore
import CacheWatchTestSupport
import Foundation
import Testing

@testable import CacheWatchRunner

/// The history's job against a real SQLite file: answers come back as events, and a history that cannot be kept
/// costs the run nothing but a notice.
@Suite("The history job")
struct HistoryJobTests {
    private func job(_ name: String) throws -> (HistoryJob, EventQueue, String) {
        let root = try TestDirectory.make(name)
        let engine = FakeEngine(command: ["cargo", "build"], mountRoot: root + "/mount", project: root)
        let events = EventQueue()
        try FileManager.default.createDirectory(atPath: root + "/mount", withIntermediateDirectories: true)
        return (HistoryJob(mountRoot: root + "/mount", events: events, engine: engine, project: root), events, root)
    }

    /// Everything the job answered so far (it answers on its own queue; `settle` waits for it).
    private func answers(_ job: HistoryJob, _ events: EventQueue) -> [Event] {
        job.settle()
        return events.drain()
    }

    private func record(_ id: String, at t: Double, hits: Int) -> RunRecord {
        .sample(
            id, at: t, hits: hits, misses: 10 - hits,
            compiles: [CrateResult(name: "serde", outcome: hits > 0 ? .hit : .miss, seconds: 1, sequence: 0)])
    }

    @Test("A run kept is answered with runKept and found again as the next run's baseline")
    func keptAndFound() throws {
        let (job, events, root) = try job("history job kept")
        // Made by the first run's directory in a session.
        try FileManager.default.createDirectory(
            atPath: MountLayout.ownDirectory(mountRoot: root + "/mount"), withIntermediateDirectories: true)
        let first = record("r1", at: 100, hits: 0)
        job.begin(RunStart(id: first.id, wallClock: 100), session: SessionInfo(engine: "fake", project: "/p", command: "c"))
        job.persist(first)
        let kept = answers(job, events)
        #expect(kept.contains { if case .runKept(let r) = $0 { return r.id == first.id } else { return false } })
        #expect(job.didKeep(first.id), "\(kept)")
        job.loadPrevious(comparisonKey: first.comparisonKey)
        let previous = answers(job, events).compactMap { event -> RunRecord? in
            if case .previousRun(let r, _) = event { return r }
            return nil
        }
        #expect(previous.first?.id == first.id, "\(previous)")
        job.loadDiff(RunID("r1"), RunID("nope"))
        let notices = answers(job, events).compactMap { event -> Notice? in
            if case .notice(let n) = event { return n }
            return nil
        }
        #expect(notices.first?.text.hasPrefix("The runs could not be compared") == true, "\(notices)")
    }

    @Test("A corrupt history file is set aside, bytes and all, with one warning; the runs are kept in a new one")
    func corrupt() throws {
        let (job, events, root) = try job("history job corrupt")
        let own = MountLayout.ownDirectory(mountRoot: root + "/mount")
        try FileManager.default.createDirectory(atPath: own, withIntermediateDirectories: true)
        let garbage = Data(repeating: 0xA5, count: 8192)
        try garbage.write(to: URL(fileURLWithPath: MountLayout.historyFile(mountRoot: root + "/mount")))
        job.persist(record("r1", at: 100, hits: 3))
        job.persist(record("r2", at: 200, hits: 4))
        let seen = answers(job, events)
        let warnings = seen.compactMap { event -> Notice? in
            if case .notice(let n) = event, n.level == .warning { return n }
            return nil
        }
        #expect(warnings.count == 1 && warnings[0].text.contains("set aside as history.sqlite.corrupt-"), "\(warnings)")
        #expect(job.didKeep(RunID("r1")) && job.didKeep(RunID("r2")))
        let aside = try FileManager.default.contentsOfDirectory(atPath: own).filter {
            $0.contains(".corrupt-") && !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm")
        }
        #expect(aside.count == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: own + "/" + aside[0])) == garbage)
    }

    @Test("No history can be kept here: one warning; every run is still answered (the report waits for it), none kept")
    func unavailable() throws {
        let (job, events, root) = try job("history job unavailable")
        // cachewatch's own directory is a file: nothing can be made under it.
        try Data("x".utf8).write(to: URL(fileURLWithPath: MountLayout.ownDirectory(mountRoot: root + "/mount")))
        job.persist(record("r1", at: 100, hits: 3))
        job.persist(record("r2", at: 200, hits: 4))
        let seen = answers(job, events)
        let kept = seen.filter { if case .runKept = $0 { return true } else { return false } }
        let warnings = seen.compactMap { event -> Notice? in
            if case .notice(let n) = event, n.level == .warning { return n }
            return nil
        }
        #expect(kept.count == 2)
        #expect(warnings.count == 1 && warnings[0].text.hasPrefix("The history is unavailable"), "\(warnings.map(\.text))")
        #expect(!job.didKeep(RunID("r1")) && !job.didKeep(RunID("r2")))
    }
}
