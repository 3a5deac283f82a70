/// The effective settings: each option's value and where it came from (flags > environment > project file > user
/// file > defaults), the keymap after `[keys]`, and the colours of `[colors]`. Built by `ConfigResolver`.
public struct Settings: Sendable {
    public private(set) var values: [String: ConfigValue] = [:]
    public private(set) var sources: [String: ConfigSource] = [:]
    public var keymap = Keymap.standard
    /// Where each rebound action's keys came from.
    public var keySources: [Action: ConfigSource] = [:]
    public var colors: [StyleRole: ColorSpec] = [:]
    public var colorSources: [StyleRole: ConfigSource] = [:]
    /// Said once in the log: a setting a higher layer turned off, and why.
    public var notes: [String] = []
    /// The project's `.cachewatch.toml`, when there is one: trusted or not, and what it changes (or would).
    public var projectFile: ProjectFileStatus?

    public init() {
        for option in ConfigOption.all {
            if let standard = option.standard { values[option.name] = standard }
            sources[option.name] = .standard
        }
    }

    /// Sets `name` (known to the table) from `source`.
    public mutating func set(_ name: String, _ value: ConfigValue?, from source: ConfigSource) {
        values[name] = value
        sources[name] = source
    }

    /// Where `name` came from.
    public func source(_ name: String) -> ConfigSource { sources[name] ?? .standard }

    /// Whether `name` was given (by a flag, a variable or a file) rather than left at its default.
    public func given(_ name: String) -> Bool { source(name) != .standard }

    /// `name`'s value, else its default in the option table (which `init` already put there).
    private func value(_ name: String) -> ConfigValue? { values[name] ?? ConfigOption.named(name)?.standard }

    func string(_ name: String) -> String? {
        if case .string(let text) = value(name) { return text }
        return nil
    }

    func bool(_ name: String) -> Bool {
        if case .bool(let b) = value(name) { return b }
        return false
    }

    func integer(_ name: String) -> Int {
        if case .integer(let n) = value(name) { return n }
        return 0
    }

    func number(_ name: String) -> Double {
        if case .number(let x) = value(name) { return x }
        return 0
    }

    // The settings, typed.

    public var engine: String? { string("engine") }
    /// The image when one was given; nil for the default (the demo then looks for the stand-in too).
    public var image: String? { given("image") ? string("image") : nil }
    public var dockerArguments: [String] { value("docker-arg")?.strings ?? [] }
    public var chownAfter: Bool { bool("chown-after") }
    public var mountRoot: String? { string("mount-root") }
    public var cacheSize: String? { string("cache-size") }
    public var sccache: String? { string("sccache") }
    public var owner: String? { string("owner") }
    public var headless: Bool { bool("headless") }
    public var report: String? { string("report") }
    public var trace: String? { string("trace") }
    public var summary: String? { string("summary") }
    public var scrollback: Int { integer("scrollback") }
    public var fresh: Bool { bool("fresh") }
    public var compare: Bool { bool("compare") }

    /// Where sessions are recorded: the default place, nowhere, or a file.
    public enum Recording: Hashable, Sendable {
        case standard
        case off
        case file(String)
    }

    public var record: Recording {
        switch values["record"] {
        case .string(let path): return .file(path)
        case .bool(false): return .off
        default: return .standard
        }
    }
    public var keepSessions: String { string("keep-sessions") ?? "" }
    /// `max-log-size` in bytes.
    public var maxLogSize: Int64 { (try? CacheSize.parse(string("max-log-size") ?? "256M").bytes) ?? 256 << 20 }
    public var cacheEnvironment: [String] { value("cache-env")?.strings ?? [] }
    public var probe: Bool { bool("probe") }
    public var watch: Bool { bool("watch") }
    public var onChange: WatchSettings.Strategy {
        string("on-change").flatMap(WatchSettings.Strategy.init(rawValue:)) ?? .restart
    }
    /// Milliseconds.
    public var debounce: Int { integer("debounce") }
    public var notify: Bool { bool("notify") }
    public var notifyAfter: Double { number("notify-after") }
    public var color: Bool { bool("color") }
    public var command: [String] { value("command")?.strings ?? NativePlan.defaultCommand }
}
