/// Whether its user trusts a project's `.cachewatch.toml` (direnv's `allow`, mise's `trust`). A cloned repository's
/// file comes with code its user did not write: nothing in it applies until the user trusts that file, and a file
/// that changed since it was trusted is untrusted again.
public enum ProjectTrust: String, Hashable, Sendable {
    /// Trusted with exactly this content (`cachewatch trust`).
    case trusted
    /// Trusted for this run only (`--trust-project`, for CI where the repository is the user's own).
    case forThisRun
    /// Never trusted.
    case untrusted
    /// Trusted once, with other content: it changed since.
    case changed

    /// Whether the file's settings apply.
    public var applies: Bool { self == .trusted || self == .forThisRun }

    /// "trusted", "not trusted", …: how `cachewatch config` and the notice say it.
    public var word: String {
        switch self {
        case .trusted: return "trusted"
        case .forThisRun: return "trusted for this run (--trust-project)"
        case .untrusted: return "not trusted"
        case .changed: return "not trusted: it changed since you trusted it"
        }
    }
}

/// What the resolver found in a project's file: whether it is trusted, what it changes (or would change), and, for an
/// untrusted file, how many problems it would have.
public struct ProjectFileStatus: Hashable, Sendable {
    /// The file as messages show it.
    public let path: String
    public let trust: ProjectTrust
    /// One line per setting it changes (or would): `engine = "native" (instead of "docker")`.
    public let changes: [String]
    /// Problems the file has (an untrusted file's are only counted: it does not apply).
    public let problems: [ConfigProblem]

    public init(path: String, trust: ProjectTrust, changes: [String], problems: [ConfigProblem] = []) {
        self.path = path
        self.trust = trust
        self.changes = changes
        self.problems = problems
    }

    /// Said once before the first build (on screen, and on stderr headless) when the file does not apply and would
    /// change something; nil otherwise.
    public var notice: String? {
        guard !trust.applies, !changes.isEmpty || !problems.isEmpty else { return nil }
        let opening =
            trust == .changed
            ? "\(path) changed since you trusted it, so none of it applies"
            : "\(path) is not trusted, so none of it applies"
        var parts: [String] = []
        if !changes.isEmpty { parts.append("it would set " + changes.joined(separator: ", ")) }
        if !problems.isEmpty { parts.append("it has \(problems.count) problem\(problems.count == 1 ? "" : "s")") }
        return "cachewatch: \(opening) (\(parts.joined(separator: "; "))). `cachewatch trust` shows it and trusts it; "
            + "--trust-project trusts it for one run"
    }
}

/// The user's list of trusted project files, as kept in `$XDG_STATE_HOME/cachewatch/trusted` (mode 0600): one line
/// per file, its SHA-256 then its canonical path (`\` and a newline in a path escaped as `\\` and `\n`).
public struct TrustList: Hashable, Sendable {
    /// Canonical path → SHA-256 of the content trusted.
    public private(set) var digests: [String: String] = [:]

    public init() {}

    /// The list as written; a line that is not `<64 hex> <path>` is ignored (the file is the user's own, but a damaged
    /// line must never trust anything).
    public init(parsing text: String) {
        for line in text.split(separator: "\n") {
            guard let space = line.firstIndex(of: " ") else { continue }
            let digest = String(line[..<space])
            let path = Self.unescaped(String(line[line.index(after: space)...]))
            guard digest.count == 64, digest.allSatisfy(\.isHexDigit), path.hasPrefix("/") else { continue }
            digests[path] = digest.lowercased()
        }
    }

    public var text: String {
        digests.keys.sorted().map { "\(digests[$0]!) \(Self.escaped($0))\n" }.joined()
    }

    /// Whether the file at `path` (canonical) with content `digest` is trusted.
    public func status(path: String, digest: String) -> ProjectTrust {
        guard let known = digests[path] else { return .untrusted }
        return known == digest ? .trusted : .changed
    }

    public mutating func trust(path: String, digest: String) { digests[path] = digest }

    /// Forgets `path`; false when it was not there.
    @discardableResult
    public mutating func revoke(path: String) -> Bool { digests.removeValue(forKey: path) != nil }

    private static func escaped(_ path: String) -> String {
        path.replacingAll("\\", with: "\\\\").replacingAll("\n", with: "\\n")
    }

    private static func unescaped(_ text: String) -> String {
        var result = ""
        var escaping = false
        for character in text {
            if escaping {
                result.append(character == "n" ? "\n" : character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
