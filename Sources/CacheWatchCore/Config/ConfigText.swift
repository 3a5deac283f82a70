/// The texts of `cachewatch config`: the effective settings with where each came from, and the commented file
/// `config --init` writes (which reads back as the defaults).
public enum ConfigText {
    /// Every setting as TOML, each with its source: `engine = "docker"  # --engine`.
    public static func effective(_ settings: Settings, files: [String]) -> String {
        var lines = [
            "# cachewatch's settings: flags > environment > .cachewatch.toml > config.toml > defaults",
            "# files read: " + (files.isEmpty ? "none" : files.joined(separator: ", ")),
        ]
        if let project = settings.projectFile {
            let applies = project.trust.applies
            lines.append("# \(project.path): \(project.trust.word)" + (applies ? "" : " (`cachewatch trust` trusts it)"))
            lines += project.changes.map { "#   \(applies ? "sets" : "would set") \($0)" }
            lines += project.problems.map { "#   problem: \($0)" }
        }
        var rows: [(String, String)] = []
        for option in ConfigOption.all {
            let source = settings.source(option.key)
            if let value = settings.values[option.key] {
                rows.append(("\(option.name) = \(value.toml)", source.description))
            } else {
                rows.append(("# \(option.name): \(option.unset)", source.description))
            }
        }
        lines += aligned(rows)
        lines += settings.notes.map { "# \($0)" }
        lines += ["", "[keys]"]
        lines += aligned(
            settings.keymap.actions.map { action in
                let value = keysValue(settings.keymap.keys(of: action))
                return ("\(action.configName) = \(value.toml)", settings.keySources[action]?.description ?? "default")
            })
        lines += ["", "[colors]"]
        if settings.colors.isEmpty {
            lines.append("# the built-in colours; roles: " + StyleRole.configNames.map(\.0).joined(separator: ", "))
        } else {
            lines += aligned(
                StyleRole.configNames.compactMap { name, role in
                    guard let spec = settings.colors[role] else { return nil }
                    return ("\(name) = \(ConfigValue.string(spec.text).toml)", settings.colorSources[role]?.description ?? "")
                })
        }
        return lines.joined(separator: "\n")
    }

    /// An action's keys as `[keys]` takes them: one name, or an array of names.
    private static func keysValue(_ keys: [Key]) -> ConfigValue {
        keys.count == 1 ? .string(keys[0].name) : .array(keys.map { .string($0.name) })
    }

    private static func aligned(_ rows: [(String, String)]) -> [String] {
        let width = 40
        return rows.map { text, source in
            text + String(repeating: " ", count: max(1, width - CharacterWidth.of(text) + 2)) + "# " + source
        }
    }

    /// The file `config --init` writes: each setting with its help; those with a default are set to it, the others
    /// are commented out with an example. `[keys]` and `[colors]` list every name, commented out.
    public static func template(keymap: Keymap = .standard) -> String {
        var lines = [
            "# cachewatch's config file (TOML). Flags win over the environment, which wins over a project's",
            "# .cachewatch.toml, which wins over this file. `cachewatch config` shows what is in effect and why.",
            "# A relative path here is relative to this file's directory.",
        ]
        for option in ConfigOption.all {
            lines.append("")
            lines += wrapped(option.help, prefix: "# ")
            if let standard = option.standard {
                lines.append("\(option.name) = \(standard.toml)")
            } else if let example = option.example {
                lines.append("# \(option.name) = \(example.toml)")
            }
        }
        lines += [
            "",
            "# Keys: action = \"key\" or [\"key\", \"key\"]; written as \"r\", \"R\", \"ctrl-r\", \"F5\", \"space\", \"enter\",",
            "# \"esc\", \"tab\", \"up\", \"pgdn\", \"home\". Ctrl-C always quits. Two actions may not share a key where both apply.",
            "[keys]",
        ]
        for action in keymap.actions {
            lines.append("# \(action.configName) = \(keysValue(keymap.keys(of: action)).toml)")
        }
        lines += [
            "", "# Colours of the dashboard's roles: \(ColorSpec.expected).", "[colors]",
        ]
        lines += StyleRole.configNames.map { "# \($0.0) = \"default\"" }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func wrapped(_ text: String, prefix: String, width: Int = 100) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty, current.count + 1 + word.count + prefix.count > width {
                lines.append(prefix + current)
                current = ""
            }
            current += (current.isEmpty ? "" : " ") + word
        }
        if !current.isEmpty { lines.append(prefix + current) }
        return lines
    }
}

extension ColorSpec {
    /// The spec written back as `[colors]` takes it.
    public var text: String {
        var words: [String] = []
        if bold { words.append("bold") }
        if dim { words.append("dim") }
        if underline { words.append("underline") }
        if reverse { words.append("reverse") }
        words.append(Self.name(foreground))
        if background != -1 { words += ["on", Self.name(background)] }
        return words.joined(separator: " ")
    }

    private static func name(_ index: Int) -> String {
        switch index {
        case -1: return "default"
        case 0..<8: return names[index]
        case 8..<16: return "bright-" + names[index - 8]
        default: return String(index)
        }
    }
}
