import CacheWatchCore
import Foundation

extension LaunchPlan.Host {
    /// This process's facts: its environment, `$HOME` (else the account's home), its working directory, its user.
    public static var current: Self {
        let environment = ProcessInfo.processInfo.environment
        let home = environment["HOME"] ?? ""
        return Self(
            environment: environment, home: home.hasPrefix("/") ? home : NSHomeDirectory(),
            workingDirectory: FileManager.default.currentDirectoryPath, uid: getuid(), gid: getgid())
    }
}

extension DoctorProbe.Request {
    /// The doctor's checks of `plan` with the engine it runs on: `cachewatch doctor` and the check before each build
    /// ask alike.
    public init(plan: LaunchPlan, engine: EngineKind, image: String?, sccache: String?, probeBackend: Bool) {
        self.init(
            engine: engine, image: image, command: plan.command, project: plan.projectPath, mountRoot: plan.mountRoot,
            cacheLimit: plan.cacheSize.bytes, environment: plan.environment, sccache: sccache, owner: plan.ownerUID)
        self.probeBackend = probeBackend
    }
}
