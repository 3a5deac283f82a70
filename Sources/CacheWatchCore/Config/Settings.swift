/// The effective settings: each option's value and where it came from (flags > environment > project file > user
/// file > defaults), the keymap after `[keys]`, and the colours of `[colors]`. Built by `ConfigResolver`.
public struct Settings: Sendable {
    public private(set) var values: [SettingKey: ConfigValue] = [:]
    public private(set) var sources: [SettingKey: ConfigSource] = [:]
    public internal(set) var keymap = Keymap.standard
    /// Where each rebound action's keys came from.
    public internal(set) var keySources: [Action: ConfigSource] = [:]
    public internal(set) var colors: [StyleRole: ColorSpec] = [:]
    public internal(set) var colorSources: [StyleRole: ConfigSource] = [:]
    /// Said once in the log: a setting a higher layer turned off, and why.
    public internal(set) var notes: [String] = []
    /// The project's `.cachewatch.toml`, when there is one: trusted or not, and what it changes (or would).
    public internal(set) var projectFile: ProjectFileStatus?

    public init() {
        for option in ConfigOption.all {
            if let standard = option.standard { values[option.key] = standard }
            sources[option.key] = .standard
        }
    }

    /// Sets `key` from `source` (the resolver's; nothing edits settings after it).
    mutating func set(_ key: SettingKey, _ value: ConfigValue?, from source: ConfigSource) {
        values[key] = value
        sources[key] = source
    }

    /// Where `key` came from.
    public func source(_ key: SettingKey) -> ConfigSource { sources[key] ?? .standard }

    /// Whether `key` was given (by a flag, a variable or a file) rather than left at its default.
    public func given(_ key: SettingKey) -> Bool { source(key) != .standard }

    /// `key`'s value, else its default in the option table (which `init` already put there).
    private func value(_ key: SettingKey) -> ConfigValue? { values[key] ?? ConfigOption.option(key).standard }

    func string(_ key: SettingKey) -> String? {
        if case .string(let text) = value(key) { return text }
        return nil
    }

    func bool(_ key: SettingKey) -> Bool {
        if case .bool(let b) = value(key) { return b }
        return false
    }

    func integer(_ key: SettingKey) -> Int {
        if case .integer(let n) = value(key) { return n }
        return 0
    }

    func number(_ key: SettingKey) -> Double {
        if case .number(let x) = value(key) { return x }
        return 0
    }

    // The settings, typed.

    /// The engine asked for; nil for the default (docker; the demo chooses).
    public var engine: EngineKind? { string(.engine).map { EngineKind($0) } }
    /// The image when one was given; nil for the default (the demo then looks for the stand-in too).
    public var image: String? { given(.image) ? string(.image) : nil }
    public var dockerArguments: [String] { value(.dockerArg)?.strings ?? [] }
    public var chownAfter: Bool { bool(.chownAfter) }
    public var mountRoot: String? { string(.mountRoot) }
    public var cacheSize: String? { string(.cacheSize) }
    public var sccache: String? { string(.sccache) }
    public var owner: String? { string(.owner) }
    public var headless: Bool { bool(.headless) }
    public var report: String? { string(.report) }
    public var trace: String? { string(.trace) }
    public var summary: String? { string(.summary) }
    public var scrollback: Int { integer(.scrollback) }
    public var fresh: Bool { bool(.fresh) }
    public var compare: Bool { bool(.compare) }

    /// Where sessions are recorded: the default place, nowhere, or a file.
    public enum Recording: Hashable, Sendable {
        case standard
        case off
        case file(String)
    }

    public var record: Recording {
        switch values[.record] {
        case .string(let path): return .file(path)
        case .bool(false): return .off
        default: return .standard
        }
    }
    public var keepSessions: String { string(.keepSessions) ?? "" }
    /// `max-log-size` in bytes.
    public var maxLogSize: Int64 { (try? CacheSize.parse(string(.maxLogSize) ?? "256M").bytes) ?? 256 << 20 }
    public var cacheEnvironment: [String] { value(.cacheEnv)?.strings ?? [] }
    public var probe: Bool { bool(.probe) }
    public var watch: Bool { bool(.watch) }
    public var onChange: WatchSettings.Strategy {
        string(.onChange).flatMap(WatchSettings.Strategy.init(rawValue:)) ?? .restart
    }
    /// Milliseconds.
    public var debounce: Int { integer(.debounce) }
    public var notify: Bool { bool(.notify) }
    public var notifyAfter: Double { number(.notifyAfter) }
    public var color: Bool { bool(.color) }
    /// Whether a run's compiles are explained when it ends (their inputs read).
    public var explain: Bool { bool(.explain) }
    /// Whether watch mode polls instead of using inotify.
    public var watchPolls: Bool { string(.watchMethod) == "poll" }
    public var command: [String] { value(.command)?.strings ?? NativePlan.defaultCommand }
}
