import CacheWatchCore
import CacheWatchRunner
import CacheWatchTestSupport
import Foundation
import Testing

/// The real parts the end-to-end tests drive, found once; a missing one fails the test with a clear message.
enum Harness {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let demo = packageRoot + "/examples/demo"

    /// A copy of Tests/Workspaces/versions in `directory` (as `ws`): four small crates of its own (a build script
    /// with feature probes, a proc macro) and no registry crate, built in seconds where the example takes a minute.
    /// For the tests whose point is not the example's size; build it with `cargo build --release --offline --locked`.
    static func smallWorkspace(in directory: String) throws -> String {
        let copy = directory + "/ws"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: packageRoot + "/Tests/Workspaces/versions", toPath: copy)
        return copy
    }

    /// The command that builds `smallWorkspace`, after `--`.
    static let smallBuild = ["--", "cargo", "build", "--release", "--offline", "--locked"]

    /// One mount root for the tests that build examples/demo in place and whose point is not a cold cache (the
    /// timeline, the trace, a replay's fidelity): the first of them fills its cache, the others hit it. sccache's
    /// keys hold the project's path, so they share one only because they build the same directory.
    static let demoMount: String = (try? temporaryDirectory("demo mount")) ?? NSTemporaryDirectory() + "cw-demo-mount"

    /// The environment of every build on `demoMount`: sccache hashes each `CARGO_*` variable, so they all set the same.
    static let demoEnvironment = ["CARGO_INCREMENTAL": "0"]

    /// The cachewatch binary that `swift test` built beside the test bundle.
    static var binary: String? {
        _ = isolatedConfig
        if let explicit = ProcessInfo.processInfo.environment["CACHEWATCH_BIN"] { return explicit }
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates =
            [directory, directory.deletingLastPathComponent()].map { $0.appendingPathComponent("cachewatch").path }
            + [packageRoot + "/.build/debug/cachewatch"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Your own config file (keys, colours, watch…) stays out of every cachewatch the tests start, tmux's included
    /// (it inherits this process's environment): an empty config home of the run's own, as scripts/test sets.
    private static let isolatedConfig: Void = {
        let home = NSTemporaryDirectory() + "cachewatch tests/config home-\(getpid())"
        try? FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        setenv("XDG_CONFIG_HOME", home, 1)
    }()

    /// Fails the current test unless every tool is installed; returns false then.
    static func require(_ tools: [String]) -> Bool {
        var ok = true
        if binary == nil {
            Issue.record("the cachewatch binary was not found next to the tests; run `swift build` first")
            ok = false
        }
        for tool in tools where Executables.find(tool) == nil {
            Issue.record("\(tool) is required for the end-to-end tests and is not installed: run scripts/setup")
            ok = false
        }
        return ok
    }

    /// A fresh directory under the system temporary directory (with a space, to prove paths with spaces work).
    static func temporaryDirectory(_ name: String) throws -> String {
        try TestDirectory.make(name)
    }

    /// Runs cachewatch with `arguments` (headless: stdout is a pipe); returns status and output.
    static func cachewatch(
        _ arguments: [String], environment: [String: String] = [:], directory: String? = nil, timeout: Double = 300
    )
        throws -> CommandResult
    {
        try CommandRunner.run([binary!] + arguments, environment: environment, directory: directory, timeout: timeout)
    }

    /// How `text` (a real output) breaks its schema in docs/schemas/; empty when it holds.
    static func schemaProblems(_ text: String, schema name: String) throws -> [String] {
        let schema = try JSONSchema(contentsOf: packageRoot + "/docs/schemas/\(name).schema.json")
        return schema.problems(try JSONValue.parse(text))
    }

    static func json(atPath path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Hits in a report's sccache object.
    static func hits(inReport report: [String: Any]) -> Int? {
        guard let sccache = report["sccache"] as? [String: Any], let stats = sccache["stats"] as? [String: Any],
            let hits = stats["cache_hits"] as? [String: Any], let counts = hits["counts"] as? [String: Any]
        else { return nil }
        return counts.values.compactMap { ($0 as? NSNumber)?.intValue }.reduce(0, +)
    }

    static func misses(inReport report: [String: Any]) -> Int? {
        guard let sccache = report["sccache"] as? [String: Any], let stats = sccache["stats"] as? [String: Any],
            let misses = stats["cache_misses"] as? [String: Any], let counts = misses["counts"] as? [String: Any]
        else { return nil }
        return counts.values.compactMap { ($0 as? NSNumber)?.intValue }.reduce(0, +)
    }

    /// The "Cache hits N" line of the sccache report printed in a log.
    static func printedHits(in log: String) -> Int? {
        for line in log.split(separator: "\n").reversed() where line.hasPrefix("Cache hits ") && !line.contains("rate") {
            if let n = Int(line.split(separator: " ").last ?? "") { return n }
        }
        return nil
    }

    /// Waits until `condition` holds, for at most `timeout` seconds; whether it held.
    @discardableResult
    static func waitUntil(_ timeout: Double, _ condition: () -> Bool) -> Bool {
        let deadline = MonotonicClock.now() + timeout
        while MonotonicClock.now() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return condition()
    }

    /// The processes marked `marker` that are still there after up to `timeout` seconds: those that ended are gone
    /// once the kernel reaped them, a moment after their parent exited; none left returns as soon as it is seen.
    static func survivors(marked marker: String, timeout: Double = 10) -> [String] {
        waitUntil(timeout) { processes(marked: marker).isEmpty }
        return processes(marked: marker)
    }

    /// Processes whose environment carries `marker` (children inherit it, so nothing escapes the check).
    static func processes(marked marker: String) -> [String] {
        let own = getpid()
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        var found: [String] = []
        for entry in entries {
            guard let pid = Int32(entry), pid != own,
                let environ = FileManager.default.contents(atPath: "/proc/\(entry)/environ"),
                environ.range(of: Data(marker.utf8)) != nil
            else { continue }
            let cmdline = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") ?? Data()
            let command = String(decoding: cmdline.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
            // A zombie is already gone but for its exit status.
            let status = (try? String(contentsOfFile: "/proc/\(entry)/status", encoding: .utf8)) ?? ""
            if status.contains("State:\tZ") { continue }
            found.append("\(pid) \(command)")
        }
        return found
    }
}
