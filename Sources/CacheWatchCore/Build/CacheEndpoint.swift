/// The network address of a Redis or memcached cache, read from its URL (`redis://[user:pass@]host[:port][/db]`,
/// `rediss://…`, `tcp://host:port`, `host:port`). Holds no credentials: only where to connect, and the URL
/// masked for messages.
public struct CacheEndpoint: Hashable, Codable, Sendable {
    public var kind: CacheBackend.Kind
    public var host: String
    public var port: Int
    /// `rediss://`: TLS (a probe only connects).
    public var tls: Bool
    /// The URL as given, with any password masked.
    public var masked: String
    /// Whether the URL carries a password in its user information.
    public var hasPasswordInURL: Bool

    public init(kind: CacheBackend.Kind, host: String, port: Int, tls: Bool, masked: String, hasPasswordInURL: Bool) {
        self.kind = kind
        self.host = host
        self.port = port
        self.tls = tls
        self.masked = masked
        self.hasPasswordInURL = hasPasswordInURL
    }

    /// nil when no host can be read (a Unix socket, an empty value).
    public static func parse(_ text: String, kind: CacheBackend.Kind) -> CacheEndpoint? {
        let url = text.trimmingSpaces
        var rest = Substring(url)
        var tls = false
        if let scheme = rest.firstRange(of: "://") {
            let name = rest[..<scheme.lowerBound].lowercased()
            guard !name.contains("unix") else { return nil }
            tls = name == "rediss"
            rest = rest[scheme.upperBound...]
        }
        var hasPassword = false
        if let at = rest.lastIndex(of: "@") {
            hasPassword = !rest[..<at].isEmpty
            rest = rest[rest.index(after: at)...]
        }
        if let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) { rest = rest[..<slash] }
        var host: Substring
        var portText: Substring?
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() }
        } else if let colon = rest.lastIndex(of: ":") {
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        } else {
            host = rest
        }
        guard !host.isEmpty else { return nil }
        let standard = kind == .memcached ? 11211 : 6379
        let port = portText.flatMap { Int($0) } ?? standard
        guard (1...65535).contains(port) else { return nil }
        return CacheEndpoint(
            kind: kind, host: String(host), port: port, tls: tls, masked: SecretMask.text(url), hasPasswordInURL: hasPassword)
    }

    /// A loopback address: from a container on a bridge network, it is the container itself, not the host.
    public var isLoopback: Bool {
        let h = host.lowercased()
        return h == "localhost" || h.hasPrefix("127.") || h == "::1" || h.hasSuffix(".localhost")
    }
}
