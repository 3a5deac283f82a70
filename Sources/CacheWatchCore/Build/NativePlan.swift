/// The native engine's build: the user's command on the host, wrapped by sccache. It adds no `CARGO_*` variable
/// (sccache hashes every one of them into every key): the build sees the user's own `CARGO_HOME`,
/// `CARGO_INCREMENTAL` and the rest, so builds under cachewatch and the user's own `cargo build` on the same cache
/// share their entries.
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
            ],
            workingDirectory: project)
    }

    public static let defaultCommand = ["cargo", "build", "--release", "--locked"]

    /// cargo's home as cargo finds it: `$CARGO_HOME`, else `~/.cargo`.
    public static func cargoHome(environment: [String: String], home: String) -> String {
        if let value = environment["CARGO_HOME"], !value.isEmpty { return value }
        return home + "/.cargo"
    }
}
