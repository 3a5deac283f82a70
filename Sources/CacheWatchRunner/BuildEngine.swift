import CacheWatchCore
import Foundation

/// The seam between the dashboard and where the build runs (the host, or a container).
/// Methods may be called from background queues; implementations keep no unsynchronised state.
public protocol BuildEngine: AnyObject, Sendable {
    /// `.native` or `.docker`.
    var name: EngineKind { get }
    /// Facts for the header, such as the image.
    var details: [String] { get }
    /// The user's build command (shown and written to the report).
    var command: [String] { get }
    /// The directories of the disk panel, by short name.
    var directories: [(name: String, path: String)] { get }
    /// The names of those that `c` chowns: only their entries count as "not owned by" the user.
    var chownedDirectories: Set<String> { get }
    /// The root of the mounted cache directories (and of cachewatch's own files).
    var mountRoot: String { get }
    /// Everything before a run (a fresh sccache server, an image pull); returns what to spawn on the PTY and what
    /// the later calls about the run need. sccache's server log and the live stats go into `run`; output worth
    /// showing (pull progress) goes to `log`, what it waits on to `waiting`. Gives up with `Cancelled` as soon as
    /// `cancel` is set.
    func prepareRun(
        in run: RunDirectory, cancel: CancelFlag, log: @escaping @Sendable ([UInt8]) -> Void,
        waiting: @escaping @Sendable (Preparation) -> Void
    ) throws -> PreparedRun
    /// One live sample of the run's sccache JSON stats, read as `sampling` says; throws `StatsPending` when there is
    /// none yet (not an error), `StatsStale` when what there is is too old.
    func sampleStats(_ run: PreparedRun, sampling: RunSchedule.Sampling, cancel: CancelFlag) throws -> String
    /// The run's sccache client's view of its build farm (`--dist-status`).
    func distStatus(_ run: PreparedRun, cancel: CancelFlag) throws -> String
    /// After the build ended: sccache's final JSON (if still reachable), its text report (the docker engine's come
    /// through the log instead, see `FinalStatsMarker`), and what became of its server when they are missing.
    func finishRun(_ run: PreparedRun) -> EngineFinish
    /// Once the run's end has what `finishRun` gave: lets go of what the run still holds (the native server, whose
    /// last log lines are written as it stops). The last disk scan runs meanwhile.
    func releaseRun(_ run: PreparedRun)
    /// Zeroes the run's live server's statistics.
    func zeroStats(_ run: PreparedRun) throws
    /// Asks the running build to stop (the PTY process is the `docker run` client or cargo), as `stopping` says.
    func stop(_ process: PTYProcess, run: PreparedRun, stopping: RunSchedule.Stopping)
    /// Gives the disk panel's directories to `uid:gid`; says what changed.
    func chown(uid: uid_t, gid: gid_t, cancel: CancelFlag) -> ChownResult
    /// Releases what the engine holds (servers, the last run's container) when the dashboard exits.
    func shutdown(last run: PreparedRun?)
    /// What every cache key of a run shares (the `CARGO_*` variables the build sees, the toolchain, the image, the
    /// working directory as sccache sees it), for "why it missed". Called after a run, off the UI thread.
    func keyContext() -> RunContext
    /// Where the project is as the build sees it, when that is not its host path (`/volume` in the container).
    var containerRoot: String? { get }
}

extension BuildEngine {
    public func releaseRun(_ run: PreparedRun) {}
    public func distStatus(_ run: PreparedRun, cancel: CancelFlag) throws -> String {
        throw CommandRunner.Failure.launch("sccache --dist-status", "not asked with the \(name) engine yet")
    }
    public func keyContext() -> RunContext { RunContext(cargoEnvironment: [:], projectPath: "") }
    public var containerRoot: String? { nil }
    public var chownedDirectories: Set<String> { Set(directories.map(\.name)) }
}

/// What an engine got of sccache after the build: its final JSON and text report as printed (unmasked), and what it
/// saw of the server (stopped, silent) when they are missing.
public struct EngineFinish: Sendable {
    public var json: String?
    public var text: String?
    public var server: EndDiagnosis?

    public init(json: String? = nil, text: String? = nil, server: EndDiagnosis? = nil) {
        self.json = json
        self.text = text
        self.server = server
    }
}
