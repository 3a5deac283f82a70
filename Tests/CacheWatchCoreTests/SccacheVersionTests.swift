import Testing

@testable import CacheWatchCore

/// What each sccache version real images ship writes, for the same three builds of Tests/Workspaces/versions
/// (captured by scripts/sccache-fixtures): every view reads each one's log and stats right.
@Suite("sccache 0.8 to 0.16: the logs and stats each version writes")
struct SccacheVersionTests {
    /// The versions tested, with what their logs lack.
    struct Version: Sendable, CustomStringConvertible {
        let name: String
        /// Its log's times carry milliseconds (`SCCACHE_LOG_MILLIS`).
        let milliseconds: Bool
        var description: String { name }
    }

    static let versions = [
        Version(name: "0.16.0", milliseconds: true), Version(name: "0.15.0", milliseconds: true),
        Version(name: "0.14.0", milliseconds: true), Version(name: "0.10.0", milliseconds: false),
        Version(name: "0.8.2", milliseconds: false),
    ]
    static let builds = ["cold", "warm", "edit"]

    static func capture(_ version: Version, _ build: String) throws -> (log: [String], json: SccacheStats, text: String) {
        let directory = "versions/\(version.name)/\(build)"
        let log = try Fixture.text(directory + ".log").split(separator: "\n").map(String.init)
        return (log, try SccacheJSONParser.parse(try Fixture.text(directory + ".json")), try Fixture.text(directory + ".txt"))
    }

    static func parse(_ log: [String]) -> CrateLogParser {
        var parser = CrateLogParser()
        parser.feed(log)
        return parser
    }

    @Test("The crate table counts what sccache counted, every compile with its result", arguments: versions)
    func table(_ version: Version) throws {
        for build in Self.builds {
            let (log, stats, _) = try Self.capture(version, build)
            let parser = Self.parse(log)
            let s = parser.summary
            #expect(s.hits == stats.hits.count(of: "Rust"), "\(version) \(build): hits")
            #expect(s.misses == stats.misses.count(of: "Rust"), "\(version) \(build): misses")
            #expect(s.errors == stats.cacheErrors.count(of: "Rust"), "\(version) \(build): cache errors")
            let failed = parser.results.filter { $0.outcome == .other("compile failed") }
            #expect(failed.count == stats.compileFailures, "\(version) \(build): compile failures")
            #expect(parser.unfinished == 0 && parser.unplaced == 0, "\(version) \(build): every result placed")
            #expect(!parser.results.contains { $0.outcome == .pending }, "\(version) \(build): \(parser.results)")
            // The compiles sccache cannot cache: the build script and the proc-macro (cargo asks for it twice), not
            // cargo's probes.
            let notCacheable = parser.results.filter { if case .notCacheable = $0.outcome { true } else { false } }
            #expect(
                notCacheable.map(\.name).sorted() == ["shout", "shout (2)", "top (build script)"],
                "\(version) \(build): \(notCacheable)")
            // The header's "3 not cacheable + 3 without a crate" adds up to the stats panel's "Not cacheable 6".
            #expect(
                s.notCacheable + parser.withoutCrate == stats.requestsNotCacheable,
                "\(version) \(build): \(s.notCacheable) + \(parser.withoutCrate) probes against sccache's count")
            #expect(parser.results.first { $0.name == "top_probe" }?.outcome == .other("compile failed"))
            let probe = try #require(parser.results.first { $0.name == "top_module_probe" })
            #expect(probe.outcome == .error)
            #expect(probe.errorText?.hasPrefix("process error: ") == true, "\(version): why names the failed probe")
        }
    }

    @Test("Each row's result, read time and key: the edit missed mid and top, base hit", arguments: versions)
    func edit(_ version: Version) throws {
        let parser = Self.parse(try Self.capture(version, "edit").log)
        let row = { (name: String) in parser.results.first { $0.name == name } }
        #expect(row("base")?.outcome == .hit && row("base")?.seconds != nil)
        #expect(row("mid")?.outcome == .miss && row("top")?.outcome == .miss)
        #expect((row("mid")?.seconds ?? 0) > 0, "a miss's compile time, from `Compiled in`")
        for name in ["base", "mid", "top"] {
            let compile = try #require(row(name))
            #expect(compile.hashKey?.count == 64, "\(version): \(name)'s key")
            let (start, end) = (try #require(compile.started), try #require(compile.ended))
            #expect(end >= start)
        }
        let warm = Self.parse(try Self.capture(version, "warm").log)
        #expect(warm.results.filter { $0.outcome == .hit }.map(\.name).sorted() == ["base", "mid", "top"])
        // The same inputs give the same key in every build.
        let cold = Self.parse(try Self.capture(version, "cold").log)
        #expect(cold.results.first { $0.name == "base" }?.hashKey == row("base")?.hashKey)
    }

    @Test("The final stats, as JSON and as text, agree on every version", arguments: versions)
    func stats(_ version: Version) throws {
        for build in Self.builds {
            let (_, json, text) = try Self.capture(version, build)
            let parsed = try #require(SccacheTextParser.parse(text))
            #expect(json.version == version.name && parsed.version == version.name)
            #expect(parsed.hits.total == json.hits.total && parsed.misses.total == json.misses.total)
            #expect(parsed.cacheErrors.total == json.cacheErrors.total)
            #expect(parsed.compileFailures == json.compileFailures)
            #expect(parsed.requestsNotCacheable == json.requestsNotCacheable)
        }
    }

    @Test("Whole-second log times are told from millisecond ones", arguments: versions)
    func times(_ version: Version) throws {
        let parser = Self.parse(try Self.capture(version, "cold").log)
        #expect(CompileTimes.wholeSeconds(parser.results) == !version.milliseconds, "\(version)")
    }

    /// A dashboard's run of one capture: the build, its stats, its server log, its end.
    static func run(_ log: [String], stats: SccacheStats, succeeded: Bool = true) -> AppState {
        var state = AppState(
            session: SessionInfo(engine: .native, project: "/p", command: "cargo build", details: []), cacheLimit: 5 << 30)
        _ = state.update(.resize(width: 120, height: 35))
        _ = state.update(.buildStarted(now: 0))
        _ = state.update(.serverLog(log))
        _ = state.update(.stats(stats, final: true))
        _ = state.update(.buildEnded(.exited(succeeded ? 0 : 101), now: 5, stopped: false))
        return state
    }

    @Test("A run's record on each version: every compile with its result, no warning", arguments: versions)
    func record(_ version: Version) throws {
        let (log, stats, _) = try Self.capture(version, "warm")
        let record = try #require(Self.run(log, stats: stats).lastRecord)
        #expect(record.warnings == [], "\(version)")
        #expect(!record.compiles.contains { $0.outcome == .interrupted }, "\(version): \(record.compiles)")
        #expect(record.compiles.filter { $0.outcome == .hit }.count == 3)
        let report = RunReport.json(record)
        #expect(try JSONValue.parse(report)["warnings"] == .array([]))
        // The trace says when its times are whole seconds.
        let trace = TraceExport.json(record)
        #expect(
            trace.contains("times to the second: sccache \(SccacheVersion.short(version.name)) logs no milliseconds")
                == !version.milliseconds, "\(version)")
    }

    @Test("The timeline says when its times are whole seconds, and only then", arguments: versions)
    func timelineNote(_ version: Version) throws {
        let (log, stats, _) = try Self.capture(version, "cold")
        var state = Self.run(log, stats: stats)
        _ = state.update(.key(.character("t")))
        for width in [120, 200] {
            _ = state.update(.resize(width: width, height: 35))
            var screen = Screen(width: state.width, height: state.height)
            DashboardView.render(state, into: &screen)
            #expect(screen.textDump.contains("times to the second") == !version.milliseconds, "\(version) at \(width)")
            if width == 200 && !version.milliseconds {
                let short = SccacheVersion.short(version.name)
                #expect(screen.textDump.contains("times to the second: sccache \(short) logs no milliseconds"))
            }
        }
    }

    @Test("A log that is not read as expected is said once, on screen, in the summary and the report")
    func unreadLog() throws {
        // 0.14's warm build, its lookups in a shape no version writes: its hits cannot be placed.
        let (log, stats, _) = try Self.capture(Self.versions[2], "warm")
        let changed = log.map { $0.replacingOccurrences(of: "]: Cache hit in ", with: "]: Cache found in ") }
        let state = Self.run(changed, stats: stats)
        let record = try #require(state.lastRecord)
        let expected = [
            "3 of sccache's result lines fit no compile of the crate table: its log (sccache 0.14.0) was not read as expected",
            "3 compiles have no result in sccache's log although the build succeeded: its log (sccache 0.14.0) was not "
                + "read as expected",
        ]
        #expect(record.warnings.map(\.message) == expected)
        #expect(RunReport.json(record).contains(JSONText.string(expected[0])))
        #expect(SummaryText(record: record).lines.contains("warning: " + expected[1]))
        #expect(StatsView.warnings(state, since: state.stats.stats.flatMap { state.sinceLast(stats: $0) }) == expected)
        // A failed build may leave compiles without a result: only the unplaced lines are said then.
        let failed = try #require(Self.run(changed, stats: stats, succeeded: false).lastRecord)
        #expect(failed.warnings.map(\.message) == [expected[0]])
    }

    @Test("An sccache older than any tested is named in a warning")
    func untested() throws {
        let capture = try Self.capture(Self.versions[4], "warm")
        var stats = capture.json
        stats.version = "0.7.7"
        let record = try #require(Self.run(capture.log, stats: stats).lastRecord)
        #expect(
            record.warnings.map(\.message) == [
                "sccache 0.7.7 is older than any cachewatch is tested with (0.8 to 0.16): the crate table and \"why\" "
                    + "may be incomplete"
            ])
    }
}
