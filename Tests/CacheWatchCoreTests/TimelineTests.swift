import Foundation
import Testing

@testable import CacheWatchCore

@Suite("The compile timeline and the trace export")
struct TimelineTests {
    @Test("sccache's log times: whole seconds, milliseconds (SCCACHE_LOG_MILLIS), nothing else")
    func timestamps() {
        #expect(Timestamp.parse("1970-01-01T00:00:00Z") == 0)
        #expect(Timestamp.parse("2026-11-24T23:26:53Z") == 1_795_562_813)
        #expect(Timestamp.parse("2026-11-24T23:26:53.236Z") == 1_795_562_813.236)
        #expect(Timestamp.parse("2024-02-29T12:00:00Z").map(Timestamp.iso8601) == "2024-02-29T12:00:00Z")
        for bad in ["", "2026-11-24 23:26:53Z", "2026-13-24T23:26:53Z", "2026-11-24T23:26:53", "2026-11-24T2x:26:53Z"] {
            #expect(Timestamp.parse(bad) == nil, "\(bad)")
        }
    }

    static let lines = [
        "[2026-11-24T23:31:57.100Z DEBUG sccache::compiler::compiler] [util_lib]: get_cached_or_compile: [\"--crate-name\", \"util_lib\", \"--crate-type\", \"lib\"]",
        "[2026-11-24T23:31:57.150Z DEBUG sccache::compiler::compiler] [serde]: get_cached_or_compile: [\"--crate-name\", \"serde\", \"--crate-type\", \"lib\"]",
        "[2026-11-24T23:31:57.160Z DEBUG sccache::compiler::compiler] [serde]: Cache hit in 0.002 s",
        "[2026-11-24T23:31:57.170Z DEBUG sccache::server] [serde]: compile result: cache hit",
        "[2026-11-24T23:31:57.200Z DEBUG sccache::server] parse_arguments: CannotCache(crate-type, bin): [\"--crate-name\", \"app\", \"--crate-type\", \"bin\"]",
        "[2026-11-24T23:31:58.000Z DEBUG sccache::compiler::compiler] [util_lib]: Compiled in 0.850 s",
        "[2026-11-24T23:31:59.100Z DEBUG sccache::server] [util_lib]: compile result: cache miss",
    ]

    @Test("Each compile's start and end come from the log: the request, the result; a non-cacheable one is an instant")
    func parsedTimes() throws {
        var parser = CrateLogParser()
        parser.feed(Self.lines)
        let byName = Dictionary(uniqueKeysWithValues: parser.results.map { ($0.name, $0) })
        let util = try #require(byName["util_lib"])
        #expect(util.started == 1_795_563_117.1 && util.ended == 1_795_563_119.1 && util.outcome == .miss)
        let serde = try #require(byName["serde"])
        #expect(serde.started == 1_795_563_117.15 && serde.ended == 1_795_563_117.17)
        let app = try #require(byName["app"])
        #expect(app.started == 1_795_563_117.2 && app.ended == app.started)
        // Whole-second logs (an older sccache) still give times, to the second.
        var coarse = CrateLogParser()
        coarse.feed(Self.lines.map { $0.replacingOccurrences(of: #"\.\d\d\dZ"#, with: "Z", options: .regularExpression) })
        #expect(coarse.results.first?.started == 1_795_563_117)
    }

    private func state(width: Int = 140, height: Int = 36, running: Bool) -> AppState {
        var s = AppState(session: SessionInfo(engine: .native, project: "p", command: "c"), cacheLimit: nil)
        _ = s.update(.resize(width: width, height: height))
        _ = s.update(.buildStarted(now: 100, run: RunStart(id: RunID("r"), wallClock: 1_795_563_117)))
        _ = s.update(.serverLog(running ? Array(Self.lines.prefix(5)) : Self.lines))
        if running {
            _ = s.update(.tick(now: 101.5))
        } else {
            _ = s.update(.buildEnded(.exited(0), now: 102.5, stopped: false))
        }
        _ = s.update(.key(.character("t")))
        return s
    }

    private func text(_ s: AppState) -> [String] {
        var screen = Screen(width: s.width, height: s.height)
        DashboardView.render(s, into: &screen)
        return screen.textDump.components(separatedBy: "\n")
    }

    @Test("t shows the crates pane as a timeline: an axis, a bar per compile in start order, a mark for a link step")
    func timelineView() throws {
        let finished = state(running: false)
        #expect(finished.crates.timeline)
        let lines = text(finished)
        let title = try #require(lines.first { $0.contains("· timeline (t)") })
        #expect(title.contains("Crates"))
        let axis = try #require(lines.first { $0.contains("0 s") && $0.contains("2.5 s") })
        #expect(axis.contains("crate"))
        let util = try #require(lines.first { $0.contains("util_lib") })
        let serde = try #require(lines.first { $0.contains("serde") && !$0.contains("Compiling") })
        let app = try #require(lines.first { $0.contains("app ") && $0.contains("·") })
        #expect(util.contains("█") && util.contains("2.0 s"), "util_lib ran 2 s: \(util)")
        #expect(serde.contains("█"))
        // util_lib's bar spans the time serde started at: the two ran in parallel.
        let serdeColumn = try #require(serde.firstIndex(of: "█")).utf16Offset(in: serde)
        let utilStart = try #require(util.firstIndex(of: "█")).utf16Offset(in: util)
        let utilEnd = try #require(util.lastIndex(of: "█")).utf16Offset(in: util)
        #expect(utilStart <= serdeColumn && serdeColumn <= utilEnd)
        #expect(!app.contains("█"))
        // While the build runs, a compile still going grows to now; t again shows the table.
        let running = text(state(running: true))
        let growing = try #require(running.first { $0.contains("util_lib") })
        #expect(growing.contains("█"))
        var back = finished
        _ = back.update(.key(.character("t")))
        #expect(text(back).contains { $0.contains("sort: order (o)") })
    }

    @Test("A trace: one complete event per timed compile, concurrent ones on separate slots, result and cause in args")
    func trace() throws {
        var parser = CrateLogParser()
        parser.feed(Self.lines)
        var compiles = parser.results
        compiles[0].cause = MissCause(.source, "util_lib/src/lib.rs")
        let record = RunRecord(
            id: RunID("r1"), engine: .native, project: "/p", command: ["cargo", "build", "--token=hunter2"],
            startedAt: 1_795_563_117, duration: 2.5, outcome: .ended(.exited(0), stopped: false), compiles: compiles)
        let json = TraceExport.json(record)
        #expect(!json.contains("hunter2"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let events = try #require(object["traceEvents"] as? [[String: Any]])
        let complete = events.filter { $0["ph"] as? String == "X" }
        #expect(complete.count == compiles.count)
        let util = try #require(complete.first { $0["name"] as? String == "util_lib" })
        #expect(util["ts"] as? Int == 100_000 && util["dur"] as? Int == 2_000_000)
        #expect((util["args"] as? [String: Any])?["cause"] as? String == "source changed")
        let serde = try #require(complete.first { $0["name"] as? String == "serde" })
        #expect(serde["tid"] as? Int != util["tid"] as? Int, "concurrent compiles on separate slots")
        let app = try #require(complete.first { $0["name"] as? String == "app" })
        #expect((app["args"] as? [String: Any])?["reason"] as? String == "crate-type" && app["dur"] as? Int == 0)
        #expect(app["tid"] as? Int == serde["tid"] as? Int, "a slot is free again once its compile ended")
        let names = events.filter { $0["ph"] as? String == "M" }.compactMap { ($0["args"] as? [String: Any])?["name"] as? String }
        #expect(names.contains("compile slot 1") && names.contains("compile slot 2"))
        #expect(object["displayTimeUnit"] as? String == "ms")
    }
}
