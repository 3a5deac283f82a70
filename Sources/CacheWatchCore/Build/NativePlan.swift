/// The native engine's build: the user's command on the host, wrapped by sccache.
public enum NativePlan {
    /// - Parameters:
    ///   - command: argv of the build (default `cargo build --release --locked`).
    ///   - sccache: absolute path of the real sccache binary.
    ///   - port: the sccache server port of this dashboard alone.
    public static func make(
        command: [String], project: String, mountRoot: String, cacheSize: String, sccache: String, port: Int
    ) -> BuildPlan {
        BuildPlan(
            arguments: command,
            environment: [
                "RUSTC_WRAPPER": sccache,
                "SCCACHE_DIR": MountLayout.sccacheDirectory(mountRoot: mountRoot),
                "SCCACHE_CACHE_SIZE": cacheSize,
                "SCCACHE_SERVER_PORT": String(port),
                "CARGO_INCREMENTAL": "0",
                // The registry lives under the mount root, as the container's mount does.
                "CARGO_HOME": mountRoot + "/cargo",
            ],
            workingDirectory: project)
    }

    public static let defaultCommand = ["cargo", "build", "--release", "--locked"]
}
