import Foundation
import Testing

@testable import CacheWatchCore

/// The event stream: every event is data, and a recording frames it exactly.
@Suite("Events are data")
struct EventStreamTests {
    static func everyEvent() throws -> [Event] {
        let stats = try SccacheJSONParser.parse(try Fixture.text("stats-after-build2-warm.json"))
        var record = RunRecord(
            id: RunID("r0"), engine: .native, project: "/p", command: ["cargo", "build"], startedAt: 1_796_000_000,
            duration: 4.5, outcome: .ended(.exited(0), stopped: false), stats: stats,
            compiles: [
                CrateResult(
                    name: "serde", outcome: .hit, seconds: 0.01, sequence: 0, kind: "lib", hashKey: "ab", argvDigest: "cd")
            ])
        record.samples = [StatsPoint(t: 1, requests: 2, hits: 1, misses: 1)]
        record.savedSeconds = 2
        return [
            .appStarted(wallClock: 1_796_000_000.25, now: 12.5), .banner("cachewatch: demo in the container x"),
            .key(.character("r")), .key(.control("c")), .key(.pageUp), .key(.function(5)), .key(.character(" ")),
            .viewerKey(.character("/")), .paste("line one\nline two"), .resize(width: 120, height: 35), .tick(now: 13),
            .buildStarted(
                now: 13.5,
                run: RunStart(
                    id: RunID("r1"), wallClock: 1_796_000_001,
                    facts: RunFacts(container: "c", imageDigest: "sha256:1", unwrapped: true))),
            .output([0x1B, 0x5B, 0x33, 0x31, 0x6D, 0xFF, 0x00, 0x0A]), .buildEnded(.signaled(11), now: 20, stopped: true),
            .buildExited(.exited(0), now: 19, stopped: false),
            .runFinished(
                RunFinal(
                    asked: RunFinal.Reading(json: "{\"stats\":{}}", stats: stats), askedReport: "Compile requests 3",
                    printed: RunFinal.Reading(json: "{", stats: nil), printedReport: "", lastSample: nil,
                    server: .serverSilent(seconds: 5))),
            .buildFailedToStart("docker not found", now: 1), .startFailed(.dockerNotFound, now: 1),
            .startFailed(.serverSilent(port: 4226, seconds: 15), now: 2, run: RunStart(id: RunID("r3"), wallClock: 9)),
            .startFailed(.imageUnavailable(image: "i", cause: "denied"), now: 3), .zeroed(.zeroed), .zeroed(.noBuild),
            .zeroed(.failed(cause: "refused")), .statsZeroed(failure: nil), .stats(stats, final: true, json: "{\"stats\":{}}"),
            .stats(SccacheStats(), final: false), .statsUnavailable(.noAnswer("connection refused")),
            .statsUnavailable(.stale(seconds: 12)),
            .statsUnavailable(.worded("sccache did not answer: an older recording")),
            .working(.pulling(image: "clux/muslrust:stable")), .working(.dockerDaemon), .working(.startingServer),
            .working(.checkingSetup), .working(.worded("preparing")), .working(nil),
            .diskScanned(DiskUsage(directories: [DirectoryUsage(name: "sccache", path: "/m/s", exists: true, free: 7)])),
            .serverLog(["[t DEBUG sccache::server] [a]: compile result: cache hit"]), .logFile("/l.log"),
            .logFileProblem("No space left on device"), .finalReport("Compile requests 3"), .report(.written("/r.json")),
            .report(.failed("x")), .report(.ready), .notice(Notice("hi", level: .warning, ttl: 3)),
            .replayPosition(ReplayPosition(at: 1, length: 2, speed: nil, paused: true)),
            .previousRun(record, averageCompile: 1.5), .previousRun(nil, averageCompile: nil),
            .historyLoaded(
                HistoryPage(
                    project: "/p", entries: [HistoryEntry(record: record)], totals: HistoryTotals(runs: 1, savedSeconds: 3),
                    note: "read-only", utcOffset: 3600)),
            .historyRuns(.run(record, before: nil)), .historyRuns(.diff(record, record)), .historyRuns(.why(record)),
            .runKept(record), .causesFound(RunID("r0"), [0: MissCause(.upstream, "a (source a.rs)", hint: "h", root: "a")]),
        ]
    }

    @Test("Every kind of event survives a JSON round trip")
    func codable() throws {
        let events = try Self.everyEvent()
        let decoded = try events.map { try JSONDecoder().decode(Event.self, from: try JSONEncoder().encode($0)) }
        #expect(decoded == events)
    }

    @Test("A problem or a wait worded by an older recording (a string) still reads, as it was worded")
    func wordedProblem() throws {
        let old = Data(#"{"statsUnavailable":{"_0":"sccache did not answer: refused"}}"#.utf8)
        let event = try JSONDecoder().decode(Event.self, from: old)
        #expect(event == .statsUnavailable(.worded("sccache did not answer: refused")))
        #expect(StatsProblem.stale(seconds: 12).message.hasPrefix("no stats from the container for 12 s"))
        // A run's facts were a string map: the same object reads as typed facts, and writes back the same.
        let map = #"{"compare":"with sccache","compare_group":"g","container":"c","image_digest":"sha256:1","wrapper":"none"}"#
        let facts = try JSONDecoder().decode(RunFacts.self, from: Data(map.utf8))
        #expect(
            facts
                == RunFacts(container: "c", imageDigest: "sha256:1", unwrapped: true, compare: "with sccache", compareGroup: "g"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(facts), as: UTF8.self) == map)
        let waited = Data(#"{"working":{"_0":"pulling clux/muslrust:stable"}}"#.utf8)
        #expect(try JSONDecoder().decode(Event.self, from: waited) == .working(.worded("pulling clux/muslrust:stable")))
    }

    @Test(
        "Keys have stable names that parse back",
        arguments: [
            Key.character("r"), .character("R"), .character("/"), .character(" "), .control("c"), .control("z"), .up,
            .pageDown, .home, .end, .enter, .escape, .tab, .backspace, .function(12), .wheelUp, .wheelDown,
        ])
    func keyNames(key: Key) {
        #expect(Key(name: key.name) == key, "\(key.name)")
    }

    @Test("Frames read back whole; a recording cut mid-frame reads up to its last whole frame")
    func frames() {
        let payloads: [[UInt8]] = [[1, 2, 3], [], Array(repeating: 7, count: 70_000)]
        var bytes: [UInt8] = []
        for (index, payload) in payloads.enumerated() {
            bytes += Recording.frame(kind: Recording.outputKind, time: Double(index) + 0.5, payload: payload)
        }
        let whole = bytes.withUnsafeBufferPointer { Recording.frames(in: $0, from: 0) }
        #expect(whole.frames.map(\.time) == [0.5, 1.5, 2.5])
        #expect(whole.frames.map { $0.payload.count } == [3, 0, 70_000])
        #expect(whole.end == bytes.count)
        let cut = Array(bytes.dropLast(10))
        let prefix = cut.withUnsafeBufferPointer { Recording.frames(in: $0, from: 0) }
        #expect(prefix.frames.count == 2, "the frame cut short is left out")
    }

    @Test("Replaying a session's events into a fresh state ends on the same screen as the live state")
    func replayFidelity() throws {
        var live = AppState(session: SessionInfo(engine: .native, project: "p", command: "c"), cacheLimit: 1 << 30)
        var events: [Event] = [.resize(width: 100, height: 30), .appStarted(wallClock: 0, now: 0)]
        events += try Self.everyEvent().filter {
            if case .appStarted = $0 { return false }
            if case .replayPosition = $0 { return false }
            return true
        }
        events += [.key(.character("w")), .key(.character("F")), .key(.tab), .key(.character("o")), .tick(now: 30)]
        for event in events { _ = live.update(event) }
        var replayed = AppState(session: SessionInfo(engine: .native, project: "p", command: "c"), cacheLimit: 1 << 30)
        for event in events { _ = replayed.update(try JSONDecoder().decode(Event.self, from: try JSONEncoder().encode(event))) }
        var a = Screen(width: 100, height: 30)
        var b = Screen(width: 100, height: 30)
        DashboardView.render(live, into: &a)
        DashboardView.render(replayed, into: &b)
        #expect(a == b)
    }
}
