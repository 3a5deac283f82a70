import CacheWatchCore
import Foundation

/// `cachewatch trust`'s work: shows a project's `.cachewatch.toml`, each setting with what it changes, and trusts that
/// file with that content (direnv's `allow`, mise's `trust`); `revoke` forgets it, `list` lists the files trusted.
/// The reply is what to print and the exit status; nothing here prints.
public struct TrustAction: Sendable {
    public enum Request: Sendable {
        case list
        case trust(project: String)
        case revoke(project: String)
    }

    public struct Reply: Sendable, Equatable {
        public var out: [String] = []
        public var err: [String] = []
        public var status: Int32 = 0
    }

    public let loader: SettingsLoader

    public init(loader: SettingsLoader = SettingsLoader()) { self.loader = loader }

    public func perform(_ request: Request) -> Reply {
        let store = loader.trustStore
        let stored: TrustList
        do {
            stored = try store.load()
        } catch {
            return failure("cannot read the trusted files' list \(loader.abbreviate(store.path)): \(error.reason)")
        }
        switch request {
        case .list:
            return Reply(out: listed(stored))
        case .revoke(let project):
            let path = ConfigReader.projectFile(project: loader.absolute(project))
            guard let canonical = TrustStore.canonical(path) else { return failure("\(project): \(Self.errnoText)") }
            var updated = stored
            let shown = loader.abbreviate(path)
            guard updated.revoke(path: canonical) else {
                return Reply(out: ["cachewatch: \(shown) was not trusted: nothing to forget"])
            }
            if let failed = save(updated, store) { return failed }
            return Reply(out: ["cachewatch: \(shown) is no longer trusted: none of it applies"])
        case .trust(let project):
            return trust(project: loader.absolute(project), stored: stored, store: store)
        }
    }

    private func trust(project directory: String, stored: TrustList, store: TrustStore) -> Reply {
        let path = ConfigReader.projectFile(project: directory)
        let shown = loader.abbreviate(path)
        guard let canonical = TrustStore.canonical(path) else { return failure("\(directory): \(Self.errnoText)") }
        let file: ConfigFile?
        do {
            file = try ConfigReader.read(path, shown: shown, kind: .project)
        } catch {
            return Reply(err: [SettingsLoader.message(error), "cachewatch: \(shown) is not trusted"], status: 1)
        }
        guard let file else { return failure("there is no \(shown) to trust") }
        let settings: Settings
        do {
            let user = try ConfigReader.read(loader.userFile, shown: "your config file", kind: .user)
            settings = try ConfigResolver.resolve(
                environment: loader.host.environment, project: file, trust: .forThisRun, user: user)
        } catch {
            return Reply(err: [SettingsLoader.message(error), "cachewatch: \(shown) is not trusted: fix it first"], status: 1)
        }
        let problems = SettingsLoader.linksOut(settings, project: directory)
        guard problems.isEmpty else {
            return Reply(
                err: problems.map { "cachewatch: error: \($0)" } + ["cachewatch: \(shown) is not trusted"], status: 1)
        }
        let changes = settings.projectFile?.changes ?? []
        var lines = ["cachewatch: \(shown) (sha256 \(file.digest.prefix(16))…)"]
        lines += changes.isEmpty ? ["  changes nothing of your settings"] : changes.map { "  \($0)" }
        var updated = stored
        updated.trust(path: canonical, digest: file.digest)
        if let failed = save(updated, store) { return failed }
        lines.append(
            stored.status(path: canonical, digest: file.digest) == .trusted
                ? "cachewatch: it was trusted already, with this content"
                : "cachewatch: trusted: it applies to runs of this project until it changes (`cachewatch trust --revoke` forgets it)"
        )
        return Reply(out: lines)
    }

    private func save(_ list: TrustList, _ store: TrustStore) -> Reply? {
        do {
            try store.save(list)
            return nil
        } catch {
            return failure("cannot write \(loader.abbreviate(store.path)): \(error.reason)")
        }
    }

    private func listed(_ list: TrustList) -> [String] {
        guard !list.digests.isEmpty else { return ["cachewatch: no project file is trusted"] }
        return list.digests.keys.sorted().map { path in
            var state = "gone"
            if let bytes = try? SafeFile.read(path, limit: ConfigLimits.maximumSize + 1) {
                state = SHA256.hex(bytes) == list.digests[path] ? "trusted" : "changed since: not trusted"
            }
            return "\(loader.abbreviate(path))  \(state)"
        }
    }

    private func failure(_ text: String) -> Reply { Reply(err: ["cachewatch: error: \(text)"], status: 1) }

    private static var errnoText: String { String(cString: strerror(errno)) }
}
