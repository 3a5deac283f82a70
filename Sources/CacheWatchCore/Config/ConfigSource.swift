/// Which config file: the user's own (`~/.config/cachewatch/config.toml`) or the project's (`.cachewatch.toml`).
public enum ConfigFileKind: String, Hashable, Sendable {
    case user
    case project
}

/// Where a setting's value came from; a higher rank wins: flags > environment > project file > user file > defaults.
public enum ConfigSource: Hashable, Sendable, CustomStringConvertible {
    case standard
    case file(ConfigFileKind, path: String, line: Int)
    case environment(String)
    case flag(String)

    /// Given by a config file (the user's or the project's).
    public var isFile: Bool {
        if case .file = self { return true }
        return false
    }

    public var rank: Int {
        switch self {
        case .standard: return 0
        case .file(.user, _, _): return 1
        case .file(.project, _, _): return 2
        case .environment: return 3
        case .flag: return 4
        }
    }

    /// "default", "config.toml:3" (the path as given), "$MOUNT_ROOT", "--engine".
    public var description: String {
        switch self {
        case .standard: return "default"
        case .file(_, let path, let line): return "\(path):\(line)"
        case .environment(let name): return "$\(name)"
        case .flag(let name): return name
        }
    }
}

/// One `key = value` of a config file: its key path (`["keys", "rerun"]`) and line.
public struct ConfigEntry: Hashable, Sendable {
    public let path: [String]
    public let value: ConfigValue
    public let line: Int

    public init(path: [String], value: ConfigValue, line: Int) {
        self.path = path
        self.value = value
        self.line = line
    }
}

/// A config file as read: which one, where (as shown to the user), and its entries.
public struct ConfigFile: Hashable, Sendable {
    public let kind: ConfigFileKind
    /// The file's path as messages show it (`~` for the home directory).
    public let path: String
    /// The directory a relative path in the file is relative to (absolute).
    public let directory: String
    public let entries: [ConfigEntry]
    /// The SHA-256 of the file's bytes: what trusting a project's file pins.
    public var digest = ""

    public init(kind: ConfigFileKind, path: String, directory: String, entries: [ConfigEntry]) {
        self.kind = kind
        self.path = path
        self.directory = directory
        self.entries = entries
    }
}

/// Something wrong in the settings: where (a file and line, a flag, a variable) and what was expected.
public struct ConfigProblem: Hashable, Sendable, CustomStringConvertible {
    public let source: ConfigSource
    public let message: String

    public init(_ source: ConfigSource, _ message: String) {
        self.source = source
        self.message = message
    }

    /// "config.toml:3: …" for a file; a flag's or a variable's message names it already.
    public var description: String {
        if case .file = source { return "\(source): \(message)" }
        return message
    }
}

/// Every problem found in the settings, reported at once before anything starts.
public struct ConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    public let problems: [ConfigProblem]

    public init(_ problems: [ConfigProblem]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
