import CacheWatchCore
import Foundation

/// cachewatch's own files of one run — sccache's server log and the container's live stats — in a directory
/// of their own under `<mount root>/cachewatch/runs/`, mode 0700, named uniquely (two dashboards on one mount
/// root never share a file), kept out of the sccache directory (which CI caches and sccache may evict from).
///
/// A build can write here (the container mounts it; a native build is the user), so the host only ever
/// touches the log through the descriptor it created, and reads the stats file without following links.
public final class RunDirectory: @unchecked Sendable {
    public let name: String
    public let path: String
    /// The run's number in this dashboard's session, from 1.
    public let number: Int
    /// The server log, created here (0600) before the run: read and scrubbed through this descriptor only.
    private let logDescriptor: Int32

    public static let serverLogName = "sccache-server.log"
    public static let statsName = "stats.json"
    public static let distStatusName = "dist-status.json"
    /// Where the container sees this directory.
    public static let containerPath = "/cachewatch-run"
    /// Run directories kept per mount root (those of dashboards still running are never removed).
    public static let kept = 20

    public var serverLogPath: String { path + "/" + Self.serverLogName }
    public var statsPath: String { path + "/" + Self.statsName }

    public static func root(mountRoot: String) -> String { MountLayout.ownDirectory(mountRoot: mountRoot) + "/runs" }

    /// A new, empty run directory with an empty server log in it.
    public init(mountRoot: String, engine: EngineKind, run: Int) throws(SafeFile.Failure) {
        number = run
        let root = Self.root(mountRoot: mountRoot)
        try SafeFile.makeDirectory(MountLayout.ownDirectory(mountRoot: mountRoot), mode: 0o700)
        try SafeFile.makeDirectory(root, mode: 0o700)
        let stamp = Self.stamp()
        var attempt = 0
        while true {
            let suffix = String(UInt32.random(in: 0...UInt32.max) % 1_679_616, radix: 36)
            let candidate = "\(stamp)-\(engine)-run\(run)-\(getpid())-\(suffix)"
            if mkdir(root + "/" + candidate, 0o700) == 0 {
                name = candidate
                break
            }
            attempt += 1
            guard errno == EEXIST, attempt < 20 else { throw SafeFile.Failure(root + "/" + candidate) }
        }
        path = root + "/" + name
        let fd = open(path + "/" + Self.serverLogName, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SafeFile.Failure(path + "/" + Self.serverLogName) }
        logDescriptor = fd
    }

    deinit {
        close(logDescriptor)
    }

    /// A descriptor for whoever writes the server log on the host (the native server's stderr), appending.
    public func openServerLogForWriting() throws(SafeFile.Failure) -> Int32 {
        let fd = open(serverLogPath, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw SafeFile.Failure(serverLogPath) }
        return fd
    }

    /// A tailer of the server log, reading the file this directory created (whatever is at its path later).
    func serverLogTailer() -> LogTailer {
        LogTailer(path: serverLogPath, descriptor: dup(logDescriptor))
    }

    /// The server log, whole (up to 64 MiB).
    public func serverLog() -> [UInt8] {
        (try? SafeFile.readAll(logDescriptor, path: serverLogPath, limit: 64 << 20)) ?? []
    }

    /// The container's live stats file: nil when absent; an error when something other than a file is there.
    public func liveStats() throws(SafeFile.Failure) -> (json: String, written: Double)? {
        try containerFile(statsPath)
    }

    /// The container's last `--dist-status` (a build farm's client): nil when absent.
    public func distStatus() throws(SafeFile.Failure) -> String? {
        try containerFile(path + "/" + Self.distStatusName)?.json
    }

    /// A file the container rewrites here, and when: nil when absent; never through a link.
    private func containerFile(_ file: String) throws(SafeFile.Failure) -> (json: String, written: Double)? {
        let fd: Int32
        do {
            fd = try SafeFile.openForReading(file)
        } catch {
            if error.code == ENOENT { return nil }
            throw error
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        let written = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        let bytes = try SafeFile.readAll(fd, path: file, limit: 4 << 20)
        return (String(decoding: bytes, as: UTF8.self), written)
    }

    /// Masks the secrets sccache wrote into its log (it logs backend URLs with their passwords), in place,
    /// through the descriptor: run once the server has stopped.
    public func scrubServerLog() {
        let bytes = serverLog()
        guard !bytes.isEmpty else { return }
        let text = String(decoding: bytes, as: UTF8.self)
        var changed = false
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            let masked = SecretMask.text(String(line))
            if masked.utf8.count != line.utf8.count || masked != line {
                changed = true
                return Substring(masked)
            }
            return line
        }
        guard changed else { return }
        let scrubbed = Array(lines.joined(separator: "\n").utf8)
        _ = ftruncate(logDescriptor, 0)
        var written = 0
        while written < scrubbed.count {
            let n = scrubbed.withUnsafeBufferPointer {
                pwrite(logDescriptor, $0.baseAddress! + written, $0.count - written, off_t(written))
            }
            if n <= 0 { break }
            written += n
        }
    }

    /// Removes what the container wrote here (the live stats, whose cache location holds a backend's URL with its
    /// password) once the run has ended and they are read: no secret stays at rest under the mount root, which CI
    /// caches. Unlinking never follows a link.
    public func removeContainerFiles() {
        Self.removeContainerFiles(in: path)
    }

    private static func removeContainerFiles(in path: String) {
        for name in [statsName, distStatusName] {
            unlink(path + "/" + name)
            unlink(path + "/" + name + ".tmp")
        }
    }

    /// Removes all but the newest `kept` run directories, except `current` and those of other dashboards still
    /// running (this dashboard's earlier runs go as new ones come: a watch loop leaves no trail of them); what a
    /// container left in the kept ones (a dashboard killed mid-run) goes too.
    public static func prune(mountRoot: String, keep: Int = kept, current: String? = nil) {
        let root = root(mountRoot: mountRoot)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: root) else { return }
        let sorted = names.sorted(by: >)
        for name in sorted.dropFirst(keep) where name != current && !isInUse(name) {
            SafeFile.removeTree(root + "/" + name)
        }
        for name in sorted.prefix(keep) where name != current && !isInUse(name) {
            removeContainerFiles(in: root + "/" + name)
        }
    }

    /// True when another dashboard, whose pid is in `name`, still runs.
    private static func isInUse(_ name: String) -> Bool {
        let parts = name.split(separator: "-")
        guard parts.count >= 2, let pid = pid_t(parts[parts.count - 2]), pid > 0, pid != getpid() else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    /// "20261129-071450" (local time), so names sort by age.
    private static func stamp() -> String {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))-"
            + "\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))"
    }
}
