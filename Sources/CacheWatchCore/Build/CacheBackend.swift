/// Where sccache keeps its cache, read from the variables sccache itself reads: one backend (the first one
/// configured, in sccache's own order, else the local disk) or a chain of levels (`SCCACHE_MULTILEVEL_CHAIN`).
/// Every location is masked: it is shown and stored.
public struct CacheBackend: Hashable, Codable, Sendable {
    public enum Kind: String, Hashable, Codable, Sendable, CaseIterable {
        case disk, s3, redis, memcached, gcs, gha, azure, webdav, oss, cos

        /// The word sccache uses in its level names ("L1 (redis)") and in `SCCACHE_MULTILEVEL_CHAIN`.
        public var word: String { rawValue }
        /// Whether the cache lives elsewhere than this machine's disk.
        public var isRemote: Bool { self != .disk }
        /// Whether cachewatch can check that it answers before a build (a TCP service).
        public var isProbed: Bool { self == .redis || self == .memcached }
    }

    public struct Level: Hashable, Codable, Sendable {
        public var kind: Kind
        /// Where it is, masked (a URL, a bucket); nil for the local disk.
        public var location: String?
        /// The service's address, for a Redis or memcached level.
        public var endpoint: CacheEndpoint?

        public init(kind: Kind, location: String? = nil, endpoint: CacheEndpoint? = nil) {
            self.kind = kind
            self.location = location
            self.endpoint = endpoint
        }

        /// "redis (redis://10.0.0.5:6379)", "local disk".
        public var summary: String {
            if kind == .disk { return "local disk" }
            return location.map { "\(kind.word) (\($0))" } ?? kind.word
        }
    }

    public var levels: [Level]

    public init(levels: [Level]) {
        self.levels = levels.isEmpty ? [Level(kind: .disk)] : levels
    }

    public static let localDisk = CacheBackend(levels: [Level(kind: .disk)])

    public var isLocalDisk: Bool { levels.allSatisfy { $0.kind == .disk } }
    /// No level on this machine's disk: its size and limit are the remote service's business.
    public var isRemoteOnly: Bool { !levels.contains { $0.kind == .disk } }
    public var isMultiLevel: Bool { levels.count > 1 }

    /// For the header: "redis (redis://127.0.0.1:6379)", "local disk → redis (redis://…)".
    public var summary: String { levels.map(\.summary).joined(separator: " → ") }

    /// The levels cachewatch can probe, in chain order.
    public var endpoints: [CacheEndpoint] { levels.compactMap(\.endpoint) }

    /// The backend the variables choose. sccache takes the first configured of S3, Redis, memcached, GCS, GHA,
    /// Azure, WebDAV, OSS, COS, else the local disk; `SCCACHE_MULTILEVEL_CHAIN` lists levels by name instead.
    public static func from(environment: [String: String]) -> CacheBackend {
        func value(_ names: String...) -> String? { firstValue(names, in: environment) }
        func level(_ kind: Kind) -> Level? {
            switch kind {
            case .disk:
                return Level(kind: .disk)
            case .s3:
                guard let bucket = value("SCCACHE_BUCKET") else { return nil }
                var location = "s3://\(bucket)"
                if let prefix = value("SCCACHE_S3_KEY_PREFIX") { location += "/\(prefix)" }
                if let endpoint = value("SCCACHE_ENDPOINT") { location += " at \(SecretMask.text(endpoint))" }
                return Level(kind: .s3, location: SecretMask.text(location))
            case .redis, .memcached:
                guard let urls = endpointURLs(kind, environment: environment) else { return nil }
                let first = urls.split(separator: ",").first.map(String.init) ?? urls
                return Level(kind: kind, location: SecretMask.text(urls), endpoint: CacheEndpoint.parse(first, kind: kind))
            case .gcs:
                return value("SCCACHE_GCS_BUCKET").map { Level(kind: .gcs, location: SecretMask.text("gs://\($0)")) }
            case .gha:
                guard let on = value("SCCACHE_GHA_ENABLED"), ["on", "true", "1"].contains(on.lowercased()) else {
                    return nil
                }
                return Level(kind: .gha, location: value("SCCACHE_GHA_VERSION").map { "GitHub Actions cache, version \($0)" })
            case .azure:
                guard value("SCCACHE_AZURE_CONNECTION_STRING") != nil else { return nil }
                return Level(kind: .azure, location: value("SCCACHE_AZURE_BLOB_CONTAINER").map(SecretMask.text))
            case .webdav:
                return value("SCCACHE_WEBDAV_ENDPOINT").map { Level(kind: .webdav, location: SecretMask.text($0)) }
            case .oss:
                return value("SCCACHE_OSS_BUCKET").map { Level(kind: .oss, location: SecretMask.text("oss://\($0)")) }
            case .cos:
                return value("SCCACHE_COS_BUCKET").map { Level(kind: .cos, location: SecretMask.text("cos://\($0)")) }
            }
        }
        if let chain = value("SCCACHE_MULTILEVEL_CHAIN") {
            let levels = chain.split(separator: ",").map { String($0).trimmingSpaces.lowercased() }
                .filter { !$0.isEmpty }
                .map { name in Kind(rawValue: name).flatMap(level) ?? Level(kind: Kind(rawValue: name) ?? .disk) }
            if !levels.isEmpty { return CacheBackend(levels: levels) }
        }
        for kind in Kind.allCases where kind != .disk {
            if let found = level(kind) { return CacheBackend(levels: [found]) }
        }
        return .localDisk
    }

    /// A Redis or memcached cache's endpoint as sccache's variables give it (a cluster's comma-separated list),
    /// credentials and all: for the probe, which connects with them; never shown.
    public static func endpointURLs(_ kind: Kind, environment: [String: String]) -> String? {
        let names: [String]
        switch kind {
        case .redis: names = ["SCCACHE_REDIS_ENDPOINT", "SCCACHE_REDIS", "SCCACHE_REDIS_CLUSTER_ENDPOINTS"]
        case .memcached: names = ["SCCACHE_MEMCACHED_ENDPOINT", "SCCACHE_MEMCACHED"]
        default: return nil
        }
        return firstValue(names, in: environment)
    }

    /// The first of `names` set to something other than spaces, trimmed.
    private static func firstValue(_ names: [String], in environment: [String: String]) -> String? {
        for name in names {
            if let value = environment[name]?.trimmingSpaces, !value.isEmpty { return value }
        }
        return nil
    }

    /// The names of the variables a build in a container needs to reach the backend: sccache's backend settings
    /// and the credentials they read, as set in `environment`, plus `extra` (`--cache-env`). They are passed by
    /// name (`-e NAME`), so no value is ever on an argv. The ones cachewatch sets itself are left out.
    public static func passedVariables(environment: [String: String], extra: [String] = []) -> [String] {
        let prefixes = [
            "SCCACHE_REDIS", "SCCACHE_MEMCACHED", "SCCACHE_MULTILEVEL", "SCCACHE_BUCKET", "SCCACHE_REGION",
            "SCCACHE_ENDPOINT", "SCCACHE_S3_", "SCCACHE_GHA_", "SCCACHE_WEBDAV_", "SCCACHE_GCS_", "SCCACHE_AZURE_",
            "SCCACHE_OSS_", "SCCACHE_COS_", "AWS_", "ACTIONS_", "GOOGLE_APPLICATION_CREDENTIALS",
        ]
        let own: Set<String> = ["SCCACHE_DIR", "SCCACHE_CACHE_SIZE", "SCCACHE_ERROR_LOG", "SCCACHE_LOG", "RUSTC_WRAPPER"]
        var names = Set(environment.keys.filter { name in prefixes.contains { name.hasPrefix($0) } })
        for name in extra where environment[name] != nil { names.insert(name) }
        return names.subtracting(own).sorted()
    }
}
