import CacheWatchCore
import Foundation

/// The seam between the dashboard and where the build runs (the host, or a container).
/// Methods may be called from background queues; implementations keep no unsynchronised state.
public protocol BuildEngine: AnyObject, Sendable {
    /// "native" or "docker".
    var name: String { get }
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
    /// Facts of the current run for its record ("container": the container's name, "image_digest").
    var runFacts: [String: String] { get }

    /// Everything before a run (a fresh sccache server, an image pull); returns what to spawn on the PTY.
    /// sccache's server log and the live stats go into `run`; output worth showing (pull progress) goes to `log`,
    /// what it waits on to `waiting`. Gives up with `Cancelled` as soon as `cancel` is set.
    func prepareRun(
        in run: RunDirectory, cancel: CancelFlag, log: @escaping @Sendable ([UInt8]) -> Void,
        waiting: @escaping @Sendable (String) -> Void
    ) throws -> BuildPlan
    /// One live sample of sccache's JSON stats; throws `StatsPending` when there is none yet (not an error).
    func sampleStats(cancel: CancelFlag) throws -> String
    /// After the build ended: sccache's final JSON (if still reachable) and its text report
    /// (the docker engine's come through the log instead, see `FinalStatsMarker`).
    func finishRun() -> (json: String?, text: String?)
    /// Zeroes the live server's statistics.
    func zeroStats() throws
    /// Asks the running build to stop (the PTY process is the `docker run` client or cargo).
    func stop(_ process: PTYProcess)
    /// Gives the disk panel's directories to `uid:gid`; says what changed.
    func chown(uid: uid_t, gid: gid_t, cancel: CancelFlag) -> ChownResult
    /// Why a build ended as it did, when the engine can tell more than the exit status
    /// (e.g. a container killed from outside); nil otherwise.
    func explain(_ status: ExitStatus, finalStatsReceived: Bool) -> EndDiagnosis?
    /// Releases what the engine holds (servers, containers) when the dashboard exits.
    func shutdown()
    /// What every cache key of a run shares (the `CARGO_*` variables the build sees, the toolchain, the image, the
    /// working directory as sccache sees it), for "why it missed". Called after a run, off the UI thread.
    func keyContext() -> RunContext
    /// Where the project is as the build sees it, when that is not its host path (`/volume` in the container).
    var containerRoot: String? { get }
}

extension BuildEngine {
    public func keyContext() -> RunContext { RunContext(cargoEnvironment: [:], projectPath: "") }
    public var containerRoot: String? { nil }
    public var chownedDirectories: Set<String> { Set(directories.map(\.name)) }
}
