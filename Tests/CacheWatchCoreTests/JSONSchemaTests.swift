import CacheWatchSynthetic
import CacheWatchTestSupport
import Foundation
import Testing

@testable import CacheWatchCore

/// Every JSON cachewatch writes for other programs holds to its versioned schema in docs/schemas/: the report, the
/// history list, why and the trace, each from real renderings of varied runs.
@Suite("JSON outputs against their schemas")
struct JSONSchemaTests {
    static func schema(_ name: String) throws -> JSONSchema {
        try JSONSchema(contentsOf: ReadmeTests.root.appendingPathComponent("docs/schemas/\(name).schema.json").path)
    }

    static func golden(_ name: String) throws -> String {
        try String(
            contentsOf: ReadmeTests.root.appendingPathComponent("Tests/CacheWatchCoreTests/Golden/\(name)"), encoding: .utf8)
    }

    /// Runs of every shape: a docker run with a cache backend, explained misses (an upstream root), a failed start,
    /// a stopped and a killed run, generated runs with causes.
    static func records() throws -> [RunRecord] {
        var records = [try #require(try RunRecordTests.finishedRun().lastRecord)]
        var explained = SyntheticHistory.record(3, compiles: 40, seed: 7)
        if let index = explained.compiles.firstIndex(where: { $0.outcome == .miss }) {
            explained.compiles[index].cause = MissCause(.upstream, "a (source a/src/lib.rs)", root: "a")
        }
        records.append(explained)
        for outcome: RunOutcome in [
            .failedToStart("docker not found"), .ended(.exited(143), stopped: true), .ended(.signaled(9), stopped: false),
        ] {
            var record = SyntheticHistory.record(5, compiles: 5, seed: 3)
            record.outcome = outcome
            records.append(record)
        }
        return records + (0..<6).map { SyntheticHistory.record($0, compiles: 30, seed: UInt64($0) + 11) }
    }

    private func expectValid(_ text: String, _ schema: JSONSchema, _ what: String) throws {
        let problems = schema.problems(try JSONValue.parse(text))
        #expect(problems.isEmpty, "\(what): \(problems.prefix(5))")
    }

    @Test("The report (schema 6), as the golden file and for every shape of run")
    func report() throws {
        let schema = try Self.schema("report-\(RunReport.schema)")
        #expect(schema.root["properties"]?["schema"] == .object(["const": .integer(Int64(RunReport.schema))]))
        try expectValid(try Self.golden("report.json"), schema, "report.json")
        for record in try Self.records() { try expectValid(RunReport.json(record), schema, record.id.value) }
    }

    @Test("history --json, why --json and the trace, for every shape of run")
    func others() throws {
        try expectValid(try Self.golden("history.json"), try Self.schema("history-list-1"), "history.json")
        let records = try Self.records()
        try expectValid(HistoryJSON.list(records.map(HistoryEntry.init(record:))), try Self.schema("history-list-1"), "list")
        try expectValid(HistoryJSON.list([]), try Self.schema("history-list-1"), "the empty list")
        for record in records {
            try expectValid(WhyText.json(record), try Self.schema("why-1"), "why \(record.id.value)")
            try expectValid(TraceExport.json(record), try Self.schema("trace-1"), "trace \(record.id.value)")
        }
    }

    @Test("The validator fails what breaks a schema: a type, a missing or unknown field, a value, a pattern, a choice")
    func validatorFails() throws {
        let schema = try Self.schema("report-6")
        let valid = try JSONValue.parse(try Self.golden("report.json"))
        guard case .object(let fields) = valid else { throw Failure("the report is not an object") }
        func problems(_ change: (inout [String: JSONValue]) -> Void) -> [String] {
            var changed = fields
            change(&changed)
            return schema.problems(.object(changed))
        }
        #expect(schema.problems(valid).isEmpty)
        #expect(problems { $0["exit_status"] = .string("0") } == ["$.exit_status: a string where integer is expected"])
        #expect(problems { $0["id"] = nil } == ["$: id is missing"])
        #expect(problems { $0["colour"] = .bool(true) } == ["$.colour: not allowed"])
        #expect(problems { $0["outcome"] = .string("won") } == ["$.outcome: \"won\" is not one of the values allowed"])
        #expect(problems { $0["started_at"] = .string("yesterday") }.first?.contains("does not match") == true)
        #expect(problems { $0["schema"] = .integer(4) } == ["$.schema: 4 where 6 is expected"])
        let trace = try Self.schema("trace-1")
        let event = JSONValue.object([
            "name": .string("x"), "ph": .string("Q"), "pid": .integer(1), "tid": .integer(1), "args": .object([:]),
        ])
        let document = JSONValue.object([
            "traceEvents": .array([event]), "displayTimeUnit": .string("ms"),
            "otherData": .object([
                "run": .string("r"), "engine": .string("native"), "command": .string("c"), "outcome": .string("failed"),
                "started_at": .string("2026-01-01T00:00:00Z"),
            ]),
        ])
        #expect(trace.problems(document) == ["$.traceEvents[0]: 0 of the oneOf choices hold"])
        #expect(try JSONSchema("{\"uniqueItems\": true}").problems(.array([])) == ["$: the schema uses uniqueItems, not checked"])
    }

    struct Failure: Error {
        let text: String
        init(_ text: String) { self.text = text }
    }
}
