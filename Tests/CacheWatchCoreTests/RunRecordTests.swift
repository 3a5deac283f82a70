import CacheWatchTestSupport
import Foundation
import Testing

@testable import CacheWatchCore

/// One model, several renderings: a run's record from the event stream, and its report, summary and verdict,
/// each compared with a golden file (re-record with CACHEWATCH_RECORD_SNAPSHOTS=1, which then fails).
@Suite("The run record and its renderings")
struct RunRecordTests {
    /// A warm run of the example workspace, fed as the runner feeds it.
    static func finishedRun() throws -> AppState {
        var state = AppState(
            session: SessionInfo(
                engine: .docker, project: "~/src/demo", command: "cargo build --release --locked",
                details: ["image clux/muslrust:stable"], projectPath: "/home/me/src/demo",
                argv: ["cargo", "build", "--release", "--locked"], image: "clux/muslrust:stable",
                cache: CacheBackend.from(environment: [
                    "SCCACHE_MULTILEVEL_CHAIN": "disk,redis", "SCCACHE_REDIS_ENDPOINT": "redis://:hunter2@cache:6379",
                ])),
            cacheLimit: 5 << 30)
        _ = state.update(.resize(width: 120, height: 35))
        _ = state.update(.appStarted(wallClock: 1_796_000_000, now: 10))
        let run = RunStart(
            id: RunID("20261129-071450-docker-run1-4242-x7k2"), wallClock: 1_796_000_001.5,
            facts: RunFacts(container: "cachewatch-4242-1-77", imageDigest: "sha256:abc"))
        _ = state.update(.buildStarted(now: 11, run: run))
        _ = state.update(.logFile("/home/me/.muslrust/cachewatch/logs/20261129-071450-docker-run1-4242-x7k2.log"))
        _ = state.update(.output(Array("   Compiling serde v1.0\r\nwarning: unused\r\n    Finished release\r\n".utf8)))
        _ = state.update(.serverLog(try Fixture.text("server-debug-log-build3.txt").components(separatedBy: "\n")))
        let json = try Fixture.text("stats-after-build2-warm.json")
        _ = state.update(.stats(try SccacheJSONParser.parse(json), final: true, json: json))
        _ = state.update(
            .diskScanned(
                DiskUsage(directories: [
                    DirectoryUsage(name: "registry", path: "/m/cargo/registry", exists: true, bytes: 0, files: 0),
                    DirectoryUsage(name: "sccache", path: "/m/sccache", exists: true, bytes: 14_137_056, files: 26),
                    DirectoryUsage(name: "target", path: "/home/me/src/demo/target", exists: true, bytes: 1024, files: 3),
                ])))
        _ = state.update(.buildEnded(.exited(0), now: 17.25, stopped: false))
        return state
    }

    @Test("A run's end yields its record: identity, command, outcome, stats as printed, every compile, disk, counts")
    func record() throws {
        var state = try Self.finishedRun()
        let record = try #require(state.lastRecord)
        #expect(record.id == RunID("20261129-071450-docker-run1-4242-x7k2"))
        #expect(record.command == ["cargo", "build", "--release", "--locked"])
        #expect(record.image == "clux/muslrust:stable" && record.imageDigest == "sha256:abc")
        #expect(record.facts == RunFacts(container: "cachewatch-4242-1-77"), "the image's id is the record's own field")
        #expect(record.startedAt == 1_796_000_001.5 && record.duration == 6.25)
        #expect(record.outcome == .ended(.exited(0), stopped: false))
        #expect(record.statsJSON == (try Fixture.text("stats-after-build2-warm.json")))
        #expect(record.compiles == state.crates.parser.results && !record.compiles.isEmpty)
        #expect(record.logWarnings == 1 && record.logErrors == 0)
        #expect(record.disk?.directories.count == 3)
        // Codable: a record survives a round trip (the history stores it so).
        let data = try JSONEncoder().encode(record)
        #expect(try JSONDecoder().decode(RunRecord.self, from: data) == record)
        // The engine is its name, as records and recordings always wrote it; one another version wrote reads back.
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["engine"] as? String == "docker")
        var other = object
        other["engine"] = "dist"
        let read = try JSONDecoder().decode(RunRecord.self, from: JSONSerialization.data(withJSONObject: other))
        #expect(read.engine == EngineKind("dist") && read.engine != .docker && "\(read.engine)" == "dist")
        // A failed start is a record too.
        _ = state.update(.startFailed(.dockerNotFound, now: 20))
        #expect(state.lastRecord?.outcome == .failedToStart(StartFailure.dockerNotFound.message))
    }

    @Test("Warnings are typed facts, worded by Core: each kind reads back as written, one an older cachewatch worded too")
    func warnings() throws {
        var record = try #require(try Self.finishedRun().lastRecord)
        let all: [RunWarning] = [
            .writesFailed(21, cause: .logged("no space left on device")), .writesFailed(1, cause: .diskFull(free: 4096)),
            .writesFailed(3, cause: .unknown), .readsFailed(1, cause: "permission denied"), .readsFailed(2, cause: nil),
            .lookupsTimedOut(1), .untestedSccache(version: "0.7.7"), .unplacedResults(2, version: "0.14.0"),
            .compilesWithoutResult(1, version: nil), .worded("an older warning"),
        ]
        #expect(
            all.map(\.message) == [
                "21 cache writes failed: no space left on device",
                "1 cache write failed: the disk holding the cache is full (4.0 KiB free)",
                "3 cache writes failed (sccache's log gave no cause)",
                "1 cache read failed: permission denied (compiled instead)", "2 cache reads failed (compiled instead)",
                "1 cache lookup timed out (compiled instead)",
                "sccache 0.7.7 is older than any cachewatch is tested with (0.8 to 0.16): the crate table and \"why\" may be "
                    + "incomplete",
                "2 of sccache's result lines fit no compile of the crate table: its log (sccache 0.14.0) was not read as expected",
                "1 compile has no result in sccache's log although the build succeeded: its log (this sccache) was not read "
                    + "as expected",
                "an older warning",
            ])
        record.warnings = all
        let data = try JSONEncoder().encode(record)
        #expect(try JSONDecoder().decode(RunRecord.self, from: data).warnings == all)
        // The history's records keep the field's first name; one written when warnings were words reads back.
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["warnings"] == nil && object["cacheWarnings"] != nil)
        object["cacheWarnings"] = ["21 cache writes failed: no space left on device"]
        let old = try JSONDecoder().decode(RunRecord.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(old.warnings == [.worded("21 cache writes failed: no space left on device")])
        // The report says them in words.
        #expect(try JSONValue.parse(RunReport.json(record))["warnings"] == .array(all.map { .string($0.message) }))
    }

    @Test("The report: a golden file; valid JSON; the fields of the first report keep their names")
    func report() throws {
        let record = try #require(try Self.finishedRun().lastRecord)
        let json = RunReport.json(record)
        Golden.check(json, name: "report.json", directory: Golden.directory("Golden", besides: #filePath))
        #expect(try JSONValue.parse(json)["cache"]?["summary"] == .string("local disk → redis (redis://:****@cache:6379)"))
        #expect(!json.contains("hunter2"), "the backend's password is masked in the report")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        for key in ["engine", "command", "exit_status", "duration_seconds", "sccache", "disk", "warnings", "image", "container"] {
            #expect(object[key] != nil, "\(key) kept")
        }
        #expect((object["schema"] as? NSNumber)?.intValue == RunReport.schema)
        #expect((object["compiles"] as? [[String: Any]])?.count == record.compiles.count)
    }

    @Test("The headless summary: a golden file")
    func summary() throws {
        let record = try #require(try Self.finishedRun().lastRecord)
        let summary = SummaryText(record: record, report: .written("/tmp/report.json"))
        Golden.check(
            (summary.lines + summary.problems.map { "stderr: " + $0 }).joined(separator: "\n") + "\n", name: "summary.txt",
            directory: Golden.directory("Golden", besides: #filePath))
        let failed = SummaryText(
            record: RunRecord(
                id: RunID("r"), engine: .native, project: "/p", command: ["cargo"], startedAt: 0, duration: 0,
                outcome: .failedToStart("cargo: command not found on PATH"), logFile: "/l.log"),
            logFileProblem: "No space left on device", report: .failed("could not write the report: /r.json: No space"))
        #expect(!failed.lines.contains { $0.contains("report written") || $0.contains("full log in") })
        #expect(failed.problems.count == 2)
    }

    @Test("The CI job summary: a golden file; hostile names escaped; the comparison and the causes when known")
    func jobSummary() throws {
        var record = try #require(try Self.finishedRun().lastRecord)
        // A crate and a command that would break a table or a code span, and a password in an argument.
        record.command = ["sh", "-c", "cargo build | tee `log` --token=hunter2"]
        record.compiles[0].name = "evil|crate_*name*"
        record.compiles[0].outcome = .miss
        record.compiles[0].cause = MissCause(.source, "src/a|b.rs", hint: "an edit")
        var before = record
        before.duration = 9.5
        before.compiles = [CrateResult(name: "evil|crate_*name*", outcome: .hit, seconds: nil, sequence: 0)]
        let markdown = JobSummary.markdown(record, previous: before, cacheLimit: 5 << 30)
        Golden.check(markdown, name: "job-summary.md", directory: Golden.directory("Golden", besides: #filePath))
        #expect(!markdown.contains("hunter2"))
        #expect(markdown.contains("``sh -c 'cargo build \\| tee `log` --token=****'``"), "\(markdown)")
        #expect(markdown.contains("Hit then, miss now: `evil\\|crate_*name*`"))
        #expect(markdown.contains("| 1 | source changed | – | an edit |"))
        // Every table row has as many cells as its header (escaped bars are no cell borders).
        var columns: Int?
        var tables = 0
        for line in markdown.components(separatedBy: "\n") {
            guard line.hasPrefix("|") else {
                columns = nil
                continue
            }
            let cells = line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count - 1
            if let columns {
                #expect(cells == columns, "\(line)")
            } else {
                columns = cells
                tables += 1
            }
        }
        #expect(tables == 5, "sccache, cache, reasons, why, disk")
        // A run that could not start: the reason, no tables.
        let failed = RunRecord(
            id: RunID("r"), engine: .docker, project: "/p", command: ["cargo"], startedAt: 0, duration: 0,
            outcome: .failedToStart("docker not found on PATH"))
        let short = JobSummary.markdown(failed, previous: nil, cacheLimit: nil)
        #expect(short.hasPrefix("### ❌ cachewatch: build failed to start"))
        #expect(short.contains("> docker not found on PATH") && !short.contains("| "))
    }

    @Test(
        "The verdict, worded alike in the status bar, the summary and the history",
        arguments: [
            (RunOutcome.ended(.exited(0), stopped: false), "succeeded in 6.3 s"),
            (.ended(.exited(101), stopped: false), "failed with exit 101 after 6.3 s"),
            (.ended(.signaled(11), stopped: false), "killed by signal 11 after 6.3 s"),
            (.ended(.signaled(15), stopped: true), "stopped after 6.3 s"),
            (.failedToStart("x"), "failed to start"),
        ])
    func verdict(outcome: RunOutcome, text: String) {
        #expect(RunVerdict.text(outcome, duration: 6.25) == text)
        let phase = BuildOutcome(
            status: { if case .ended(let s, _) = outcome { return s } else { return .exited(127) } }(), duration: 6.25,
            stopped: { if case .ended(_, let stopped) = outcome { return stopped } else { return false } }(),
            failure: { if case .failedToStart(let why) = outcome { return why } else { return nil } }())
        #expect(StatusBarView.phaseSegment(phase, bullet: "●").text.contains(text))
    }
}

@Suite("The job summary's Markdown escapes by Unicode scalar, as Markdown reads it")
struct JobSummaryEscapingTests {
    @Test("A \\r\\n in a command cannot break a code span open (a Swift Character holds it whole)")
    func lineBreaks() {
        let span = JobSummary.code("cargo build\r\n\n## injected `x`\r\n| a |")
        #expect(!span.unicodeScalars.contains { $0 == "\r" || $0 == "\n" }, "\(span.debugDescription)")
        #expect(span == "``cargo build   ## injected `x`  \\| a \\|``")
        #expect(!JobSummary.text("a\r\nb").unicodeScalars.contains { $0 == "\r" || $0 == "\n" })
    }

    @Test("A backtick with a combining mark still counts toward the fence, and still gets escaped in text")
    func combiningMarks() {
        let span = JobSummary.code("a``\u{301}b")
        #expect(span.hasPrefix("```") && span.hasSuffix("```"), "\(span)")
        #expect(JobSummary.text("`\u{301}*\u{301}") == "\\`\u{301}\\*\u{301}")
        #expect(Array(JobSummary.code("`\u{301}x").unicodeScalars.prefix(4)) == Array("`` `".unicodeScalars))
    }
}
