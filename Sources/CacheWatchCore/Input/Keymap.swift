/// Where a key binding applies: the build's dashboard, the history view, or both.
public enum KeyScope: String, Hashable, Codable, Sendable {
    case everywhere
    case dashboard
    case history

    /// How the key table in docs/usage.md names it.
    var label: String {
        switch self {
        case .everywhere: return "everywhere"
        case .dashboard: return "dashboard"
        case .history: return "history"
        }
    }
}

/// One row of the keymap: the keys, the action they trigger, where, and the help text.
public struct KeyBinding: Sendable {
    public let keys: [Key]
    public let action: Action
    public let help: String
    /// Shown in the status bar's short hint list, in this form ("r rerun").
    public let hint: String?
    public let scope: KeyScope

    public init(_ keys: [Key], _ action: Action, _ help: String, hint: String? = nil, scope: KeyScope = .dashboard) {
        self.keys = keys
        self.action = action
        self.help = help
        self.hint = hint
        self.scope = scope
    }

    /// Whether the binding applies in `scope`.
    public func applies(in scope: KeyScope) -> Bool { self.scope == .everywhere || self.scope == scope }

    /// The keys as written in help text: "g / Home".
    public var keyLabel: String { keys.map(\.label).joined(separator: " / ") }
}

/// The single table of key bindings: it drives dispatch, the status-bar hints,
/// the `?` overlay and the key table in docs/usage.md.
public struct Keymap: Sendable {
    public let bindings: [KeyBinding]

    public static let standard = Keymap(bindings: [
        KeyBinding(
            [.character("r")], .rerun, "Re-run the build (stops a running build first)", hint: "rerun", scope: .everywhere),
        KeyBinding([.character("s")], .stop, "Stop the running build", hint: "stop", scope: .everywhere),
        KeyBinding(
            [.character("z")], .zeroStats,
            "Zero sccache's statistics (the live server's, or the panel's when none runs)", hint: "zero", scope: .everywhere),
        KeyBinding(
            [.character("c")], .chown,
            "Chown the registry, sccache and target directories to you (or --owner)", hint: "chown", scope: .everywhere),
        KeyBinding([.character("/")], .search, "Search the log (Enter searches, Esc cancels)", hint: "search"),
        KeyBinding([.character("f")], .toggleFollow, "Toggle follow mode (auto-scroll)", hint: "follow"),
        KeyBinding(
            [.character("h")], .toggleHistory, "Show the history of runs, or go back to the build", hint: "history",
            scope: .everywhere),
        KeyBinding(
            [.character("y")], .showWhy, "Why it missed: the last run's misses by cause (in the history: the selected run's)",
            hint: "why", scope: .everywhere),
        KeyBinding(
            [.character("W")], .toggleWatch,
            "Watch: re-run the build when a source file of the project changes (on or off)", hint: "watch",
            scope: .everywhere),
        KeyBinding([.character("?")], .toggleHelp, "Show or hide this help", hint: "help", scope: .everywhere),
        KeyBinding(
            [.character("q"), .control("c")], .quit, "Quit (stops the build; nothing is left running)", hint: "quit",
            scope: .everywhere),
        KeyBinding([.character("n")], .nextMatch, "Next match of the search"),
        KeyBinding([.character("N")], .previousMatch, "Previous match of the search"),
        KeyBinding([.character("e")], .firstError, "Jump to the first error (error[E…], error:)"),
        KeyBinding([.character("E")], .nextError, "Jump to the next error"),
        KeyBinding([.tab], .focusNext, "Move the focus between the log and the crate table (arrows scroll it)"),
        KeyBinding([.character("o")], .cycleSort, "Sort the crate table: order, name, result, time"),
        KeyBinding(
            [.character("t")], .toggleTimeline,
            "Crates pane: the table, or a timeline of the compiles (one bar each, coloured by result)"),
        KeyBinding([.character("x")], .toggleExplain, "Explain the non-cacheable reasons (or show the numbers again)"),
        KeyBinding([.character("w")], .toggleWrap, "Wrap long lines, or cut them at the pane's edge"),
        KeyBinding([.character("F")], .toggleFolds, "Unfold sccache's final reports in the log, or fold them again"),
        KeyBinding([.up, .character("k"), .wheelUp], .scrollUp, "Scroll the log up (pauses follow)"),
        KeyBinding([.down, .character("j"), .wheelDown], .scrollDown, "Scroll the log down"),
        KeyBinding([.pageUp], .pageUp, "Scroll the log up a page (pauses follow)"),
        KeyBinding([.pageDown, .character(" ")], .pageDown, "Scroll the log down a page"),
        KeyBinding([.home, .character("g")], .scrollTop, "Jump to the top of the log (pauses follow)"),
        KeyBinding([.end, .character("G")], .scrollBottom, "Jump to the end of the log and follow it"),
        KeyBinding(
            [.enter], .openRun, "Open the selected run: its summary, crates, and the run before", hint: "open", scope: .history),
        KeyBinding(
            [.character("m")], .markRun, "Mark the selected run (two marked runs can be compared)", hint: "mark", scope: .history),
        KeyBinding([.character("d")], .diffRuns, "Compare the two marked runs crate by crate", hint: "diff", scope: .history),
        KeyBinding(
            [.escape, .backspace], .back, "Back: from a run to the list, from the list to the build", hint: "back",
            scope: .history),
        KeyBinding([.up, .character("k"), .wheelUp], .scrollUp, "Select the newer run (or scroll a run up)", scope: .history),
        KeyBinding(
            [.down, .character("j"), .wheelDown], .scrollDown, "Select the older run (or scroll a run down)", scope: .history),
        KeyBinding([.pageUp], .pageUp, "A page of newer runs", scope: .history),
        KeyBinding([.pageDown, .character(" ")], .pageDown, "A page of older runs", scope: .history),
        KeyBinding([.home, .character("g")], .scrollTop, "The newest run", scope: .history),
        KeyBinding([.end, .character("G")], .scrollBottom, "The oldest run", scope: .history),
        KeyBinding(
            [.control("z")], .suspend, "Suspend to the shell (fg comes back; the build goes on meanwhile)", scope: .everywhere),
    ])

    /// The action `key` triggers in `scope`.
    public func action(for key: Key, in scope: KeyScope = .dashboard) -> Action? {
        bindings.first { $0.applies(in: scope) && $0.keys.contains(key) }?.action
    }

    /// The first key bound to `action`, as help text writes it ("F"); nil when unbound.
    public func label(for action: Action) -> String? {
        bindings.first { $0.action == action }?.keys.first?.label
    }

    /// How a text names the key of `action`: its label, or the action's name when nothing is bound to it (every text
    /// that mentions a key follows the keymap, so a rebinding changes them all).
    public func key(_ action: Action) -> String { label(for: action) ?? action.rawValue }

    /// The bindings that apply in `scope`, in table order.
    public func bindings(in scope: KeyScope) -> [KeyBinding] {
        bindings.filter { $0.applies(in: scope) }
    }

    /// The keymap as a Markdown table, as docs/usage.md shows it.
    public var markdownTable: String {
        var lines = ["| Key | Where | Action |", "| --- | --- | --- |"]
        for binding in bindings {
            let keys = binding.keys.map { "`\($0.label)`" }.joined(separator: " / ")
            lines.append("| \(keys) | \(binding.scope.label) | \(binding.help) |")
        }
        return lines.joined(separator: "\n")
    }
}
