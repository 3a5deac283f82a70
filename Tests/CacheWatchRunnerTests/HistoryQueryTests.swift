import CacheWatchCore
import CacheWatchStore
import CacheWatchTestSupport
import Foundation
import Testing

@testable import CacheWatchRunner

/// `cachewatch history` and `why` answered in-process from a real SQLite history.
@Suite("The history's questions")
struct HistoryQueryTests {
    private func record(_ id: String, at t: Double, hits: Int) -> RunRecord {
        .sample(
            id, at: t, hits: hits, misses: 2 - hits, engine: .native,
            compiles: [
                CrateResult(name: "serde", outcome: hits > 0 ? .hit : .miss, seconds: 1, sequence: 0),
                CrateResult(name: "demo", outcome: .miss, seconds: 1, sequence: 1),
            ])
    }

    @Test("No history: the list says so, a run asked for is refused, nothing is created")
    func empty() throws {
        let root = try TestDirectory.make("history query empty")
        let query = HistoryQuery(mountRoot: root, project: nil, utcOffset: 0)
        #expect(
            try query.list(limit: 50, json: false, width: 120) == "No runs in the history yet (\(query.file) does not exist).\n")
        #expect(try query.list(limit: 50, json: true, width: 120) == "[]\n")
        #expect(throws: HistoryQuery.Failure.refused("no history yet: no run has ended under this mount root")) {
            try query.show("last", format: .text)
        }
        #expect(try query.prune(keep: 1) == "No history yet: nothing to prune.\n")
        #expect(access(query.file, F_OK) != 0)
    }

    @Test("Runs listed newest first with totals, shown, compared, explained and pruned; bad selectors are refused")
    func runs() throws {
        let root = try TestDirectory.make("history query runs")
        let query = HistoryQuery(mountRoot: root, project: nil, utcOffset: 0)
        try FileManager.default.createDirectory(
            atPath: MountLayout.ownDirectory(mountRoot: root), withIntermediateDirectories: true)
        let store = try HistoryStore(path: query.file)
        try store.save([record("aaa1", at: 1_000, hits: 0), record("bbb2", at: 2_000, hits: 1)])
        let list = try query.list(limit: 1, json: false, width: 120).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(list.first?.hasPrefix("Id   When") == true, "\(list)")
        #expect(list[1].hasPrefix("bbb2 1970-01-01 00:33"), "\(list)")
        #expect(list.last == "", "ends with a newline")
        #expect(list.dropLast().last?.hasSuffix("(the newest 1 shown; --limit shows more)") == true, "\(list)")
        #expect(list.allSatisfy { !$0.hasSuffix(" ") }, "no trailing blanks")
        let json = try query.list(limit: 5, json: true, width: 120)
        #expect(json.contains("\"bbb2\"") && json.contains("\"aaa1\""))
        #expect(try query.show("last", format: .text).contains("serde"))
        #expect(try query.show("b", format: .json).contains("\"bbb2\""))
        #expect(try query.diff("last~1", "last").contains("serde"))
        #expect(try query.why("last", crate: "demo", json: false).contains("bbb2"))
        #expect(try query.why("last", crate: nil, json: true).hasPrefix("{"))
        #expect(throws: HistoryQuery.Failure.refused("run bbb2 has no compile named nope")) {
            try query.why("last", crate: "nope", json: false)
        }
        #expect(throws: HistoryQuery.Failure.self) { try query.show("last~9", format: .text) }
        #expect(
            throws: HistoryQuery.Failure.refused("x y does not name a run: give an id, a unique prefix of one, last, or last~N")
        ) {
            try query.show("x y", format: .text)
        }
        let trace = root + "/trace.json"
        #expect(try query.show("last", format: .trace(trace)).hasPrefix("trace of 0 compiles written to \(trace)"))
        #expect(FileManager.default.fileExists(atPath: trace))
        #expect(try query.prune(keep: 1) == "Pruned 1 run; the newest 1 kept.\n")
        #expect(try query.prune(keep: 1) == "Nothing to prune: the history has 1 runs or fewer.\n")
    }
}
