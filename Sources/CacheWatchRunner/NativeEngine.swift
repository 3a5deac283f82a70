import CacheWatchCore
import Foundation

/// Runs the build on the host: cargo under a PTY, wrapped by the real sccache binary,
/// with a sccache server on a port of this dashboard's own.
public final class NativeEngine: BuildEngine {
    public let name = EngineKind.native
    public let command: [String]
    public let project: String
    public let mountRoot: String
    /// The user's own cargo home (its registry is the one the build fills).
    public let cargoHome: String
    public let client: SccacheClient
    /// Delete target/ before each run, so every run compiles everything.
    public let fresh: Bool
    private let plan: BuildPlan

    public init(
        command: [String], project: String, mountRoot: String, cacheSize: String, sccache: String, port: Int,
        cargoHome: String, fresh: Bool = false
    ) {
        self.command = command
        self.cargoHome = cargoHome
        self.fresh = fresh
        self.project = project
        self.mountRoot = mountRoot
        plan = NativePlan.make(
            command: command, project: project, mountRoot: mountRoot, cacheSize: cacheSize, sccache: sccache, port: port)
        var serverEnvironment = plan.environment
        serverEnvironment.removeValue(forKey: "RUSTC_WRAPPER")
        client = SccacheClient(binary: sccache, environment: serverEnvironment)
        // Only the server logs each compile (SccacheServer sets SCCACHE_LOG for it alone), so cargo's output stays clean.
        server = SccacheServer(client: client)
    }

    private let server: SccacheServer

    public var details: [String] { ["server :\(client.port)"] }

    public var directories: [(name: String, path: String)] {
        [
            ("registry", cargoHome + "/registry"),
            ("sccache", MountLayout.sccacheDirectory(mountRoot: mountRoot)),
            ("target", project + "/target"),
        ]
    }

    /// The user's `CARGO_*` variables (the build gets them as they are), `rustc -vV` in the project (rustup may
    /// choose a toolchain per directory), and the project's path (the build's working directory).
    public func keyContext() -> RunContext {
        let version = try? CommandRunner.run(["rustc", "-vV"], directory: project, timeout: 20)
        return RunContext(
            cargoEnvironment: RunContext.cargoVariables(ProcessInfo.processInfo.environment),
            rustcVersion: version.flatMap { $0.succeeded ? $0.stdout.trimmingCharacters(in: .whitespacesAndNewlines) : nil },
            projectPath: project)
    }

    public func prepareRun(
        in run: RunDirectory, cancel: CancelFlag, log: @escaping @Sendable ([UInt8]) -> Void,
        waiting: @escaping @Sendable (Preparation) -> Void
    ) throws -> PreparedRun {
        // A fresh server per run: its numbers are this build's alone, as in the container.
        waiting(.startingServer)
        try server.start(logging: run, cancel: cancel)
        if fresh {
            SafeFile.removeTree(project + "/target")  // a link in target/ (the build's) is removed, not followed
        }
        return PreparedRun(plan: plan, directory: run)
    }

    public func sampleStats(_ run: PreparedRun, sampling: RunSchedule.Sampling, cancel: CancelFlag) throws -> String {
        try client.statsJSON(cancel: cancel, yielding: true)
    }

    public func distStatus(_ run: PreparedRun, cancel: CancelFlag) throws -> String {
        try client.distStatus(cancel: cancel)
    }

    /// How long sccache may take for its final numbers after the build (a stopped or hung server would
    /// otherwise hold the end of the run; the build's own time is taken at its exit anyway).
    static let finalAnswerSeconds = 5.0

    public func finishRun(_ run: PreparedRun) -> EngineFinish {
        guard client.isServerRunning() else {
            server.stop()
            return EngineFinish(server: .serverStopped)
        }
        var finish = EngineFinish()
        // The server stops after (`releaseRun`): its log's last lines (cache writes finishing) are written before the
        // run's end reads them.
        do {
            (finish.json, finish.text) = try client.finalStats(timeout: Self.finalAnswerSeconds)
        } catch {
            finish.server = .serverSilent(seconds: Int(Self.finalAnswerSeconds))
        }
        return finish
    }

    public func releaseRun(_ run: PreparedRun) {
        server.stop(timeout: Self.finalAnswerSeconds)
    }

    public func zeroStats(_ run: PreparedRun) throws {
        try client.zeroStats()
    }

    public func stop(_ process: PTYProcess, run: PreparedRun, stopping: RunSchedule.Stopping) {
        process.terminate(grace: stopping.processGrace)
    }

    /// The registry is the user's own cargo home, not the build's output: it is shown, never chowned (nor are
    /// its owners counted).
    public var chownedDirectories: Set<String> { ["sccache", "target"] }

    public func chown(uid: uid_t, gid: gid_t, cancel: CancelFlag) -> ChownResult {
        let owned = chownedDirectories
        let result = Chowner.chown(directories.filter { owned.contains($0.name) }.map(\.path), uid: uid, gid: gid)
        return ChownResult(
            owner: "\(uid):\(gid)", .done(changed: result.changed, failed: result.failed, firstError: result.firstError))
    }

    public func shutdown(last run: PreparedRun?) {
        server.stop()
    }
}
