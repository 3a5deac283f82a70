extension Action {
    /// The action's stable name in a config file's `[keys]`: `rerun`, `zero-stats`, `toggle-watch`.
    public var configName: String {
        var name = ""
        for character in rawValue {
            if character.isUppercase {
                name += "-" + character.lowercased()
            } else {
                name.append(character)
            }
        }
        return name
    }

    /// The action a config file names; nil when no action has that name.
    public init?(configName: String) {
        guard let action = Action.allCases.first(where: { $0.configName == configName }) else { return nil }
        self = action
    }
}

/// One `[keys]` line of a config file: an action and the keys it gets instead of its own.
public struct KeyRebinding: Hashable, Sendable {
    public let action: Action
    public let keys: [Key]
    public let source: ConfigSource

    public init(action: Action, keys: [Key], source: ConfigSource) {
        self.action = action
        self.keys = keys
        self.source = source
    }
}

extension Keymap {
    /// Ctrl-C always quits, whatever a config file binds: a way out no config can take away.
    public static let alwaysQuits = Key.control("c")

    /// Actions bound in this keymap, each once, in table order.
    public var actions: [Action] {
        var seen = Set<Action>()
        return bindings.map(\.action).filter { seen.insert($0).inserted }
    }

    /// The keys of `action` (those of its first row: an action has the same keys in every view).
    public func keys(of action: Action) -> [Key] { bindings.first { $0.action == action }?.keys ?? [] }

    /// The keymap with `rebindings` applied (the last for an action wins): every row of an action gets the new keys.
    /// A key that two actions would share where both apply is a problem naming both, as is Ctrl-C given to another
    /// action.
    public func rebinding(_ rebindings: [KeyRebinding]) -> (keymap: Keymap, problems: [ConfigProblem]) {
        var problems: [ConfigProblem] = []
        var chosen: [Action: KeyRebinding] = [:]
        for rebinding in rebindings {
            if rebinding.keys.contains(Self.alwaysQuits), rebinding.action != .quit {
                problems.append(
                    ConfigProblem(
                        rebinding.source,
                        "\(rebinding.action.configName): ctrl-c always quits (a way out no config can take away); "
                            + "choose another key"))
                continue
            }
            chosen[rebinding.action] = rebinding
        }
        var rows = bindings.map { binding -> KeyBinding in
            guard var keys = chosen[binding.action]?.keys else { return binding }
            if binding.action == .quit, !keys.contains(Self.alwaysQuits) { keys.append(Self.alwaysQuits) }
            return KeyBinding(keys, binding.action, binding.help, hint: binding.hint, scope: binding.scope)
        }
        // A key on two actions where both apply: the later row would never run.
        var reported = Set<[Action]>()
        for (i, first) in rows.enumerated() {
            for second in rows[(i + 1)...] where second.action != first.action && Self.overlap(first.scope, second.scope) {
                for key in first.keys where second.keys.contains(key) {
                    let pair = [first.action, second.action].sorted { $0.rawValue < $1.rawValue }
                    guard reported.insert(pair).inserted else { continue }
                    // Blamed: a rebound one of the two (the later, when both are); the other is named with its source.
                    let (mine, other) =
                        chosen[second.action] != nil ? (second.action, first.action) : (first.action, second.action)
                    let otherSource = chosen[other].map { " (\($0.source))" } ?? " (its default key)"
                    problems.append(
                        ConfigProblem(
                            chosen[mine]?.source ?? .standard,
                            "\(mine.configName) = \"\(key.name)\" conflicts with \(other.configName)\(otherSource), "
                                + "which has the same key where both apply; bind one of them to another key"))
                }
            }
        }
        if !problems.isEmpty { rows = bindings }
        return (Keymap(bindings: rows), problems)
    }

    private static func overlap(_ a: KeyScope, _ b: KeyScope) -> Bool { a == .everywhere || b == .everywhere || a == b }
}
