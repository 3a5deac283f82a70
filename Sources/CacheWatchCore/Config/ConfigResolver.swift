/// Merges the layers into the effective settings, in one pure function: flags > environment (`MOUNT_ROOT`,
/// `SCCACHE_CACHE_SIZE`, `NO_COLOR`, `GITHUB_STEP_SUMMARY`) > the project's `.cachewatch.toml` > the user's
/// `config.toml` > defaults. Every problem of every layer is reported at once.
public enum ConfigResolver {
    /// The variables that stand for a setting, and how their value becomes one.
    static let variables: [(variable: String, key: SettingKey, value: @Sendable (String) -> ConfigValue)] = [
        ("MOUNT_ROOT", .mountRoot, ConfigValue.string), ("SCCACHE_CACHE_SIZE", .cacheSize, ConfigValue.string),
        ("NO_COLOR", .color, { _ in .bool(false) }),  // no-color.org: set and not empty turns colours off
        ("GITHUB_STEP_SUMMARY", .summary, ConfigValue.string),
        ("CACHEWATCH_WATCH", .watchMethod, ConfigValue.string),
        ("CACHEWATCH_WHY", .explain, { .bool($0 != "off") }),
    ]

    /// The tables a config file may have besides its top-level settings.
    static let tables = ["keys", "colors"]

    /// A project's file that could not be read or parsed: it stops nothing unless it is trusted, and the notice
    /// says it.
    public struct UnreadableProject: Sendable {
        public var path: String
        public var problems: [ConfigProblem]
        public init(path: String, problems: [ConfigProblem]) {
            self.path = path
            self.problems = problems
        }
    }

    /// The settings in effect. A project's file applies only when `trust` says its user trusts it; either way the
    /// settings say what it changes, or would change (`Settings.projectFile`). Nothing edits them after this.
    public static func resolve(
        flags: [SettingKey: ConfigValue] = [:], environment: [String: String] = [:], project: ConfigFile? = nil,
        unreadableProject: UnreadableProject? = nil, trust: ProjectTrust = .untrusted, user: ConfigFile? = nil
    ) throws(ConfigError) -> Settings {
        if project == nil, let unreadable = unreadableProject {
            var problems = trust.applies ? unreadable.problems : []
            var settings = Settings()
            do {
                settings = try layered(flags: flags, environment: environment, project: nil, user: user)
            } catch {
                problems = error.problems + problems
            }
            guard problems.isEmpty else { throw ConfigError(problems) }
            settings.projectFile = ProjectFileStatus(
                path: unreadable.path, trust: trust, changes: [], problems: unreadable.problems)
            return settings
        }
        guard let project else { return try layered(flags: flags, environment: environment, project: nil, user: user) }
        let without = try? layered(flags: flags, environment: environment, project: nil, user: user)
        var with: Settings?
        var problems: [ConfigProblem] = []
        do {
            with = try layered(flags: flags, environment: environment, project: project, user: user)
        } catch {
            problems = error.problems.filter { if case .file(.project, _, _) = $0.source { true } else { false } }
            if trust.applies { throw error }
        }
        var settings = try trust.applies ? with! : layered(flags: flags, environment: environment, project: nil, user: user)
        settings.projectFile = ProjectFileStatus(
            path: project.path, trust: trust, changes: without.map { changes(from: $0, to: with, in: project) } ?? [],
            problems: problems)
        return settings
    }

    /// What the project's file changes: each setting whose value differs with it, as `name = value (instead of …)`;
    /// a file with problems changes nothing, and then its settings are listed as written.
    private static func changes(from base: Settings, to with: Settings?, in project: ConfigFile) -> [String] {
        guard let with else {
            return project.entries.map { "\($0.path.joined(separator: ".")) = \($0.value.toml)" }
        }
        return ConfigOption.all.compactMap { option in
            let before = base.values[option.key]
            let after = with.values[option.key]
            guard before != after, case .file(.project, _, _) = with.source(option.key) else { return nil }
            return "\(option.name) = \(after?.toml ?? "(unset)") (instead of \(before?.toml ?? option.unset))"
        }
    }

    private static func layered(
        flags: [SettingKey: ConfigValue], environment: [String: String], project: ConfigFile?, user: ConfigFile?
    ) throws(ConfigError) -> Settings {
        var settings = Settings()
        var problems: [ConfigProblem] = []
        var rebindings: [KeyRebinding] = []
        for file in [user, project].compactMap({ $0 }) {
            read(file, into: &settings, rebindings: &rebindings, problems: &problems)
        }
        for (variable, key, value) in variables {
            guard let text = environment[variable], !text.isEmpty else { continue }
            apply(
                ConfigOption.option(key), value(text), subject: "$\(variable)", from: .environment(variable),
                to: &settings, problems: &problems)
        }
        for (key, value) in flags.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let option = ConfigOption.option(key)
            let spelling = value == .bool(false) ? "--no-\(key.rawValue)" : "--\(key.rawValue)"
            apply(option, value, subject: spelling, from: .flag(spelling), to: &settings, problems: &problems)
        }
        settle(conflicts: &settings, problems: &problems)
        let (keymap, keyProblems) = settings.keymap.rebinding(rebindings)
        problems += keyProblems
        settings.keymap = keymap
        for rebinding in rebindings { settings.keySources[rebinding.action] = rebinding.source }
        guard problems.isEmpty else { throw ConfigError(ordered(problems)) }
        return settings
    }

    /// A file's problems in line order, the user's file first, then the variables and flags.
    private static func ordered(_ problems: [ConfigProblem]) -> [ConfigProblem] {
        problems.enumerated().sorted { a, b in
            func key(_ p: ConfigProblem, _ index: Int) -> (Int, Int, Int) {
                if case .file(_, _, let line) = p.source { return (p.source.rank, line, index) }
                return (p.source.rank, 0, index)
            }
            return key(a.element, a.offset) < key(b.element, b.offset)
        }.map(\.element)
    }

    /// Sets `option` to `value` as the option takes it, or says what is wrong with it, worded for `subject` (a flag,
    /// a variable, a setting's name). A path in a file is made relative to the file's directory.
    private static func apply(
        _ option: ConfigOption, _ value: ConfigValue, subject: String, from source: ConfigSource,
        relativeTo directory: String? = nil, to settings: inout Settings, problems: inout [ConfigProblem]
    ) {
        if let accepted = option.accept(value) {
            settings.set(option.key, directory.map { resolvedPath(option, accepted, in: $0) } ?? accepted, from: source)
        } else {
            problems.append(ConfigProblem(source, problem(option, value, subject: subject)))
        }
    }

    /// What is wrong with `value`, which `option` does not accept.
    private static func problem(_ option: ConfigOption, _ value: ConfigValue, subject: String) -> String {
        if case .size = option.kind, case .string(let text) = value {
            do { _ = try CacheSize.parse(text) } catch { return "\(subject): \(error)" }
        }
        return "\(subject) must be \(option.expected) (got \(shown(value)))"
    }

    private static func shown(_ value: ConfigValue) -> String {
        switch value {
        case .string, .integer, .number: return value.toml
        case .array(let items) where items.isEmpty: return "[]"
        case .array(let items):
            if let odd = items.first(where: { if case .string = $0 { false } else { true } }) {
                return "an array holding \(odd.typeName)"
            }
            return "an array of strings"
        default: return value.typeName
        }
    }

    private static func read(
        _ file: ConfigFile, into settings: inout Settings, rebindings: inout [KeyRebinding], problems: inout [ConfigProblem]
    ) {
        for entry in file.entries {
            let source = ConfigSource.file(file.kind, path: file.path, line: entry.line)
            func problem(_ message: String) { problems.append(ConfigProblem(source, message)) }
            switch entry.path.count {
            case 1:
                let name = entry.path[0]
                guard let option = ConfigOption.named(name) else {
                    if tables.contains(name) {
                        problem("\(name) is a table: write [\(name)] on its own line, then one name = value per line")
                    } else {
                        problem(unknown(name, among: ConfigOption.all.map(\.name) + tables.map { "[\($0)]" }))
                    }
                    continue
                }
                guard file.kind == .user || option.projectMay else {
                    problem(
                        "\(name) is read only from your own config file or the command line: a project's file comes "
                            + "with its code, and cannot widen what its build may reach")
                    continue
                }
                if file.kind == .project, let message = confinement(option, entry.value) {
                    problem(message)
                    continue
                }
                apply(
                    option, entry.value, subject: name, from: source, relativeTo: file.directory, to: &settings,
                    problems: &problems)
            case 2 where file.kind == .project && tables.contains(entry.path[0]):
                problem(
                    "[\(entry.path[0])] is read only from your own config file: keys and colours are a person's habits, "
                        + "not a project's")
            case 2 where entry.path[0] == "keys":
                let name = entry.path[1]
                guard let action = Action(configName: name) else {
                    problem(unknown(name, among: Keymap.standard.actions.map(\.configName), what: "action"))
                    continue
                }
                guard let keys = keyList(entry.value) else {
                    problem(
                        "keys.\(name) must be a key or an array of keys, written as \"r\", \"R\", \"ctrl-r\", \"F5\", "
                            + "\"space\", \"enter\", \"esc\", \"tab\", \"up\", \"pgdn\", \"home\" (got \(shown(entry.value)))")
                    continue
                }
                rebindings.removeAll { $0.action == action }
                rebindings.append(KeyRebinding(action: action, keys: keys, source: source))
            case 2 where entry.path[0] == "colors":
                let name = entry.path[1]
                guard let role = StyleRole(configName: name) else {
                    problem(unknown(name, among: StyleRole.configNames.map(\.0), what: "colour role"))
                    continue
                }
                guard case .string(let text) = entry.value, let spec = ColorSpec(parsing: text) else {
                    problem("colors.\(name) must be \(ColorSpec.expected) (got \(shown(entry.value)))")
                    continue
                }
                settings.colors[role] = spec
                settings.colorSources[role] = source
            default:
                let table = entry.path[0]
                if tables.contains(table) {
                    problem("[\(table)] takes name = value lines, not a table \(entry.path.joined(separator: "."))")
                } else {
                    problem(unknown(table, among: tables.map { "[\($0)]" }, what: "table"))
                }
            }
        }
    }

    /// Why a path a project's file names would leave the project, or nil: it must be relative, without `..` or `~`
    /// (`report = "-"` is stdout). A symbolic link on the way out is refused where the path is used.
    static func confinement(_ option: ConfigOption, _ value: ConfigValue) -> String? {
        guard option.takesPath, case .string(let path) = value, !(option.key == .report && path == "-") else { return nil }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        if path.isEmpty || path.hasPrefix("/") || path.hasPrefix("~") || parts.contains("..") || path.contains("\0") {
            return "\(option.name) must be a relative path inside the project, without .. or ~ (got \(value.toml)): "
                + "a project's file may not write outside its project"
        }
        return nil
    }

    /// Keys as `[keys]` writes them: one name, or an array of names (empty: the action has no key).
    private static func keyList(_ value: ConfigValue) -> [Key]? {
        switch value {
        case .string(let name): return Key(name: name).map { [$0] }
        case .array:
            guard let names = value.strings else { return nil }
            let keys = names.compactMap(Key.init(name:))
            return keys.count == names.count ? keys : nil
        default: return nil
        }
    }

    /// A path in a file is relative to the file's directory (`~` and absolute paths as written; `-` is stdout).
    private static func resolvedPath(_ option: ConfigOption, _ value: ConfigValue, in directory: String) -> ConfigValue {
        guard option.takesPath, case .string(let path) = value, !path.hasPrefix("/"), !path.hasPrefix("~"), path != "-",
            !path.isEmpty
        else { return value }
        return .string(directory + "/" + path)
    }

    /// "unknown setting colour; did you mean color?"
    static func unknown(_ name: String, among names: [String], what: String = "setting") -> String {
        let candidates = names.map { ($0, distance($0.trimmingCharacters(in: ["[", "]"]), name)) }
        if let best = candidates.min(by: { $0.1 < $1.1 }), best.1 <= max(2, name.count / 3) {
            return "unknown \(what) \(name); did you mean \(best.0)?"
        }
        return "unknown \(what) \(name); the \(what)s are: " + names.joined(separator: ", ")
    }

    /// Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }

    /// Watch does not go with fresh, compare or headless: when one of the pair came from a higher layer, the other is
    /// off for this run (and the log says so); from the same layer, it is a problem.
    private static func settle(conflicts settings: inout Settings, problems: inout [ConfigProblem]) {
        let reasons: [(SettingKey, String)] = [
            (
                .fresh,
                "a watch re-run builds on what the last run left in target/ (--fresh deletes it before every run)"
            ),
            (.compare, "a comparison is two clean builds"),
            (.headless, "watch needs the dashboard (it re-runs until you quit); drop --headless"),
        ]
        for (other, reason) in reasons where settings.watch && settings.bool(other) {
            let watchSource = settings.source(.watch)
            let otherSource = settings.source(other)
            if watchSource.rank == otherSource.rank {
                let subject =
                    if case .flag = watchSource { "--watch and --\(other.rawValue)" } else {
                        "watch (\(watchSource)) and \(other.rawValue) (\(otherSource))"
                    }
                problems.append(ConfigProblem(watchSource, "\(subject) do not go together: \(reason)"))
            } else if watchSource.rank < otherSource.rank {
                settings.notes.append("watch (\(watchSource)) is off for this run: \(otherSource) wins over it")
                settings.set(.watch, .bool(false), from: otherSource)
            } else {
                settings.notes.append("\(other.rawValue) (\(otherSource)) is off for this run: \(watchSource) wins over it")
                settings.set(other, .bool(false), from: watchSource)
            }
        }
    }
}
