import Testing

@testable import CacheWatchCore

@Suite("--compare: without sccache, then with a warm cache")
struct ComparisonTests {
    private func stats(hits: Int, misses: Int) -> SccacheStats {
        var s = SccacheStats()
        s.hits = LanguageCounts(total: hits, byLanguage: [LanguageCount("Rust", hits)])
        s.misses = LanguageCounts(total: misses, byLanguage: [LanguageCount("Rust", misses)])
        return s
    }

    /// Runs one build of `seconds` with these numbers; returns the effects of its end.
    private func run(_ s: inout AppState, _ id: String, at t: Double, seconds: Double, hits: Int, misses: Int, status: Int32 = 0)
        -> [Effect]
    {
        _ = s.update(.buildStarted(now: t, run: RunStart(id: RunID(id), wallClock: 1000 + t)))
        _ = s.update(.stats(stats(hits: hits, misses: misses), final: true))
        return s.update(.buildEnded(.exited(status), now: t + seconds, stopped: false))
    }

    @Test("A cold cache: plain, a warming run, the measured run; the sentence; the runs a group in the history")
    func coldCache() {
        var s = AppState(session: SessionInfo(engine: .native, project: "p", command: "c", compare: true), cacheLimit: nil)
        #expect(s.update(.appStarted(wallClock: 1000, now: 0)).contains { $0.start?.wrapped == false }, "the baseline first")
        var effects = run(&s, "plain", at: 1, seconds: 31.1, hits: 0, misses: 0)
        #expect(effects.contains { $0.start?.wrapped == true })
        #expect(s.lastRecord?.facts.compare == "without sccache" && s.lastRecord?.facts.compareGroup == "plain")
        effects = run(&s, "warming", at: 40, seconds: 33, hits: 0, misses: 35)
        #expect(effects.contains { $0.start?.wrapped == true }, "a cold cache was warmed: measured again")
        #expect(s.lastRecord?.facts.compareGroup == "plain")
        effects = run(&s, "warm", at: 80, seconds: 7.5, hits: 35, misses: 0)
        #expect(!effects.contains { $0.start != nil })
        #expect(s.comparison?.result == "clean build 31.1 s without sccache, 7.5 s with a warm cache: 4.1× faster")
        #expect(s.lastRecord?.facts.compare == "with sccache" && s.lastRecord?.facts.compareGroup == "plain")
        #expect((0..<s.log.buffer.count).contains { s.log.buffer[$0].text.contains("4.1× faster") })
        // Later runs (r) are ordinary ones.
        #expect(run(&s, "later", at: 100, seconds: 5, hits: 35, misses: 0).allSatisfy { $0.start == nil })
    }

    @Test("A warm cache is measured at once; a failed or stopped run ends the comparison and says so")
    func warmOrFailed() {
        var s = AppState(session: SessionInfo(engine: .docker, project: "p", command: "c", compare: true), cacheLimit: nil)
        _ = run(&s, "plain", at: 1, seconds: 20, hits: 0, misses: 0)
        _ = run(&s, "warm", at: 30, seconds: 25, hits: 35, misses: 0)
        #expect(s.comparison?.result == "clean build 20.0 s without sccache, 25.0 s with a warm cache: 1.3× slower")
        var failed = AppState(session: SessionInfo(engine: .native, project: "p", command: "c", compare: true), cacheLimit: nil)
        #expect(run(&failed, "plain", at: 1, seconds: 2, hits: 0, misses: 0, status: 101).isEmpty == false)
        #expect(failed.comparison?.result == "comparison abandoned: the build without sccache failed")
        // Without --compare nothing of this happens.
        var plain = AppState(session: SessionInfo(engine: .native, project: "p", command: "c"), cacheLimit: nil)
        #expect(plain.update(.appStarted(wallClock: 0, now: 0)).contains { $0.start?.wrapped == true })
        #expect(plain.comparison == nil)
    }

    @Test("The baseline runs with no wrapper: RUSTC_WRAPPER empty in the environment and on docker's argv")
    func unwrappedPlans() {
        let native = NativePlan.make(
            command: ["cargo", "build"], project: "/p", mountRoot: "/m", cacheSize: "5G", sccache: "/bin/sccache", port: 4000)
        #expect(native.environment["RUSTC_WRAPPER"] == "/bin/sccache")
        #expect(native.withoutWrapper.environment["RUSTC_WRAPPER"] == "")
        #expect(native.withoutWrapper.arguments == native.arguments)
        let docker = BuildPlan(
            arguments: DockerPlan(
                image: "i", containerName: "c", project: "/p", mountRoot: "/m", registryPath: "/r", cacheSize: "5G",
                command: ["cargo", "build"]
            ).arguments, workingDirectory: "/p")
        #expect(docker.arguments.contains("RUSTC_WRAPPER=/usr/local/bin/sccache"))
        let bare = docker.withoutWrapper.arguments
        #expect(bare.contains("RUSTC_WRAPPER=") && !bare.contains("RUSTC_WRAPPER=/usr/local/bin/sccache"))
        #expect(bare.count == docker.arguments.count)
    }
}
