import CacheWatchCore
import Foundation
import Testing

@testable import CacheWatchRunner

/// The compile timeline and the Chrome trace from real builds: times from the real sccache's log.
@Suite("The compile timeline and trace export on real builds", .serialized)
struct TimelineTraceTests {
    @Test("--trace writes every compile of the run as a complete event; history show --trace writes the same")
    func traceOfRealBuild() throws {
        guard Harness.require(["cargo", "sccache", "python3"]) else { return }
        let work = try Harness.temporaryDirectory("trace")
        let mount = Harness.demoMount
        let result = try Harness.cachewatch(
            [
                "--engine", "native", "--headless", "--fresh", "--project", Harness.demo, "--mount-root", mount, "--report",
                work + "/report.json", "--trace", work + "/build.trace.json",
            ], environment: Harness.demoEnvironment)
        #expect(result.status == 0, "\(result.stdout.suffix(2000))\n\(result.stderr)")
        let report = try Harness.json(atPath: work + "/report.json")
        let compiles = try #require(report["compiles"] as? [[String: Any]])
        #expect(compiles.count > 20)
        // A JSON validator's view of the file: an object whose traceEvents are the compiles, each placed in time.
        let check = """
            import json, sys
            trace = json.load(open(sys.argv[1]))
            events = trace["traceEvents"]
            complete = [e for e in events if e["ph"] == "X"]
            assert all(isinstance(e["ts"], int) and isinstance(e["dur"], int) and e["dur"] >= 0 for e in complete)
            assert all({"name", "cat", "pid", "tid", "args"} <= e.keys() and "result" in e["args"] for e in complete)
            slots = {e["tid"] for e in complete}
            names = {e["args"]["name"] for e in events if e["ph"] == "M" and e["name"] == "thread_name"}
            assert names == {"compile slot %d" % t for t in slots}, (names, slots)
            print(len(complete), len(slots))
            """
        let validated = try CommandRunner.run(["python3", "-c", check, work + "/build.trace.json"], timeout: 60)
        #expect(validated.succeeded, "\(validated.stderr)")
        let counts = validated.stdout.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(counts.first == compiles.count, "one event per compile of the run")
        #expect((counts.last ?? 0) >= 2, "cargo ran compiles in parallel: more than one slot")

        let again = try Harness.cachewatch(
            ["history", "show", "last", "--mount-root", mount, "--trace", work + "/history.trace.json"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("trace of \(compiles.count) compiles written"))
        #expect(
            Scratch.read(work + "/history.trace.json") == Scratch.read(work + "/build.trace.json"), "from the history, the same")
        // The real binary's JSON, each against its schema in docs/schemas/.
        let list = try Harness.cachewatch(["history", "--json", "--mount-root", mount])
        let why = try Harness.cachewatch(["why", "--json", "--mount-root", mount])
        let shown = try Harness.cachewatch(["history", "show", "last", "--json", "--mount-root", mount])
        for (text, schema) in [
            (Scratch.read(work + "/report.json"), "report-6"), (Scratch.read(work + "/build.trace.json"), "trace-1"),
            (list.stdout, "history-list-1"), (why.stdout, "why-1"), (shown.stdout, "report-6"),
        ] {
            #expect(try Harness.schemaProblems(text, schema: schema) == [], "\(schema): \(text.prefix(300))")
        }
    }

    @Test("t in the real dashboard: the crates pane becomes a timeline of bars, and back")
    func timelineInTmux() throws {
        guard Harness.require(["cargo", "sccache", "tmux"]) else { return }
        let run = try DashboardRun(
            "timeline", arguments: ["--engine", "native", "--fresh", "--mount-root", Harness.demoMount],
            environment: Harness.demoEnvironment)
        defer { run.tmux.kill() }
        _ = try run.tmux.waitFor(timeout: 180) { $0.contains("succeeded in") }
        try run.tmux.send("t")
        let screen = try run.tmux.waitFor(timeout: 10) { $0.contains("· timeline (t)") }
        let bars = screen.components(separatedBy: "\n").filter { $0.contains("█") && !$0.contains("Hit rate") }
        #expect(bars.count >= 5, "\(screen)")
        #expect(screen.contains("0 s"))
        try run.tmux.send("t")
        _ = try run.tmux.waitFor(timeout: 10) { $0.contains("sort: order (o)") }
        try run.quit()
    }
}
