import CacheWatchCore
import CacheWatchTestSupport
import Foundation
import Testing

@testable import CacheWatchRunner

/// The session's jobs against a fake engine: starts coalesce, a stop cancels a preparation, shutdown is bounded,
/// output is held back while the loop is behind.
@Suite("The session's jobs", .serialized)
struct BuildSessionTests {
    private func session(_ name: String, prepareSeconds: Double, command: [String] = ["sh", "-c", "sleep 5"]) throws -> (
        BuildSession, FakeEngine, EventQueue
    ) {
        let root = try TestDirectory.make(name)
        let engine = FakeEngine(command: command, mountRoot: root + "/mount", project: root, prepareSeconds: prepareSeconds)
        let events = EventQueue()
        let session = BuildSession(engine: engine, events: events, options: .init(owner: (getuid(), getgid())))
        return (session, engine, events)
    }

    /// Drains events until `predicate` holds for one of them (or `timeout` seconds pass); returns all seen.
    private func collect(_ events: EventQueue, timeout: Double, until predicate: (Event) -> Bool) -> [Event] {
        var seen: [Event] = []
        let deadline = MonotonicClock.now() + timeout
        while MonotonicClock.now() < deadline {
            let batch = events.drain()
            seen += batch
            if batch.contains(where: predicate) { break }
            usleep(10_000)
        }
        return seen
    }

    @Test("A known secret is masked in the build's output (even cut across reads) and in sccache's log lines")
    func knownSecretsMasked() throws {
        let root = try TestDirectory.make("known secrets")
        let secret = "s3cret-value-4242"
        // Printed in two writes, so the secret may arrive in two pieces.
        let command = ["sh", "-c", "printf 'token: s3cret-val'; sleep 0.3; printf 'ue-4242 done\\n'; sleep 1"]
        let engine = FakeEngine(command: command, mountRoot: root + "/mount", project: root)
        engine.serverLogLines.set([
            "[2026-11-29T10:00:00.000Z DEBUG sccache::cache::cache] Init webdav cache with token \(secret)"
        ])
        let events = EventQueue()
        var options = BuildSession.Options(owner: (getuid(), getgid()))
        options.scrubber = SecretScrubber(secrets: [secret])
        let session = BuildSession(engine: engine, events: events, options: options)
        defer { session.shutdown(timeout: 2) }
        session.start(RunRequest(number: 1))
        var seen = collect(events, timeout: 20) { if case .buildExited = $0 { return true } else { return false } }
        session.finishRun()  // as Core asks once the build exited: the server log's last lines come with it
        seen += collect(events, timeout: 20) { if case .runFinished = $0 { return true } else { return false } }
        var output: [UInt8] = []
        var logLines: [String] = []
        for event in seen {
            if case .output(let bytes) = event { output += bytes }
            if case .serverLog(let lines) = event { logLines += lines }
        }
        let text = String(decoding: output, as: UTF8.self)
        #expect(text.contains("token: **** done"), "\(text)")
        #expect(!text.contains("s3cret"))
        #expect(logLines.contains { $0.hasSuffix("with token ****") }, "\(logLines)")
        #expect(!logLines.joined().contains(secret))
    }

    @Test("Twenty starts in a row make one build; each cancels the preparation before it")
    func coalesced() throws {
        let (session, engine, events) = try session("coalesce", prepareSeconds: 0.5)
        defer { session.shutdown(timeout: 2) }
        for _ in 0..<20 { session.start(RunRequest(number: 1)) }
        var seen = collect(events, timeout: 20) { if case .buildStarted = $0 { return true } else { return false } }
        usleep(300_000)
        seen += events.drain()
        let starts = seen.filter { if case .buildStarted = $0 { return true } else { return false } }
        #expect(starts.count == 1)
        #expect(engine.completed.get() == 1, "one preparation ran to its end")
        #expect(engine.prepared.get() <= 2, "queued starts that were replaced did not even begin: \(engine.prepared.get())")
    }

    @Test("The run's number names its directory, and its stop waits the grace Core gave it between SIGTERM and SIGKILL")
    func requestHonoured() throws {
        // A build that ignores SIGTERM: only the SIGKILL after the grace ends it.
        let command = ["sh", "-c", "trap '' TERM; echo ready; while :; do sleep 0.05; done"]
        let (session, _, events) = try session("request", prepareSeconds: 0, command: command)
        defer { session.shutdown(timeout: 2) }
        session.start(RunRequest(number: 7, stopping: RunSchedule.Stopping(processGrace: 0.6)))
        let started = collect(events, timeout: 20) { if case .buildStarted = $0 { return true } else { return false } }
        let id = started.compactMap { if case .buildStarted(_, let run) = $0 { run.id.value } else { nil } }.first
        #expect(id?.contains("-fake-run7-") == true, "\(String(describing: id))")
        _ = collect(events, timeout: 20) { event in
            if case .output(let bytes) = event { String(decoding: bytes, as: UTF8.self).contains("ready") } else { false }
        }
        let asked = MonotonicClock.now()
        session.stop()
        let seen = collect(events, timeout: 20) { if case .buildExited = $0 { return true } else { return false } }
        let waited = MonotonicClock.now() - asked
        #expect(seen.contains { if case .buildExited(.signaled(SIGKILL), _, _) = $0 { true } else { false } }, "\(seen)")
        #expect(waited >= 0.6, "SIGTERM was given its grace: \(waited) s")
        #expect(waited < 2.9, "not the 3 s a stop waits unless told: \(waited) s")
    }

    @Test("A stop while the run is being prepared (a pull) cancels it at once")
    func stopDuringPreparation() throws {
        let (session, engine, events) = try session("stop preparing", prepareSeconds: 60)
        defer { session.shutdown(timeout: 2) }
        session.start(RunRequest(number: 1))
        _ = collect(events, timeout: 10) { $0 == .working(.worded("preparing")) }
        let asked = MonotonicClock.now()
        session.stop()
        let seen = collect(events, timeout: 10) { if case .buildStoppedBeforeStart = $0 { return true } else { return false } }
        #expect(MonotonicClock.now() - asked < 2)
        #expect(seen.contains { if case .buildStoppedBeforeStart = $0 { true } else { false } })
        #expect(engine.cancelled.get() == 1)
    }

    @Test("Quitting (a signal) while the run is being prepared: the attempt is still told, to be kept as stopped")
    func shutdownDuringPreparation() throws {
        let (session, _, events) = try session("shutdown preparing", prepareSeconds: 60)
        session.start(RunRequest(number: 1))
        _ = collect(events, timeout: 10) { $0 == .working(.worded("preparing")) }
        session.shutdown(timeout: 2)
        let seen = events.drain()
        #expect(seen.contains { if case .buildStoppedBeforeStart = $0 { true } else { false } }, "\(seen)")
    }

    @Test("shutdown returns within its bound, whatever the engine waits on")
    func boundedShutdown() throws {
        let (session, _, events) = try session("bounded shutdown", prepareSeconds: 600)
        session.start(RunRequest(number: 1))
        _ = collect(events, timeout: 10) { $0 == .working(.worded("preparing")) }
        let asked = MonotonicClock.now()
        session.shutdown(timeout: 1)
        #expect(MonotonicClock.now() - asked < 2.5)
    }

    @Test("Output waits while more than the limit waits for the loop, and flows again once it is drained")
    func backpressure() {
        let events = EventQueue(outputLimit: 1 << 20)
        for _ in 0..<40 { events.post(.output([UInt8](repeating: 0x61, count: 65536))) }  // 2.5 MB waiting
        let waited = LockedValue(false)
        let done = DispatchSemaphore(value: 0)
        Thread {
            events.waitForRoom(stop: { false })
            waited.set(true)
            done.signal()
        }.start()
        #expect(done.wait(timeout: .now() + 0.5) == .timedOut, "the reader waits while the loop is behind")
        #expect(!waited.get())
        _ = events.drain()
        #expect(done.wait(timeout: .now() + 2) == .success, "and goes on once it caught up")
        #expect(events.waitingOutput == 0)
    }
}
