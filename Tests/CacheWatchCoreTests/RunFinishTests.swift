import Testing

@testable import CacheWatchCore

/// The end of a run without processes: the build's exit, then what `Effect.finishRun` gathered; Core chooses the
/// final numbers, words why they are not sccache's own, notes both in the log file and makes the record.
@Suite("The end of a run in Core: exited, finalizing, ended")
struct RunFinishTests {
    private func running(engine: EngineKind = .native, facts: RunFacts = RunFacts()) -> AppState {
        var s = AppState(session: SessionInfo(engine: engine, project: "p", command: "cargo build"), cacheLimit: nil)
        _ = s.update(.resize(width: 120, height: 35))
        _ = s.update(.buildStarted(now: 10, run: RunStart(id: RunID("run-1"), wallClock: 1_796_000_000, facts: facts)))
        return s
    }

    private func reading(requests: Int, hits: Int) -> RunFinal.Reading {
        var stats = SccacheStats()
        stats.compileRequests = requests
        stats.hits.total = hits
        return RunFinal.Reading(json: "{\"requests\": \(requests)}", stats: stats)
    }

    private func notes(_ effects: [Effect]) -> String {
        effects.compactMap { if case .noteInLogFile(let text, _) = $0 { text } else { nil } }.joined()
    }

    @Test("The exit ends the build's time and asks for the run's finish; nothing is recorded until it comes")
    func exitAsksForFinish() {
        var s = running()
        let effects = s.update(.buildExited(.exited(0), now: 14, stopped: false))
        #expect(effects == [.finishRun])
        #expect(s.phase == .finalizing(startedAt: 10, status: .exited(0), endedAt: 14, stopped: false))
        #expect(s.lastRecord == nil)
        #expect(s.update(.tick(now: 20)).allSatisfy { if case .sampleStats = $0 { false } else { true } }, "no sampling")
        var screen = Screen(width: 120, height: 35)
        DashboardView.render(s, into: &screen)
        #expect(screen.textDump.contains("finishing 4.0 s"), "\(screen.textDump)")
    }

    @Test("sccache's own numbers after the build are final; its report is folded and noted in the log file")
    func askedNumbers() throws {
        var s = running()
        _ = s.update(.stats(reading(requests: 3, hits: 1).stats!, final: false))
        _ = s.update(.buildExited(.exited(0), now: 14, stopped: false))
        _ = s.update(.tick(now: 30))  // the finish took a while: the build's time is still its exit's
        let effects = s.update(
            .runFinished(
                RunFinal(
                    asked: reading(requests: 8, hits: 5), askedReport: "Compile requests 8\nCache hits 5",
                    printed: reading(requests: 1, hits: 1), lastSample: reading(requests: 3, hits: 1))))
        let record = try #require(s.lastRecord)
        #expect(record.stats?.compileRequests == 8, "asked beats printed and the last sample")
        #expect(record.statsJSON == "{\"requests\": 8}")
        #expect(record.duration == 4)
        #expect(s.stats.source == .final && s.stats.problem == nil)
        #expect(notes(effects) == "\r\n── sccache's final report ──\r\nCompile requests 8\r\nCache hits 5\r\n")
        #expect(effects.contains(.persist(record)) && effects.contains(.writeReport(record)))
        #expect(s.phase == .finished(BuildOutcome(status: .exited(0), duration: 4, stopped: false)))
        #expect(s.now == 30, "the clock never goes back")
        #expect((0..<s.log.lineCount).contains { s.log.line(at: $0).text.hasPrefix("▸ sccache's final report (2 lines)") })
    }

    @Test("Numbers that do not parse fall back to the last sample, and the panel and the log file say why")
    func unparsedFallsBack() throws {
        var s = running()
        _ = s.update(.buildExited(.exited(0), now: 12, stopped: false))
        let effects = s.update(
            .runFinished(
                RunFinal(
                    asked: RunFinal.Reading(json: "{not json", stats: nil), lastSample: reading(requests: 3, hits: 2))))
        #expect(s.lastRecord?.stats?.compileRequests == 3)
        #expect(s.stats.problem == "sccache gave no final numbers; the panel shows its last sample")
        #expect(notes(effects) == "\r\ncachewatch: sccache gave no final numbers; the panel shows its last sample\r\n")
    }

    @Test("A native server that stopped or went silent is named; with no sample at all, the run still ends")
    func nativeServer() {
        var s = running()
        _ = s.update(.buildExited(.exited(101), now: 12, stopped: false))
        _ = s.update(.runFinished(RunFinal(server: .serverSilent(seconds: 5))))
        #expect(s.stats.problem?.hasPrefix("sccache's server did not answer within 5 s after the build") == true)
        #expect(s.lastRecord?.stats == nil && s.lastRecord?.outcome == .ended(.exited(101), stopped: false))
        var stopped = running()
        _ = stopped.update(.buildExited(.exited(0), now: 12, stopped: false))
        _ = stopped.update(.runFinished(RunFinal(server: .serverStopped)))
        #expect(stopped.stats.problem?.hasPrefix("sccache's server stopped before the build ended") == true)
    }

    @Test("In a container: what it printed is final; killed from outside, it is named with its exit")
    func container() {
        var s = running(engine: .docker, facts: RunFacts(container: "cachewatch-7-1-42"))
        _ = s.update(.buildExited(.exited(0), now: 12, stopped: false))
        _ = s.update(.runFinished(RunFinal(printed: reading(requests: 6, hits: 6), printedReport: "Cache hits 6")))
        #expect(s.lastRecord?.stats?.hits.total == 6 && s.stats.problem == nil)
        var killed = running(engine: .docker, facts: RunFacts(container: "cachewatch-7-1-42"))
        _ = killed.update(.buildExited(.exited(137), now: 12, stopped: false))
        let effects = killed.update(.runFinished(RunFinal(lastSample: reading(requests: 2, hits: 0))))
        let expected =
            "container cachewatch-7-1-42 was killed from outside (exit 137) before sccache's final report; the panel shows its last sample"
        #expect(killed.stats.problem == expected)
        #expect(notes(effects).contains(expected))
        var ended = running(engine: .docker)
        _ = ended.update(.buildExited(.exited(2), now: 12, stopped: false))
        _ = ended.update(.runFinished(RunFinal()))
        #expect(ended.stats.problem?.hasPrefix("container the container ended (exit 2)") == true)
    }

    @Test("A stopped build has no diagnosis: its numbers are whatever it got to")
    func stoppedBuild() {
        var s = running()
        _ = s.update(.key(.character("s")))
        _ = s.update(.buildExited(.signaled(15), now: 11, stopped: true))
        let effects = s.update(.runFinished(RunFinal(lastSample: reading(requests: 1, hits: 0))))
        #expect(s.stats.problem == nil && notes(effects).isEmpty)
        #expect(s.lastRecord?.outcome == .ended(.signaled(15), stopped: true))
    }

    @Test("A run starting while the last one finishes ends that one first, with what it has; a late finish is ignored")
    func nextRunWhileFinishing() throws {
        var s = running()
        _ = s.update(.buildExited(.exited(0), now: 12, stopped: false))
        let effects = s.update(.buildStarted(now: 13, run: RunStart(id: RunID("run-2"), wallClock: 1_796_000_003)))
        let first = try #require(effects.compactMap { if case .persist(let r) = $0 { r } else { nil } }.first)
        #expect(first.id == RunID("run-1") && first.duration == 2)
        #expect(s.phase == .running(startedAt: 13) && s.run?.id == RunID("run-2"))
        #expect(s.update(.runFinished(RunFinal(asked: reading(requests: 9, hits: 9)))) == [])
        #expect(s.stats.stats == nil, "the late numbers are not the new run's")
    }
}
