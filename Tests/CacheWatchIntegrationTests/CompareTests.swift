import CacheWatchCore
import Foundation
import Testing

@testable import CacheWatchRunner

/// `--compare` on real builds: cargo with no wrapper, then through the real sccache (warmed when cold), measured.
/// The project is Tests/Workspaces/versions (a few small crates, a build script's probes, a proc macro): on crates
/// that small sccache's hits may cost more than compiling, so the sentence may say slower; its wording both ways
/// is Core's test (ComparisonTests).
@Suite("A measured comparison: without sccache, with a warm cache", .serialized)
struct CompareTests {
    private func check(engine: [String], label: String) throws {
        let work = try Harness.temporaryDirectory("compare \(label)")
        let mount = work + "/mount"
        let project = try Harness.smallWorkspace(in: work)
        let result = try Harness.cachewatch(
            ["--compare", "--headless", "--project", project, "--mount-root", mount, "--no-record"] + engine
                + Harness.smallBuild, timeout: 600)
        #expect(result.status == 0, "\(result.stdout.suffix(2000))\n\(result.stderr)")
        let line = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("cachewatch: clean build ") })
        #expect(
            line.contains(" without sccache, ") && line.contains(" with a warm cache: ")
                && (line.hasSuffix("× faster") || line.hasSuffix("× slower")), "\(line)")
        // The history holds the runs as one group: the baseline (no wrapper: sccache saw nothing), the warming run
        // (a cold cache: misses), the measured one (all hits).
        let listed = try Harness.cachewatch(["history", "--mount-root", mount, "--json"])
        let runs = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(runs.count == 3, "\(runs.count) runs")
        var shown: [[String: Any]] = []
        for index in [2, 1, 0] {
            let one = try Harness.cachewatch(["history", "show", "last~\(index)", "--json", "--mount-root", mount])
            #expect(try Harness.schemaProblems(one.stdout, schema: "report-6") == [], "compare and wrapper as documented")
            shown.append(try #require(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any]))
        }
        let group = try #require(shown[0]["compare_group"] as? String)
        #expect(shown.allSatisfy { $0["compare_group"] as? String == group })
        #expect(shown.map { $0["compare"] as? String } == ["without sccache", "with sccache", "with sccache"])
        #expect(shown[0]["wrapper"] as? String == "none")
        let requests = shown.map { (($0["sccache"] as? [String: Any])?["stats"] as? [String: Any])?["compile_requests"] as? Int }
        #expect(requests[0] == 0, "the baseline never went through sccache")
        #expect(Harness.misses(inReport: shown[1]) ?? 0 > 0, "the cold cache was warmed")
        #expect(Harness.misses(inReport: shown[2]) ?? 0 == 0 && Harness.hits(inReport: shown[2]) ?? 0 > 0)
        // The sentence's times are the runs' own, as shown to a tenth of a second (the report's are to the
        // millisecond, so formatting them again could round the other way).
        let plain = try #require(shown[0]["duration_seconds"] as? Double)
        let warm = try #require(shown[2]["duration_seconds"] as? Double)
        // "12.3 s", or "1 m 20 s" on a busy machine (whole seconds then, cut, not rounded: 65.8 s is "1 m 05 s").
        func seconds(_ text: Substring) -> (value: Double, precision: Double)? {
            let words = text.split(separator: " ")
            if words.count == 4, words[1] == "m", let m = Double(words[0]), let s = Double(words[2]) { return (m * 60 + s, 1.0) }
            if words.count == 2, let s = Double(words[0]) { return (s, 0.051) }
            return nil
        }
        let parts = line.components(separatedBy: "clean build ").last?.components(separatedBy: " without sccache, ") ?? []
        let said =
            parts.count == 2
            ? [seconds(Substring(parts[0])), seconds(Substring(parts[1].components(separatedBy: " with a warm")[0]))] : []
        #expect(said.count == 2 && said.allSatisfy { $0 != nil }, "\(line)")
        if said.count == 2, let a = said[0], let b = said[1] {
            #expect(abs(a.value - plain) <= a.precision && abs(b.value - warm) <= b.precision, "\(line) vs \(plain), \(warm)")
        }
    }

    @Test("Natively")
    func native() throws {
        guard Harness.require(["cargo", "sccache"]) else { return }
        try check(engine: ["--engine", "native"], label: "native")
    }

    @Test("In the container")
    func docker() throws {
        guard DockerHarness.require() else { return }
        try check(
            engine: ["--engine", "docker", "--image", DockerHarness.image] + DockerHarness.dockerArguments, label: "docker")
    }
}
