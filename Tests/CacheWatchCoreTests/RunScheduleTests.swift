import Foundation
import Testing

@testable import CacheWatchCore

/// The running build's periodic work is Core's: what each tick asks the session to do, and when it stops.
@Suite("The run's schedule: stats, disk scans and exit checks from Core's ticks")
struct RunScheduleTests {
    private func state() -> AppState {
        var s = AppState(session: SessionInfo(engine: .native, project: "p", command: "c"), cacheLimit: nil)
        _ = s.update(.resize(width: 100, height: 30))
        return s
    }

    /// The periodic effects the ticks every 0.1 s from `from` to `to` ask for, with the time each was asked.
    private func periodic(_ s: inout AppState, from: Double, to: Double) -> [(Double, Effect)] {
        var asked: [(Double, Effect)] = []
        var t = from
        while t <= to + 1e-9 {
            for effect in s.update(.tick(now: t)) {
                switch effect {
                case .sampleStats, .checkExit, .scanDisk: asked.append((t, effect))
                default: break
                }
            }
            t += 0.1
        }
        return asked
    }

    @Test("A start samples sccache at once; then stats every 0.4 s, exit checks every 0.2 s, a disk scan every 2 s")
    func periods() {
        var s = state()
        let started = s.update(.buildStarted(now: 10))
        #expect(started.contains(.sampleStats(.standard)))
        #expect(started.contains(.scanDisk(.buildStarted)))
        #expect(started.contains(.schedule(after: AppState.runningTick)))
        let asked = periodic(&s, from: 10.1, to: 14.05)
        let stats = asked.filter { $0.1 == .sampleStats(.standard) }.map(\.0)
        let exits = asked.filter { $0.1 == .checkExit }.map(\.0)
        let scans = asked.filter { $0.1 == .scanDisk(.periodic) }.map(\.0)
        #expect(stats.count == 10, "\(stats)")  // 10.4, 10.8, … 14.0
        #expect(exits.count == 20, "\(exits)")  // 10.2, 10.4, … 14.0
        #expect(scans.count == 2, "\(scans)")  // 12.0, 14.0
        #expect(abs(stats[0] - 10.4) < 1e-6 && abs(exits[0] - 10.2) < 1e-6 && abs(scans[0] - 12.0) < 1e-6)
    }

    @Test("Work that costs more than its share of a core comes less often: a scan of 40 ms of CPU, every 16 s")
    func costlyScan() {
        var s = state()
        _ = s.update(.buildStarted(now: 10))
        _ = s.update(.workCost(.disk, seconds: 0.04))
        let scans = periodic(&s, from: 10.1, to: 50.05).filter { $0.1 == .scanDisk(.periodic) }.map(\.0)
        // The first was due before the cost was known; then one every 16 s (a quarter of a percent of a core).
        #expect(scans.count == 3 && abs(scans[1] - scans[0] - 16) < 1e-6 && abs(scans[2] - scans[1] - 16) < 1e-6, "\(scans)")
        _ = s.update(.workCost(.disk, seconds: 0.002))
        #expect(s.schedule.period(.disk) == 2, "a cheap scan: the period again")
        // A stats sample whose sccache client took 6 ms of CPU: every 1.2 s, not 0.4 — after the build's first
        // 10 s, which are sampled closely (a short build is seen as it goes).
        _ = s.update(.workCost(.stats, seconds: 0.006))
        #expect(abs(s.schedule.period(.stats) - 1.2) < 1e-9 && s.schedule.period(.disk) == 2)
        var fresh = state()
        _ = fresh.update(.buildStarted(now: 0))
        _ = fresh.update(.workCost(.stats, seconds: 0.006))
        let stats = periodic(&fresh, from: 0.1, to: 15.05).filter { $0.1 == .sampleStats(.standard) }.map(\.0)
        #expect(stats.filter { $0 <= 10 }.count == 25, "every 0.4 s for 10 s: \(stats)")
        let later = stats.filter { $0 > 10 }
        #expect(zip(later, later.dropFirst()).allSatisfy { abs($1 - $0 - 1.2) < 1e-6 }, "then every 1.2 s: \(later)")
        // A cost counted at a run's end (the build reaped during the last sample) does not pace the next run.
        _ = fresh.update(.workCost(.stats, seconds: 60))
        _ = fresh.update(.buildStarted(now: 100))
        #expect(fresh.schedule.period(.stats) == 0.4 && fresh.schedule.costs.isEmpty)
    }

    @Test("A late tick asks once, not for every period it missed; the next is one period after it")
    func lateTick() {
        var s = state()
        _ = s.update(.buildStarted(now: 0))
        let late = s.update(.tick(now: 5))
        #expect(late.filter { $0 == .sampleStats(.standard) }.count == 1)
        #expect(late.filter { $0 == .checkExit }.count == 1)
        #expect(late.filter { $0 == .scanDisk(.periodic) }.count == 1)
        #expect(!s.update(.tick(now: 5.1)).contains(.checkExit))
        #expect(s.update(.tick(now: 5.2)).contains(.checkExit))
        #expect(!s.update(.tick(now: 5.3)).contains(.sampleStats(.standard)))
        #expect(s.update(.tick(now: 5.4)).contains(.sampleStats(.standard)))
    }

    @Test("Nothing periodic before a build, after its end, after a failed start; a stop keeps checking its exit")
    func endsWithTheRun() {
        var s = state()
        #expect(periodic(&s, from: 0, to: 3).isEmpty, "idle")
        _ = s.update(.buildStarted(now: 10))
        _ = s.update(.key(.character("s")))  // stop: the build is stopping until it exits
        #expect(periodic(&s, from: 10.1, to: 10.5).contains { $0.1 == .checkExit })
        _ = s.update(.buildEnded(.exited(0), now: 11, stopped: true))
        #expect(periodic(&s, from: 11.1, to: 15).isEmpty, "after the end")
        _ = s.update(.startFailed(.dockerNotFound, now: 16))
        #expect(periodic(&s, from: 16.1, to: 19).isEmpty, "after a failed start")
    }

    @Test("The periods are the state's: a session may sample faster")
    func customPeriods() {
        var s = state()
        s.schedule.periods = RunSchedule.Periods(stats: 0.1, disk: 0.5, exit: 0.1)
        _ = s.update(.buildStarted(now: 0))
        let asked = periodic(&s, from: 0.1, to: 1.05)
        #expect(asked.filter { $0.1 == .sampleStats(.standard) }.count == 10)
        #expect(asked.filter { $0.1 == .scanDisk(.periodic) }.count == 2)
    }

    @Test("A replayed session's schedule is the live one's: the effects follow from the recorded ticks alone")
    func replayable() throws {
        var live = state()
        var replay = state()
        let events: [Event] = [.buildStarted(now: 1), .tick(now: 1.2), .tick(now: 1.45), .tick(now: 3.1)]
        for event in events {
            let data = try JSONEncoder().encode(event)
            #expect(live.update(event) == replay.update(try JSONDecoder().decode(Event.self, from: data)))
        }
    }

    @Test("Headless, nothing shows the disk while the build runs: scanned at its start and end only")
    func headlessDisk() {
        var s = AppState(session: SessionInfo(engine: .native, project: "p", command: "c"), cacheLimit: nil, echo: true)
        let started = s.update(.buildStarted(now: 10))
        #expect(started.contains(.scanDisk(.buildStarted)))
        let asked = periodic(&s, from: 10.1, to: 20.05)
        #expect(!asked.contains { $0.1 == .scanDisk(.periodic) })
        #expect(asked.contains { $0.1 == .sampleStats(.standard) }, "its numbers are still sampled")
    }
}
