/// The build farm sccache's client is set up for: the `[dist]` section of its config file (sccache 0.16 reads a farm
/// from no variable: `SCCACHE_CONF`, else `$XDG_CONFIG_HOME/sccache/config`, else `~/.config/sccache/config`).
/// What is kept is what may be shown: the token stays in the file, and only its kind is known here.
public struct DistConfig: Hashable, Codable, Sendable {
    /// The file it was read from.
    public var path: String
    /// The scheduler's URL (`http://127.0.0.1:10600`), credentials masked, no trailing slash.
    public var scheduler: String
    /// How the client proves itself: `token`, `mozilla`, `oauth2_code_grant_pkce`, `oauth2_implicit`, or `none`.
    public var auth: String
    /// Where the client keeps packaged toolchains (`cache_dir`), when the file names it.
    public var toolchainCache: String?

    public init(path: String, scheduler: String, auth: String, toolchainCache: String? = nil) {
        self.path = path
        self.scheduler = scheduler
        self.auth = auth
        self.toolchainCache = toolchainCache
    }

    /// The config file sccache's client reads, given its environment.
    public static func clientFile(environment: [String: String], home: String) -> String {
        if let explicit = environment["SCCACHE_CONF"], !explicit.isEmpty { return explicit }
        if let base = environment["XDG_CONFIG_HOME"], base.hasPrefix("/") { return base + "/sccache/config" }
        return home + "/.config/sccache/config"
    }

    /// The farm in a config file's entries; nil when it has no `[dist]` scheduler (no farm: sccache says "disabled").
    public init?(entries: [ConfigEntry], path: String) {
        func string(_ keys: String...) -> String? {
            guard case .string(let value) = entries.first(where: { $0.path == keys })?.value else { return nil }
            return value
        }
        guard let url = string("dist", "scheduler_url"), !url.isEmpty else { return nil }
        self.init(
            path: path, scheduler: DistStatus.safe(url, trimmingSlash: true),
            auth: string("dist", "auth", "type").map { DistStatus.safe($0, trimmingSlash: false) } ?? "none",
            toolchainCache: string("dist", "cache_dir").map { DistStatus.safe($0, trimmingSlash: false) })
    }
}
