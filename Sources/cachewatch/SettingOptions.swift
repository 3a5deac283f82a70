import ArgumentParser
import CacheWatchCore

/// The flags of the option table's settings, in its groups: names, help, value names and defaults come from
/// `ConfigOption` (so the help, the man page and the completions say what docs/config.md says).
extension NameSpecification {
    static func setting(_ key: SettingKey) -> NameSpecification { [.customLong(key.rawValue)] }
}

extension ArgumentHelp {
    static func setting(_ key: SettingKey) -> ArgumentHelp {
        let option = ConfigOption.option(key)
        return ArgumentHelp(option.flagHelp, valueName: option.valueName)
    }
}

extension EngineKind: ExpressibleByArgument {
    public init?(argument: String) {
        guard let kind = Self.choices.first(where: { $0.name == argument }) else { return nil }
        self = kind
    }

    public static var allValueStrings: [String] { choices.map(\.name) }

    /// The shells complete the choices, as they did for the enum this replaced.
    public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}

extension WatchSettings.Strategy: ExpressibleByArgument {}

/// Where and how the build runs, and its caches: all that `doctor` reads.
struct BuildOptions: ParsableArguments {
    @Option(name: .setting(.engine), help: .setting(.engine)) var engine: EngineKind?
    @Option(name: .setting(.image), help: .setting(.image)) var image: String?
    @Option(name: .setting(.dockerArg), parsing: .unconditionalSingleValue, help: .setting(.dockerArg))
    var dockerArguments: [String] = []
    @Flag(name: .setting(.chownAfter), inversion: .prefixedNo, help: .setting(.chownAfter)) var chownAfter: Bool?
    @Option(name: .setting(.mountRoot), help: .setting(.mountRoot)) var mountRoot: String?
    @Option(name: .setting(.cacheSize), help: .setting(.cacheSize)) var cacheSize: String?
    @Option(name: .setting(.sccache), help: .setting(.sccache)) var sccache: String?
    @Option(name: .setting(.owner), parsing: .unconditional, help: .setting(.owner)) var owner: String?
    @Option(name: .setting(.cacheEnv), help: .setting(.cacheEnv)) var cacheEnvironment: [String] = []
    @Flag(name: .setting(.probe), inversion: .prefixedNo, help: .setting(.probe)) var probe: Bool?

    @Flag(
        name: .customLong("trust-project"),
        help: "Apply the project's .cachewatch.toml for this run without trusting it for good (CI, your own repository).")
    var trustProject = false

    @Argument(
        parsing: .postTerminator,
        help: ArgumentHelp(
            "The build command, after `--` (default: \(ConfigOption.option(.command).standardText)).", valueName: "command"))
    var command: [String] = []

    var given: [SettingKey: ConfigValue] {
        ConfigValue.given([
            .engine: engine, .image: image, .dockerArg: dockerArguments, .chownAfter: chownAfter, .mountRoot: mountRoot,
            .cacheSize: cacheSize, .sccache: sccache, .owner: owner, .cacheEnv: cacheEnvironment, .probe: probe,
            .command: command,
        ])
    }
}

/// What runs follow one another.
struct RunsOptions: ParsableArguments {
    @Flag(name: .setting(.fresh), inversion: .prefixedNo, help: .setting(.fresh)) var fresh: Bool?
    @Flag(name: .setting(.compare), inversion: .prefixedNo, help: .setting(.compare)) var compare: Bool?
    @Flag(name: .setting(.watch), inversion: .prefixedNo, help: .setting(.watch)) var watch: Bool?
    @Option(name: .setting(.onChange), help: .setting(.onChange)) var onChange: WatchSettings.Strategy?
    @Option(name: .setting(.debounce), help: .setting(.debounce)) var debounce: Int?
    @Option(name: .setting(.watchMethod), help: .setting(.watchMethod)) var watchMethod: WatchMethod?

    enum WatchMethod: String, ExpressibleByArgument, CaseIterable, ConfigValueConvertible {
        case inotify, poll
    }

    var given: [SettingKey: ConfigValue] {
        ConfigValue.given([
            .fresh: fresh, .compare: compare, .watch: watch, .onChange: onChange, .debounce: debounce,
            .watchMethod: watchMethod,
        ])
    }
}

/// What a run leaves.
struct OutputOptions: ParsableArguments {
    @Flag(name: .setting(.headless), inversion: .prefixedNo, help: .setting(.headless)) var headless: Bool?
    @Option(name: .setting(.report), help: .setting(.report)) var report: String?
    @Option(name: .setting(.trace), help: .setting(.trace)) var trace: String?
    @Option(name: .setting(.summary), help: .setting(.summary)) var summary: String?
    @Option(name: .setting(.record), help: .setting(.record)) var record: String?
    @Flag(name: .customLong("no-record"), help: "Do not record the session.") var noRecord = false
    @Option(name: .setting(.maxLogSize), help: .setting(.maxLogSize)) var maxLogSize: String?
    @Option(name: .setting(.keepSessions), help: .setting(.keepSessions)) var keepSessions: String?
    @Flag(name: .setting(.explain), inversion: .prefixedNo, help: .setting(.explain)) var explain: Bool?

    func validate() throws {
        if record != nil && noRecord { throw ValidationError("--record and --no-record contradict each other") }
    }

    var given: [SettingKey: ConfigValue] {
        ConfigValue.given([
            .headless: headless, .report: report, .trace: trace, .summary: summary,
            .record: noRecord ? false : record, .maxLogSize: maxLogSize, .keepSessions: keepSessions,
            .explain: explain,
        ])
    }
}

/// The dashboard's own.
struct DashboardOptions: ParsableArguments {
    @Option(name: .setting(.scrollback), help: .setting(.scrollback)) var scrollback: Int?
    @Flag(name: .setting(.notify), inversion: .prefixedNo, help: .setting(.notify)) var notify: Bool?
    @Option(name: .setting(.notifyAfter), help: .setting(.notifyAfter)) var notifyAfter: Double?
    @Flag(name: .setting(.color), inversion: .prefixedNo, help: .setting(.color)) var color: Bool?

    var given: [SettingKey: ConfigValue] {
        ConfigValue.given([.scrollback: scrollback, .notify: notify, .notifyAfter: notifyAfter, .color: color])
    }
}

/// Every setting's flag, in its group: what `run`, `demo` and `config` take.
struct SettingOptions: ParsableArguments {
    @OptionGroup(title: SettingGroup.build.title) var build: BuildOptions
    @OptionGroup(title: SettingGroup.runs.title) var runs: RunsOptions
    @OptionGroup(title: SettingGroup.outputs.title) var outputs: OutputOptions
    @OptionGroup(title: SettingGroup.dashboard.title) var dashboard: DashboardOptions

    var given: [SettingKey: ConfigValue] {
        build.given.merging(runs.given) { a, _ in a }.merging(outputs.given) { a, _ in a }
            .merging(dashboard.given) { a, _ in a }
    }

    var trustProject: Bool { build.trustProject }
}
