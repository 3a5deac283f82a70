/// One row of the keymap: the keys, the action they trigger, and the help text.
public struct KeyBinding: Sendable {
    public let keys: [Key]
    public let action: Action
    public let help: String
    /// Shown in the status bar's short hint list, in this form ("r rerun").
    public let hint: String?

    public init(_ keys: [Key], _ action: Action, _ help: String, hint: String? = nil) {
        self.keys = keys
        self.action = action
        self.help = help
        self.hint = hint
    }

    /// The keys as written in help text: "g / Home".
    public var keyLabel: String { keys.map(\.label).joined(separator: " / ") }
}

/// The single table of key bindings: it drives dispatch, the status-bar hints,
/// the `?` overlay and the README's key table.
public struct Keymap: Sendable {
    public let bindings: [KeyBinding]

    public static let standard = Keymap(bindings: [
        KeyBinding([.character("r")], .rerun, "Re-run the build (stops a running build first)", hint: "rerun"),
        KeyBinding([.character("s")], .stop, "Stop the running build", hint: "stop"),
        KeyBinding(
            [.character("z")], .zeroStats,
            "Zero sccache's statistics (the live server's, or the panel's when none runs)", hint: "zero"),
        KeyBinding(
            [.character("c")], .chown,
            "Chown the registry, sccache and target directories to you (or --owner)", hint: "chown"),
        KeyBinding([.character("/")], .search, "Search the log (Enter searches, Esc cancels)", hint: "search"),
        KeyBinding([.character("f")], .toggleFollow, "Toggle follow mode (auto-scroll)", hint: "follow"),
        KeyBinding([.character("?")], .toggleHelp, "Show or hide this help", hint: "help"),
        KeyBinding([.character("q"), .control("c")], .quit, "Quit (stops the build; nothing is left running)", hint: "quit"),
        KeyBinding([.character("n")], .nextMatch, "Next match of the search"),
        KeyBinding([.character("N")], .previousMatch, "Previous match of the search"),
        KeyBinding([.character("e")], .firstError, "Jump to the first error (error[E…], error:)"),
        KeyBinding([.character("E")], .nextError, "Jump to the next error"),
        KeyBinding([.tab], .focusNext, "Move the focus between the log and the crate table (arrows scroll it)"),
        KeyBinding([.character("o")], .cycleSort, "Sort the crate table: order, name, result, time"),
        KeyBinding([.character("x")], .toggleExplain, "Explain the non-cacheable reasons (or show the numbers again)"),
        KeyBinding([.character("w")], .toggleWrap, "Wrap long lines, or cut them at the pane's edge"),
        KeyBinding([.character("F")], .toggleFolds, "Unfold sccache's final reports in the log, or fold them again"),
        KeyBinding([.up, .character("k"), .wheelUp], .scrollUp, "Scroll the log up (pauses follow)"),
        KeyBinding([.down, .character("j"), .wheelDown], .scrollDown, "Scroll the log down"),
        KeyBinding([.pageUp], .pageUp, "Scroll the log up a page (pauses follow)"),
        KeyBinding([.pageDown, .character(" ")], .pageDown, "Scroll the log down a page"),
        KeyBinding([.home, .character("g")], .scrollTop, "Jump to the top of the log (pauses follow)"),
        KeyBinding([.end, .character("G")], .scrollBottom, "Jump to the end of the log and follow it"),
        KeyBinding([.control("z")], .suspend, "Suspend to the shell (fg comes back; the build goes on meanwhile)"),
    ])

    public func action(for key: Key) -> Action? {
        bindings.first { $0.keys.contains(key) }?.action
    }

    /// The first key bound to `action`, as help text writes it ("F"); nil when unbound.
    public func label(for action: Action) -> String? {
        bindings.first { $0.action == action }?.keys.first?.label
    }

    /// The keymap as a Markdown table, as the README shows it.
    public var markdownTable: String {
        var lines = ["| Key | Action |", "| --- | --- |"]
        for binding in bindings {
            let keys = binding.keys.map { "`\($0.label)`" }.joined(separator: " / ")
            lines.append("| \(keys) | \(binding.help) |")
        }
        return lines.joined(separator: "\n")
    }
}
