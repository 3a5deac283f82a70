import CacheWatchTestSupport
import Foundation
import Testing

@testable import CacheWatchCore

/// Headless output is a view of the event stream: the same events through `AppState` and `HeadlessView`, the
/// printed lines golden-tested.
@Suite struct HeadlessViewTests {
    /// A headless session's events: a banner and a warning, cargo's log with a progress bar redrawn by `\r` (and erased, as cargo
    /// does, before the next line) and a
    /// last line without its newline, an info notice (not printed) and a warning one, sccache's final numbers and
    /// report, the end, the run kept.
    private static func session(chunked: Bool) throws -> [HeadlessView.Line] {
        var state = AppState(
            session: SessionInfo(
                engine: .native, project: "~/src/demo", command: "cargo build", projectPath: "/home/me/src/demo",
                argv: ["cargo", "build"]),
            cacheLimit: 5 << 30, scrollback: 1000, echo: true)
        var printed = HeadlessView.opening(
            banner: ["cachewatch: native engine, sccache 0.16.0"],
            warnings: ["cachewatch: warning: CARGO_INCREMENTAL=1 in the environment: sccache cannot cache incremental builds"])
        let log = Array(
            ("   Compiling serde v1.0.200\r\n    Building [=>      ] 1/3: serde\r    Building [====>   ] 2/3: demo\r\u{1B}[K"
                + "\u{1B}[1m\u{1B}[32m   Compiling\u{1B}[0m demo v0.1.0\r\nwarning: unused variable: `x`\r\n    Finished dev")
                .utf8)
        let output: [Event] =
            chunked ? log.map { .output([$0]) } : [.output(Array(log[..<40])), .output(Array(log[40...]))]
        let json = try Fixture.text("stats-after-build2-warm.json")
        let events: [Event] =
            [
                .appStarted(wallClock: 1_796_000_000, now: 10),
                .buildStarted(
                    now: 11, run: RunStart(id: RunID("20261129-071450-native-run1-4242-x7k2"), wallClock: 1_796_000_001)),
            ] + output + [
                .notice(Notice("Statistics zeroed", ttl: 4)),
                .notice(Notice("The log file is incomplete: no space left on device", level: .warning)),
                .buildExited(.exited(0), now: 17.25, stopped: false),
                .runFinished(
                    RunFinal(
                        asked: RunFinal.Reading(json: json, stats: try SccacheJSONParser.parse(json)),
                        askedReport: "Compile requests                     26\nCache hits                           13")),
            ]
        for event in events {
            _ = state.update(event)
            printed += HeadlessView.lines(for: event, echoed: state.takeEchoed())
        }
        var record = try #require(state.lastRecord)
        _ = state.update(.runKept(record))
        record = try #require(state.lastRecord)
        printed += HeadlessView.summary(state, record: record, inHistory: true)
        printed.append(HeadlessView.jobSummaryWritten(to: "/tmp/summary.md", failure: nil))
        printed.append(HeadlessView.jobSummaryWritten(to: "/tmp/summary.md", failure: "Permission denied"))
        return printed
    }

    private static func text(_ lines: [HeadlessView.Line]) -> String {
        lines.map { ($0.stream == .log ? "out| " : "err| ") + $0.text }.joined(separator: "\n") + "\n"
    }

    @Test("A headless session's output: a golden file")
    func golden() throws {
        let lines = try Self.session(chunked: false)
        Golden.check(Self.text(lines), name: "headless.txt", directory: Golden.directory("Golden", besides: #filePath))
        #expect(!lines.contains { $0.text.contains("Statistics zeroed") }, "an info notice is not printed")
        #expect(!lines.contains { $0.text.contains("\u{1B}") }, "no escape sequence reaches the output")
    }

    @Test("The same bytes a byte at a time print the same lines")
    func chunking() throws {
        #expect(try Self.session(chunked: true) == Self.session(chunked: false))
    }

    @Test("A start that failed, and one stopped while it was prepared, print one problem each")
    func failedStarts() {
        #expect(
            HeadlessView.lines(for: .startFailed(.serverSilent(port: 4300, seconds: 15), now: 1), echoed: [])
                == [
                    HeadlessView.Line(
                        stream: .problem, text: "cachewatch: error: sccache's server did not answer on port 4300 within 15 s")
                ])
        #expect(
            HeadlessView.lines(for: .buildFailedToStart("docker not found", now: 1), echoed: [])
                == [HeadlessView.Line(stream: .problem, text: "cachewatch: error: docker not found")])
        #expect(
            HeadlessView.lines(
                for: .buildStoppedBeforeStart(now: 1, run: RunStart(id: RunID("r"), wallClock: 1)), echoed: [])
                == [HeadlessView.Line(stream: .problem, text: "cachewatch: stopped before the build started")])
    }

    @Test("The log is parsed once: the pane echoes each finished line, its unfinished last one when the run ends")
    func echoedOnce() {
        let info = SessionInfo(engine: .native, project: "p", command: "cargo build", projectPath: "/p", argv: ["cargo"])
        var quiet = AppState(session: info, cacheLimit: nil, scrollback: 10)
        var echoing = AppState(session: info, cacheLimit: nil, scrollback: 10, echo: true)
        let start = Event.buildStarted(now: 1, run: RunStart(id: RunID("r"), wallClock: 1))
        _ = quiet.update(start)
        _ = echoing.update(start)
        _ = quiet.update(.output(Array("one\r\ntwo".utf8)))
        _ = echoing.update(.output(Array("one\r\ntwo".utf8)))
        #expect(quiet.takeEchoed().isEmpty, "the dashboard's state keeps no echo")
        #expect(echoing.takeEchoed().map(\.text) == ["one"])
        #expect(echoing.takeEchoed().isEmpty, "a line is handed over once")
        _ = echoing.update(.buildExited(.exited(0), now: 2, stopped: false))
        #expect(echoing.takeEchoed().isEmpty, "the last line waits for the run's end")
        _ = echoing.update(.runFinished(RunFinal()))
        #expect(echoing.takeEchoed().map(\.text) == ["two"])
        _ = quiet.update(.buildExited(.exited(0), now: 2, stopped: false))
        _ = quiet.update(.runFinished(RunFinal()))
        #expect(quiet.takeEchoed().isEmpty)
        let lines = { (state: AppState) in (0..<state.log.buffer.count).map { state.log.buffer[$0].text } }
        #expect(lines(echoing) == lines(quiet), "echoing changes nothing in the pane")
        #expect(lines(echoing).contains("two"))
    }
}
