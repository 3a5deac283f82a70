import CacheWatchTestSupport
import Foundation
import Testing

@testable import CacheWatchCore

/// A run on a build farm, told everywhere a run is told: the report, `history show` and `diff`, the job summary and
/// the trace, from a real two-server client log and sccache's final numbers.
@Suite("A farm run in the report, the history, the job summary and the trace")
struct FarmRecordTests {
    /// The dashboard's record of a cold build on a two-server farm (the scheduler listed 2 servers and 4 CPUs).
    static func record() throws -> RunRecord {
        var s = DistTests.farmState()
        _ = s.update(.buildStarted(now: 1))
        _ = s.update(
            .farmSampled(
                FarmSample(
                    status: .connected(scheduler: "http://127.0.0.1:10600", farm: FarmLoad(servers: 2, cpus: 4, inProgress: 1)))))
        _ = s.update(
            .serverLog(try Fixture.text("dist/client-debug-dist2-2servers.log").split(separator: "\n").map(String.init)))
        _ = s.update(.buildExited(.exited(0), now: 20, stopped: false))
        let json = try Fixture.text("dist/show-stats-after-dist2-2servers.json")
        _ = s.update(.runFinished(RunFinal(asked: RunFinal.Reading(json: json, stats: try SccacheJSONParser.parse(json)))))
        return try #require(s.lastRecord)
    }

    @Test("The report's dist: the scheduler, its state, each server's compiles; each compile's server; schema 6")
    func report() throws {
        let record = try Self.record()
        let farm = try #require(record.farm)
        #expect(farm.state == .connected && farm.serversListed == 2 && farm.cpus == 4)
        #expect(farm.compiles == ["127.0.0.1:10501": 3, "127.0.0.1:10502": 1] && farm.fallbacks == 0)
        let text = RunReport.json(record)
        let schema = try JSONSchemaTests.schema("report-6")
        let problems = schema.problems(try JSONValue.parse(text))
        #expect(problems.isEmpty, "\(problems)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let dist = try #require(report["dist"] as? [String: Any])
        #expect(dist["scheduler"] as? String == "http://127.0.0.1:10600" && dist["state"] as? String == "connected")
        #expect(dist["compiles"] as? [String: Int] == ["127.0.0.1:10501": 3, "127.0.0.1:10502": 1])
        let compiles = try #require(report["compiles"] as? [[String: Any]])
        let delta = try #require(compiles.first { $0["crate"] as? String == "delta" })
        #expect(delta["dist"] as? String == "127.0.0.1:10502")
        #expect(!compiles.contains { $0["crate"] as? String == "app" && $0["dist"] != nil }, "a link runs here")
        // Without a farm there is no dist at all.
        var plain = record
        plain.farm = nil
        plain.compiles = plain.compiles.map {
            var c = $0; c.farm = nil; return c
        }
        #expect(!RunReport.json(plain).contains("\"dist\""))
    }

    @Test("history show: a Build farm line, each server's share, and where each compile ran")
    func show() throws {
        let record = try Self.record()
        let text = RunText.plain(RunText.lines(.run(record, before: nil), utcOffset: 0))
        #expect(text.contains("Build farm http://127.0.0.1:10600 · connected · 2 servers, 4 CPUs · 4 compiled there"), "\(text)")
        #expect(text.contains("             127.0.0.1:10501: 3 compiled there"), "\(text)")
        #expect(text.contains("Ran on"))
        let delta = try #require(text.split(separator: "\n").first { $0.hasPrefix("  delta ") })
        #expect(delta.contains("127.0.0.1:10502"), "\(delta)")
    }

    @Test("history diff: a server that vanished between two runs, and the fallbacks that came instead")
    func diff() throws {
        let a = try Self.record()
        var b = a
        b.farm?.compiles = ["127.0.0.1:10501": 2]
        b.farm?.fallbacks = 2
        b.farm?.fallbackReasons = ["connection refused": 2]
        let text = RunText.plain(RunText.lines(.diff(a, b), utcOffset: 0))
        let gone = try #require(text.split(separator: "\n").first { $0.contains("127.0.0.1:10502") }, "\(text)")
        #expect(gone.contains("gone in B"), "\(gone)")
        #expect(text.contains("B: 2 fell back to this machine (connection refused ×2)"), "\(text)")
        #expect(!RunText.plain(RunText.lines(.diff(a, a), utcOffset: 0)).contains("gone in B"))
    }

    @Test("The job summary's farm table; the trace's tracks per server, before this machine's")
    func summaryAndTrace() throws {
        var record = try Self.record()
        record.farm?.fallbacks = 1
        record.farm?.fallbackReasons = ["no capacity": 1]
        let markdown = JobSummary.markdown(record, previous: nil, cacheLimit: nil)
        #expect(
            markdown.contains("**Build farm** `http://127.0.0.1:10600` · connected · 2 servers listed, 4 CPUs"), "\(markdown)")
        #expect(markdown.contains("| `127.0.0.1:10501` | 3 |") && markdown.contains("| **On the farm** | **4** |"))
        #expect(markdown.contains("| ⚠️ Fell back to this machine | 1 (no capacity ×1) |"), "\(markdown)")

        let trace = TraceExport.json(record)
        #expect(try JSONSchemaTests.schema("trace-1").problems(try JSONValue.parse(trace)).isEmpty)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(trace.utf8)) as? [String: Any])
        let events = try #require(document["traceEvents"] as? [[String: Any]])
        let names = events.filter { $0["name"] as? String == "thread_name" }.compactMap {
            ($0["args"] as? [String: Any])?["name"] as? String
        }
        #expect(names.first?.hasPrefix("127.0.0.1:10501 · slot 1") == true, "\(names)")
        #expect(names.contains("127.0.0.1:10502 · slot 1") && names.last?.hasPrefix("this machine · slot") == true, "\(names)")
        let delta = try #require(events.first { $0["name"] as? String == "delta" })
        #expect((delta["args"] as? [String: Any])?["dist"] as? String == "127.0.0.1:10502")
        let server2 = try #require(
            events.first { ($0["args"] as? [String: Any])?["name"] as? String == "127.0.0.1:10502 · slot 1" })
        #expect(delta["tid"] as? Int == server2["tid"] as? Int, "delta is on its server's track")
    }
}

extension FarmRecordTests {
    @Test("The headless summary names the farm, each server's share, and a client that was not connected")
    func headless() throws {
        var record = try Self.record()
        let lines = SummaryText(record: record).lines
        #expect(
            lines.contains(
                "dist: http://127.0.0.1:10600 · connected · 2 servers, 4 CPUs · 4 compiled there (127.0.0.1:10501 3, 127.0.0.1:10502 1)"
            ), "\(lines)")
        record.farm?.state = .notConnected
        record.farm?.reason = "enabled, not connected, will retry in 30.0s"
        record.farm?.compiles = [:]
        // As the dashboard's record carries it (`makeRecord`): the client's state among the run's warnings.
        record.warnings.append(
            .farm(.notConnected(scheduler: "http://127.0.0.1:10600", reason: "enabled, not connected, will retry in 30.0s")))
        let down = SummaryText(record: record).lines
        #expect(down.contains { $0.hasPrefix("dist: http://127.0.0.1:10600 · not connected (enabled, not connected") }, "\(down)")
        let warned = down.filter { $0.hasPrefix("warning: the build farm is not connected: every compile runs on this machine") }
        #expect(warned.count == 1, "said once: \(down)")
    }
}
