/// What lives under the mount root, the same for both engines: the two directories worth caching (the cargo
/// registry and the sccache directory, which the container mounts) and cachewatch's own (`cachewatch/`).
public enum MountLayout {
    public static func registryDirectory(mountRoot: String) -> String { mountRoot + "/cargo/registry" }
    /// cargo's package-cache lock files (in `$CARGO_HOME`, beside the registry), kept under the mount root so that every
    /// container sharing the registry shares them: two builds unpacking the same crate into it take turns.
    public static let cargoLockFiles = [".package-cache", ".package-cache-mutate"]
    public static func cargoLockFile(_ name: String, mountRoot: String) -> String { mountRoot + "/cargo/" + name }
    public static func sccacheDirectory(mountRoot: String) -> String { mountRoot + "/sccache" }
    /// cachewatch's own files: logs, run directories, recorded sessions.
    public static func ownDirectory(mountRoot: String) -> String { mountRoot + "/cachewatch" }
    public static func logDirectory(mountRoot: String) -> String { ownDirectory(mountRoot: mountRoot) + "/logs" }
    /// The history of runs (SQLite), beside the cache it describes.
    public static func historyFile(mountRoot: String) -> String { ownDirectory(mountRoot: mountRoot) + "/history.sqlite" }

    /// The disk panel's directories, by short name.
    public static func watchedDirectories(mountRoot: String, project: String) -> [(name: String, path: String)] {
        [
            ("registry", registryDirectory(mountRoot: mountRoot)),
            ("sccache", sccacheDirectory(mountRoot: mountRoot)),
            ("target", project + "/target"),
        ]
    }
}
