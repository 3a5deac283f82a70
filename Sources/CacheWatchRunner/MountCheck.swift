import CacheWatchCore
import Foundation

/// What the docker engine bind-mounts from under the mount root, checked right before `docker run`: Docker resolves a
/// symbolic link in a bind source, so a link that a build planted there (a container writes the mount root as root;
/// the mount root may lie inside the project) would give the next container a host directory, read-write. Every
/// source and each directory between it and the mount root must be a real directory (or a regular file, for
/// cargo's lock files); the directories on the way owned by you, by root (what the containers write) or by the
/// owner `c` gives the outputs to.
public enum MountCheck {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// One thing to mount, and whether it is a regular file (else a directory).
    public struct Source: Sendable {
        public let path: String
        public let isFile: Bool

        public init(_ path: String, isFile: Bool = false) {
            self.path = path
            self.isFile = isFile
        }
    }

    /// The mount root's sources for both containers (the build's and chown's), with the run's own directory.
    /// A build farm's client config and toolchain cache are checked where they lie under the mount root.
    public static func sources(mountRoot: String, runDirectory: String?, farm: DockerPlan.Farm? = nil) -> [Source] {
        var sources = [
            Source(MountLayout.registryDirectory(mountRoot: mountRoot)),
            Source(MountLayout.sccacheDirectory(mountRoot: mountRoot)),
        ]
        sources += MountLayout.cargoLockFiles.map { Source(MountLayout.cargoLockFile($0, mountRoot: mountRoot), isFile: true) }
        if let runDirectory { sources.append(Source(runDirectory)) }
        let below = { (path: String) in path.hasPrefix(mountRoot + "/") }
        if let farm {
            if below(farm.config) { sources.append(Source(farm.config, isFile: true)) }
            if let cache = farm.toolchainCache, below(cache) { sources.append(Source(cache)) }
        }
        return sources
    }

    /// Checks every source, from the mount root down; the mount root itself too: inside the project it must be a
    /// real directory (a build can replace it by a link); anywhere, it and every directory above it must belong to
    /// you, root or the chown owner (a `/tmp/muslrust` made by another account could be swapped under you). Links
    /// above the mount root are followed there: that path is yours to choose. Throws the first problem, worded with
    /// what to do.
    public static func verify(
        _ sources: [Source], mountRoot: String, project: String, owners: Set<uid_t> = [getuid(), 0]
    ) throws(Failure) {
        let insideProject = mountRoot == project || mountRoot.hasPrefix(project + "/")
        if insideProject { try check(mountRoot, isFile: false, owners: owners) }
        var above = mountRoot
        while !above.isEmpty {
            var info = stat()
            if stat(above, &info) == 0, !owners.contains(info.st_uid) {
                throw Failure(
                    description: "\(above) belongs to uid \(info.st_uid), neither you nor root: another account could "
                        + "replace what the container mounts. Use a mount root of your own (--mount-root)")
            }
            above = (above as NSString).deletingLastPathComponent
            if above == "/" { break }
        }
        for source in sources {
            let steps = SafeFile.steps(from: mountRoot, to: source.path)
            for (index, current) in steps.enumerated() {
                let isLast = index == steps.count - 1
                // The directories on the way are checked for their owner (whoever owns one could swap what is in it
                // for a link); the source itself may belong to whoever `c` gave the outputs to.
                try check(current, isFile: source.isFile && isLast, owners: isLast ? nil : owners)
            }
        }
    }

    private static func check(_ path: String, isFile: Bool, owners: Set<uid_t>?) throws(Failure) {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            throw Failure(description: "cannot mount \(path): \(String(cString: strerror(errno)))")
        }
        let kind = info.st_mode & S_IFMT
        if kind == S_IFLNK {
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)).map { " (to \($0))" } ?? ""
            throw Failure(
                description: "\(path) is a symbolic link\(target), not a directory: Docker would mount what it points to, "
                    + "and a build may have put it there to reach a directory of this machine. Nothing was mounted; "
                    + "remove it (rm '\(path)') and run again")
        }
        guard kind == (isFile ? S_IFREG : S_IFDIR) else {
            throw Failure(
                description: "\(path) is not a \(isFile ? "regular file" : "directory"); remove it and run again")
        }
        guard owners?.contains(info.st_uid) ?? true else {
            throw Failure(
                description: "\(path) belongs to uid \(info.st_uid), neither you nor root: another account could change "
                    + "what the container mounts. Use a mount root of your own (--mount-root)")
        }
    }
}
