import CacheWatchCore
import Foundation

/// Where the user's list of trusted project files lives: `$XDG_STATE_HOME/cachewatch/trusted`, else
/// `~/.local/state/cachewatch/trusted`; the directory 0700 and the file 0600, neither ever through a link.
public struct TrustStore: Sendable {
    public let path: String

    public init(environment: [String: String], home: String) {
        if let base = environment["XDG_STATE_HOME"], base.hasPrefix("/") {
            path = base + "/cachewatch/trusted"
        } else {
            path = home + "/.local/state/cachewatch/trusted"
        }
    }

    public init(path: String) { self.path = path }

    /// The list; empty when there is none yet.
    public func load() throws(SafeFile.Failure) -> TrustList {
        guard let bytes = try SafeFile.read(path, limit: 4 << 20) else { return TrustList() }
        return TrustList(parsing: String(decoding: bytes, as: UTF8.self))
    }

    public func save(_ list: TrustList) throws(SafeFile.Failure) {
        try SafeFile.makeDirectory((path as NSString).deletingLastPathComponent, mode: 0o700)
        try AtomicFile.write(list.text, to: path, mode: 0o600)
    }

    /// How a project file read with `digest` stands: trusted, changed since, or never trusted (also when the list
    /// cannot be read: nothing is trusted by mistake).
    public func trust(projectFile: String, digest: String) -> ProjectTrust {
        guard let canonical = Self.canonical(projectFile), let list = try? load() else { return .untrusted }
        return list.status(path: canonical, digest: digest)
    }

    /// The file's path with its directory's links and `..` resolved (the file itself is never a link: it is read
    /// with O_NOFOLLOW).
    public static func canonical(_ file: String) -> String? {
        let directory = (file as NSString).deletingLastPathComponent
        guard let resolved = realpath(directory, nil) else { return nil }
        defer { free(resolved) }
        let base = String(cString: resolved)
        return (base == "/" ? "" : base) + "/" + (file as NSString).lastPathComponent
    }
}
