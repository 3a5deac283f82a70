import CacheWatchCore
import CacheWatchRunner
import Foundation

/// A build engine without docker or sccache, for the session's own tests: its build is a shell command on the
/// PTY; what the session asks of it is counted; its preparation can be made to wait (as a pull does) until
/// cancelled.
public final class FakeEngine: BuildEngine, @unchecked Sendable {
    public let name: EngineKind = "fake"
    public let command: [String]
    public let mountRoot: String
    public let project: String
    public var details: [String] { [] }
    public var directories: [(name: String, path: String)] { [("target", project + "/target")] }
    /// How long each preparation waits (cancellable), like an image pull.
    public let prepareSeconds: Double
    /// Preparations begun and preparations that ran to their end.
    public let prepared = LockedValue(0)
    public let completed = LockedValue(0)
    public let cancelled = LockedValue(0)
    /// What sccache's `--show-stats --stats-format=json` answers (nil: no server yet), and how often it was asked.
    public let statsJSON = LockedValue<String?>(nil)
    public let samples = LockedValue(0)
    /// Lines written into the run's sccache server log when it is prepared (as sccache's server would log them).
    public let serverLogLines = LockedValue<[String]>([])
    /// What sccache answers after the build (`finishRun`): its JSON numbers and its text report (nil: no answer).
    public let finalJSON = LockedValue<String?>(nil)
    public let finalReport = LockedValue<String?>(nil)

    public init(command: [String], mountRoot: String, project: String, prepareSeconds: Double = 0) {
        self.command = command
        self.mountRoot = mountRoot
        self.project = project
        self.prepareSeconds = prepareSeconds
    }

    public func prepareRun(
        in run: RunDirectory, cancel: CancelFlag, log: @escaping @Sendable ([UInt8]) -> Void,
        waiting: @escaping @Sendable (Preparation) -> Void
    ) throws -> PreparedRun {
        prepared.set(prepared.get() + 1)
        waiting(.worded("preparing"))
        let deadline = MonotonicClock.now() + prepareSeconds
        while MonotonicClock.now() < deadline {
            if cancel.isSet {
                cancelled.set(cancelled.get() + 1)
                throw Cancelled()
            }
            usleep(5000)
        }
        completed.set(completed.get() + 1)
        let lines = serverLogLines.get()
        if !lines.isEmpty {
            let fd = try run.openServerLogForWriting()
            defer { close(fd) }
            try SafeFile.writeAll(fd, Array(lines.map { $0 + "\n" }.joined().utf8), path: "server log")
        }
        return PreparedRun(plan: BuildPlan(arguments: command, workingDirectory: project), directory: run)
    }

    public func sampleStats(_ run: PreparedRun, sampling: RunSchedule.Sampling, cancel: CancelFlag) throws -> String {
        samples.update { $0 += 1 }
        guard let json = statsJSON.get() else { throw StatsPending() }
        return json
    }
    public func finishRun(_ run: PreparedRun) -> EngineFinish {
        EngineFinish(json: finalJSON.get(), text: finalReport.get())
    }
    public func zeroStats(_ run: PreparedRun) throws {}
    public func stop(_ process: PTYProcess, run: PreparedRun, stopping: RunSchedule.Stopping) {
        process.terminate(grace: stopping.processGrace)
    }
    public func chown(uid: uid_t, gid: gid_t, cancel: CancelFlag) -> ChownResult {
        ChownResult(owner: "\(uid):\(gid)", .done(changed: 0, failed: 0, firstError: nil))
    }
    public func shutdown(last run: PreparedRun?) {}
}
