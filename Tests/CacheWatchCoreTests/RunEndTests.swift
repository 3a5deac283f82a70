import Testing

@testable import CacheWatchCore

@Suite("The end of a run: cache failures, interrupted compiles, folded reports, deleted directories")
struct RunEndTests {
    private func state() -> AppState {
        var s = AppState(session: SessionInfo(engine: .native, project: "p", command: "c"), cacheLimit: 5 << 30)
        _ = s.update(.resize(width: 120, height: 35))
        return s
    }

    // Lines as sccache 0.16 wrote them with a 20 MB tmpfs as the mount root, a read error and a timeout.
    static let failureLog = [
        "[2026-11-29T07:15:05Z DEBUG sccache::server] Error executing cache write: No space left on device (os error 28)",
        "[2026-11-29T07:15:06Z DEBUG sccache::server] Error executing cache write: No space left on device (os error 28)",
        "[2026-11-29T07:15:06Z DEBUG sccache::server] Error executing cache write: Read-only file system (os error 30)",
        "[2026-11-29T07:15:06Z ERROR sccache::compiler::compiler] [serde]: Cache read error: Permission denied (os error 13) in 0.001 s",
        "[2026-11-29T07:15:07Z DEBUG sccache::compiler::compiler] [rand]: Cache timed out 0.500 s",
    ]

    @Test("Each cache failure form passes the byte filter; a compile's ordinary lines are passed over")
    func cacheFailureFilter() {
        var problems = CacheProblemLog()
        problems.feed(["[t DEBUG sccache::compiler::compiler] [zstd]: Failed to decompress object"])
        #expect(problems.readCause == "a cache entry could not be decompressed")
        for line in Self.failureLog { #expect(CacheProblemLog.mayMatter(CrateLogParser.message(of: line)!), "\(line)") }
        for ordinary in [
            "[serde]: Attempting to hash the inputs", "[serde]: get_cached_or_compile: [\"--crate-name\", \"serde\"]",
            "[serde]: compile result: cache miss", "[serde]: Hash key: 0123abcd", "Compiled in 1.000 s, storing in cache",
        ] {
            #expect(!CacheProblemLog.mayMatter(Substring(ordinary)), "\(ordinary)")
        }
    }

    @Test("Cache write and read failures are warnings that name their cause, on screen and in the summary's words")
    func cacheFailures() {
        var s = state()
        _ = s.update(.buildStarted(now: 1))
        _ = s.update(.serverLog(Self.failureLog))
        var stats = SccacheStats()
        stats.compileRequests = 40
        stats.cacheWriteErrors = 21
        stats.cacheTimeouts = 1
        _ = s.update(.stats(stats, final: true))
        let warnings = RunWarning.cacheFailures(stats, problems: s.cacheProblems).map(\.message)
        #expect(
            warnings == [
                "21 cache writes failed: no space left on device",
                "1 cache read failed: permission denied (compiled instead)",
                "1 cache lookup timed out (compiled instead)",
            ])
        var screen = Screen(width: 120, height: 35)
        DashboardView.render(s, into: &screen)
        #expect(screen.textDump.contains("⚠ 21 cache writes failed: no space"), "\(screen.textDump)")
    }

    @Test("No cause in the log still warns, and a clean run warns of nothing")
    func failuresWithoutCause() {
        var stats = SccacheStats()
        #expect(RunWarning.cacheFailures(stats, problems: CacheProblemLog()).isEmpty)
        stats.cacheWriteErrors = 3
        #expect(
            RunWarning.cacheFailures(stats, problems: CacheProblemLog()).map(\.message) == [
                "3 cache writes failed (sccache's log gave no cause)"
            ])
    }

    @Test("Compiles still waiting when the build ends are interrupted, not pending forever")
    func interrupted() {
        var s = state()
        _ = s.update(.buildStarted(now: 1))
        _ = s.update(
            .serverLog([
                "[2026-11-24T23:26:53Z DEBUG sccache::compiler::compiler] [serde]: get_cached_or_compile: [\"--crate-name\", \"serde\"]",
                "[2026-11-24T23:26:53Z DEBUG sccache::compiler::compiler] [rand]: get_cached_or_compile: [\"--crate-name\", \"rand\"]",
                "[2026-11-24T23:26:54Z DEBUG sccache::server] [rand]: compile result: cache hit",
            ]))
        #expect(s.crates.rows.map(\.outcome) == [.pending, .hit])
        _ = s.update(.buildEnded(.signaled(15), now: 3, stopped: true))
        #expect(s.crates.rows.map(\.outcome) == [.interrupted, .hit])
        #expect(s.crates.rows[0].outcome.label == "interrupted")
    }

    @Test("When sccache's server restarts mid-build, the crate table says why it stops filling")
    func serverRestart() {
        var s = state()
        _ = s.update(.buildStarted(now: 1))
        var before = SccacheStats()
        before.compileRequests = 30
        _ = s.update(.stats(before, final: false))
        var after = SccacheStats()
        after.compileRequests = 2
        _ = s.update(.stats(after, final: false))
        #expect(s.crates.serverRestarted)
        var screen = Screen(width: 120, height: 35)
        DashboardView.render(s, into: &screen)
        #expect(screen.textDump.contains("sccache's server restarted mid-build"))
        _ = s.update(.buildStarted(now: 10))
        #expect(!s.crates.serverRestarted, "a new run is a new server, not a restart")
    }

    @Test("z while building restarts the crate table with the numbers, so both count the same compiles")
    func zeroClearsCrates() {
        var s = state()
        _ = s.update(.buildStarted(now: 1))
        _ = s.update(.serverLog(["[t DEBUG sccache::server] [rand]: compile result: cache hit"]))
        #expect(s.crates.rows.count == 1)
        #expect(s.update(.key(.character("z"))) == [.zeroStats])
        #expect(s.crates.rows.isEmpty)
    }

    @Test("A directory that existed and is gone reads deleted, not not created yet")
    func deletedDirectory() {
        var s = state()
        let present = DirectoryUsage(name: "sccache", path: "/m/sccache", exists: true, bytes: 10, files: 1)
        let absent = DirectoryUsage(name: "target", path: "/p/target", exists: false)
        _ = s.update(.diskScanned(DiskUsage(directories: [present, absent])))
        var screen = Screen(width: 120, height: 35)
        DashboardView.render(s, into: &screen)
        #expect(screen.textDump.contains("not created yet"))
        var gone = present
        gone.exists = false
        _ = s.update(.diskScanned(DiskUsage(directories: [gone, absent])))
        DashboardView.render(s, into: &screen)
        #expect(screen.textDump.contains("deleted"))
    }

    @Test("sccache's final report is one line in the log, F unfolds it in place, search and errors still land right")
    func foldedReport() {
        var s = state()
        _ = s.update(.buildStarted(now: 1))
        _ = s.update(.output(Array("   Compiling a\r\nerror: first\r\n    Finished release\r\n".utf8)))
        let report = (1...30).map { "Line \($0) of the report" }.joined(separator: "\n")
        _ = s.update(.finalReport(report))
        _ = s.update(.output(Array("error: after\r\n".utf8)))
        _ = s.update(.buildEnded(.exited(0), now: 2, stopped: false))
        let folded = (0..<s.log.lineCount).map { s.log.line(at: $0).text }
        #expect(folded.contains("▸ sccache's final report (30 lines) · F unfolds"))
        #expect(!folded.contains { $0.contains("Line 1 of") })
        // Following: cargo's last line and the fold stay in view on a 35-row terminal.
        var screen = Screen(width: 120, height: 35)
        DashboardView.render(s, into: &screen)
        #expect(screen.textDump.contains("Finished release"))
        let errorsBefore = s.log.errorIndices.map { s.log.line(at: $0).text }
        _ = s.update(.key(.character("F")))
        let open = (0..<s.log.lineCount).map { s.log.line(at: $0).text }
        #expect(open.contains("  Line 30 of the report"))
        #expect(open.contains("▾ sccache's final report (30 lines) · F folds"))
        #expect(open.count == folded.count + 30)
        #expect(s.log.errorIndices.map { s.log.line(at: $0).text } == errorsBefore, "error jumps land on the same lines")
        _ = s.update(.key(.character("F")))
        #expect(s.log.lineCount == folded.count)
    }
}
