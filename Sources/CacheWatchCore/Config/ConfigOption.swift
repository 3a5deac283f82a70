/// One setting that a flag and a config file can give: its name (the flag's, without `--`), what it takes, its help
/// and its default as `config --init` writes them. The table drives checking, `cachewatch config` and `--init`.
public struct ConfigOption: Sendable {
    /// What a setting takes, and how a value is checked.
    public enum Kind: Sendable {
        case text
        /// A path: relative to the config file's directory when it is in a file.
        case path
        case flag
        case whole(ClosedRange<Int>)
        /// Seconds or milliseconds as a number, in a range.
        case amount(ClosedRange<Double>)
        case words
        /// A command: a non-empty array of strings.
        case argv
        case choice([String])
        /// A size such as 5G or 500M.
        case size
        /// UID:GID.
        case owner
        /// Names of environment variables.
        case variableNames
        /// A path, or false for none (`record`).
        case pathOrOff
        /// A Docker image reference: never one that `docker pull` or `docker run` would read as an option.
        case image
    }

    public let key: SettingKey
    public let group: SettingGroup
    public let kind: Kind
    public let help: String
    /// The default written into `config --init`; nil when it has none to write (it depends on the machine or is off).
    public let standard: ConfigValue?
    /// An example for `config --init` when there is no default to write.
    public let example: ConfigValue?
    /// Whether a project's `.cachewatch.toml` may set it: not the settings that widen what a build can reach on the
    /// host (a project's file comes with its code, which is untrusted).
    public let projectMay: Bool
    /// What it means when not set (`cachewatch config` says it).
    public let unset: String
    /// The flag's value as its help names it: `--mount-root <dir>`.
    public let valueName: String

    init(
        _ key: SettingKey, _ group: SettingGroup, _ kind: Kind, _ help: String, standard: ConfigValue? = nil,
        example: ConfigValue? = nil, projectMay: Bool = true, unset: String = "not set", valueName: String? = nil
    ) {
        self.group = group
        self.valueName = valueName ?? Self.valueName(kind)
        self.unset = unset
        self.key = key
        self.kind = kind
        self.help = help
        self.standard = standard
        self.example = example
        self.projectMay = projectMay
    }

    /// The flag's name without `--`, and the config file's.
    public var name: String { key.rawValue }

    /// Whether it names a file or directory (relative to a config file's directory; confined in a project's).
    public var takesPath: Bool {
        switch kind {
        case .path, .pathOrOff: return true
        default: return false
        }
    }

    /// What the setting takes, as an error message says it: "an integer from 100 to 100000000".
    public var expected: String {
        switch kind {
        case .text: return "a string"
        case .path: return "a path (a string)"
        case .flag: return "true or false"
        case .whole(let range): return "an integer from \(range.lowerBound) to \(range.upperBound)"
        case .amount(let range): return "a number from \(Self.plain(range.lowerBound)) to \(Self.plain(range.upperBound))"
        case .words: return "an array of strings, e.g. [\"--cpus\", \"2\"]"
        case .argv: return "a non-empty array of strings, e.g. [\"cargo\", \"build\", \"--release\"]"
        case .choice(let names): return "one of " + names.map { "\"\($0)\"" }.joined(separator: ", ")
        case .size: return "a size such as \"5G\" or \"500M\""
        case .owner: return "UID:GID with numbers from 0 to 4294967294, e.g. \"1000:1000\""
        case .variableNames: return "an array of variable names (letters, digits, _), e.g. [\"MY_TOKEN\"]"
        case .pathOrOff: return "a path (a string), or false for none"
        case .image: return "an image name such as \"clux/muslrust:stable\" (not starting with -, no spaces)"
        }
    }

    /// The flag's help: what it does, that it repeats, its default.
    public var flagHelp: String {
        var text = help
        switch kind {
        case .words, .variableNames: text += " Repeatable: one value per flag."
        default: break
        }
        return text + " (default: \(standardText))"
    }

    /// The default as help says it: the value, else what not setting it means.
    public var standardText: String {
        switch standard {
        case .string(let text)?: return text
        case .array(let items)? where items.isEmpty: return "none"
        case .array?: return standard?.strings?.joined(separator: " ") ?? ""
        case .bool(let on)?: return on ? "on" : "off"
        case .number(let x)?: return Self.plain(x)
        case let value?: return value.toml
        case nil: return unset
        }
    }

    private static func valueName(_ kind: Kind) -> String {
        switch kind {
        case .text, .flag: return "text"
        case .path, .pathOrOff: return "path"
        case .whole: return "n"
        case .amount: return "seconds"
        case .words, .argv: return "arg"
        case .choice(let names): return names.joined(separator: "|")
        case .size: return "size"
        case .owner: return "uid:gid"
        case .variableNames: return "name"
        case .image: return "image"
        }
    }

    private static func plain(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }

    /// The value, checked and made plain (a number where an integer was written stays a number); nil when it is not
    /// what the setting takes.
    public func accept(_ value: ConfigValue) -> ConfigValue? {
        switch (kind, value) {
        case (.text, .string), (.path, .string), (.flag, .bool):
            return value
        case (.pathOrOff, .string), (.pathOrOff, .bool(false)):
            return value
        case (.image, .string(let name)):
            let valid =
                !name.isEmpty && !name.hasPrefix("-")
                && !name.unicodeScalars.contains { $0.value <= 0x20 || $0.value == 0x7F || !$0.isASCII }
            return valid ? value : nil
        case (.whole(let range), .integer(let n)):
            return range.contains(n) ? value : nil
        case (.amount(let range), .integer(let n)):
            return range.contains(Double(n)) ? .number(Double(n)) : nil
        case (.amount(let range), .number(let x)):
            return range.contains(x) && x.isFinite ? value : nil
        case (.words, .array):
            return value.strings.map { _ in value }
        case (.argv, .array):
            return value.strings?.isEmpty == false ? value : nil
        case (.variableNames, .array):
            guard let names = value.strings, names.allSatisfy(Self.isVariableName) else { return nil }
            return value
        case (.choice(let names), .string(let text)):
            return names.contains(text) ? value : nil
        case (.size, .string(let text)):
            return (try? CacheSize.parse(text)) == nil ? nil : value
        case (.owner, .string(let text)):
            return OwnerID.parse(text) == nil ? nil : value
        default:
            return nil
        }
    }

    /// A variable's name as `--cache-env` takes it.
    public static func isVariableName(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    /// Every setting, in the order `cachewatch config` lists them.
    public static let all: [ConfigOption] = [
        ConfigOption(
            .engine, .build, .choice(EngineKind.choices.map(\.name)),
            "Where the build runs: docker (the muslrust container) or native (cargo on this machine).",
            example: .string("docker"), unset: "docker (the demo: native when no engine answers or no image is present)"),
        ConfigOption(
            .image, .build, .image, "The muslrust image (docker engine).", standard: .string(DockerPlan.defaultImage)),
        ConfigOption(
            .dockerArg, .build, .words, "More `docker run` arguments, before the image (each may start with -).",
            standard: .array([]),
            projectMay: false),
        ConfigOption(
            .chownAfter, .build, .flag,
            "chown the outputs to `owner` (or you) after every build, like the seed's POST_BUILD_CMD (docker engine).",
            standard: .bool(false)),
        ConfigOption(
            .mountRoot, .build, .path, "Root of the cache directories ($MOUNT_ROOT gives it too, above the config files).",
            example: .string("~/.muslrust"), unset: "~/.muslrust", valueName: "dir"),
        ConfigOption(
            .cacheSize, .build, .size, "sccache's size limit ($SCCACHE_CACHE_SIZE gives it too, above the config files).",
            example: .string("5G"), unset: "5G"),
        ConfigOption(
            .sccache, .build, .path, "The sccache binary (native engine).",
            example: .string("/usr/local/bin/sccache"), projectMay: false, unset: "the real binary found on PATH"),
        ConfigOption(
            .owner, .build, .owner, "Owner for `c` (chown) and chown-after, as UID:GID.",
            example: .string("1000:1000"), projectMay: false, unset: "you"),
        ConfigOption(
            .headless, .outputs, .flag, "Stream the log to stdout and print a summary instead of the dashboard.",
            standard: .bool(false)),
        ConfigOption(
            .report, .outputs, .path, "Write a JSON report here each time a build ends (\"-\" for stdout).",
            example: .string("cachewatch-report.json"), unset: "no report", valueName: "file"),
        ConfigOption(
            .trace, .outputs, .path,
            "Write each run's compiles here as a Chrome trace (Perfetto, chrome://tracing) when it ends.",
            example: .string("cachewatch-trace.json"), unset: "no trace", valueName: "file"),
        ConfigOption(
            .summary, .outputs, .path, "Headless: append a Markdown summary of each run here.",
            example: .string("summary.md"), unset: "$GITHUB_STEP_SUMMARY when set, else none", valueName: "file"),
        ConfigOption(
            .scrollback, .dashboard, .whole(100...100_000_000), "Lines of log kept in the dashboard.", standard: .integer(100_000)
        ),
        ConfigOption(
            .fresh, .runs, .flag, "Delete target/ before every run (cold, then from the cache).", standard: .bool(false)),
        ConfigOption(
            .compare, .runs, .flag,
            "Measure: a clean build without sccache, then with a warm cache (warmed first when cold), and the ratio.",
            standard: .bool(false)),
        ConfigOption(
            .record, .outputs, .pathOrOff,
            "Record each session here (replay it with `cachewatch replay`); false (--no-record) records none.",
            example: .bool(false), unset: "<mount root>/cachewatch/sessions/<start>.cwrec", valueName: "file"),
        ConfigOption(
            .maxLogSize, .outputs, .size,
            "Largest log file of a run: past it the log keeps its first and its newest half, saying what was dropped.",
            standard: .string("256M")),
        ConfigOption(
            .keepSessions, .outputs, .size, "Disk space kept for recorded sessions; older ones are deleted.",
            standard: .string("1G"), projectMay: false),
        ConfigOption(
            .explain, .outputs, .flag,
            "Read each compile's inputs when a run ends, to say why it missed (`cachewatch why`); "
                + "$CACHEWATCH_WHY=off turns it off.", standard: .bool(true)),
        ConfigOption(
            .cacheEnv, .build, .variableNames,
            "More variables the container's sccache needs, passed by name (their values never appear on docker's "
                + "command line); sccache's backend variables (SCCACHE_REDIS*, SCCACHE_BUCKET, AWS_*, …) pass anyway.",
            standard: .array([]), projectMay: false),
        ConfigOption(
            .probe, .build, .flag, "Check that a Redis or memcached cache answers before each build.", standard: .bool(true)),
        ConfigOption(
            .watch, .runs, .flag,
            "Re-run the build when a source file of the project changes (W turns it on and off; not with fresh).",
            standard: .bool(false)),
        ConfigOption(
            .onChange, .runs, .choice(WatchSettings.Strategy.allCases.map(\.rawValue)),
            "Watch: a change while a build runs stops it and starts again (restart), or waits for it (wait).",
            standard: .string(WatchSettings.Strategy.restart.rawValue)),
        ConfigOption(
            .debounce, .runs, .whole(0...60_000), "Watch: changes closer together than this make one re-run (milliseconds).",
            standard: .integer(Int(WatchSettings.defaultDebounce * 1000)), valueName: "ms"),
        ConfigOption(
            .watchMethod, .runs, .choice(["inotify", "poll"]),
            "Watch: how changes are seen: inotify, or a comparison of sizes and times every second "
                + "($CACHEWATCH_WATCH=poll gives it too).", standard: .string("inotify")),
        ConfigOption(
            .notify, .dashboard, .flag, "Ring the bell and set the terminal's title when a build ends (see notify-after).",
            standard: .bool(true)),
        ConfigOption(
            .notifyAfter, .dashboard, .amount(0...31_536_000),
            "Announce a build that ran this many seconds (and any that ends while the terminal is not focused).",
            standard: .number(NotifySettings.defaultAfter)),
        ConfigOption(
            .color, .dashboard, .flag, "Colours in the dashboard ($NO_COLOR turns them off).", standard: .bool(true)),
        ConfigOption(
            .command, .build, .argv, "The build command, as an argv array.",
            standard: .array(NativePlan.defaultCommand.map(ConfigValue.string))),
    ]

    /// The setting called `name` (as a file or a flag spells it).
    public static func named(_ name: String) -> ConfigOption? { SettingKey(rawValue: name).map(option) }

    /// The table's row for `key`.
    public static func option(_ key: SettingKey) -> ConfigOption { byKey[key]! }

    private static let byKey = Dictionary(uniqueKeysWithValues: all.map { ($0.key, $0) })
}
