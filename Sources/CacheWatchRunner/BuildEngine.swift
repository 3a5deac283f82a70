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
    /// Where the host can read the sccache server's debug log of the current run.
    var serverLogPath: String { get }
    /// String fields added to the report ("image", "container").
    var reportExtras: [(key: String, value: String)] { get }

    /// Everything before a run (a fresh sccache server, an image pull); returns what to spawn on the PTY.
    /// Output worth showing (pull progress) goes to `log`.
    func prepareRun(log: @escaping @Sendable ([UInt8]) -> Void) throws -> BuildPlan
    /// One live sample of sccache's JSON stats; throws `StatsPending` when there is none yet (not an error).
    func sampleStats() throws -> String
    /// After the build ended: sccache's final JSON (if still reachable) and its text report
    /// (the docker engine's come through the log instead, see `FinalStatsMarker`).
    func finishRun() -> (json: String?, text: String?)
    /// Zeroes the live server's statistics.
    func zeroStats() throws
    /// Asks the running build to stop (the PTY process is the `docker run` client or cargo).
    func stop(_ process: PTYProcess)
    /// Gives the disk panel's directories to `uid:gid`; returns a one-line summary.
    func chown(uid: uid_t, gid: gid_t) -> String
    /// Why a build ended as it did, when the engine can tell more than the exit status
    /// (e.g. a container killed from outside); nil otherwise.
    func explain(_ status: ExitStatus, finalStatsReceived: Bool) -> String?
    /// Releases what the engine holds (servers, containers) when the dashboard exits.
    func shutdown()
}

/// No stats sample yet (the build is starting); the panel keeps waiting without an error.
public struct StatsPending: Error {
    public init() {}
}
