import Testing

@testable import CacheWatchCore

@Suite("[keys]: rebinding actions by their stable names")
struct KeyRebindingTests {
    private let source = ConfigSource.file(.user, path: "c.toml", line: 3)

    @Test("Stable names: kebab-case of the action, and back")
    func names() {
        #expect(Action.zeroStats.configName == "zero-stats" && Action.rerun.configName == "rerun")
        #expect(Action(configName: "toggle-watch") == .toggleWatch && Action(configName: "toggleWatch") == nil)
        #expect(Set(Action.allCases.map(\.configName)).count == Action.allCases.count)
    }

    @Test("Keys written as people write them")
    func keyNames() {
        #expect(Key(name: "R") == .character("R") && Key(name: "ctrl-r") == .control("r"))
        #expect(Key(name: "F5") == .function(5) && Key(name: "space") == .character(" "))
        #expect(Key(name: "Enter") == .enter && Key(name: "hyper-x") == nil && Key(name: "f99") == nil)
    }

    @Test("A rebound action gets the keys in every view; the texts and hints follow")
    func rebinds() {
        let (keymap, problems) = Keymap.standard.rebinding([
            KeyRebinding(action: .rerun, keys: [.character("R")], source: source),
            KeyRebinding(action: .scrollUp, keys: [.up, .character("K")], source: source),
        ])
        #expect(problems.isEmpty)
        #expect(keymap.action(for: .character("R")) == .rerun && keymap.action(for: .character("r")) == nil)
        #expect(keymap.action(for: .character("K"), in: .history) == .scrollUp)
        #expect(keymap.action(for: .character("k"), in: .history) == nil)
        #expect(keymap.key(.rerun) == "R")
    }

    @Test("Two actions on one key where both apply is an error naming both; apart (dashboard, history) it is fine")
    func conflicts() {
        let (_, problems) = Keymap.standard.rebinding([KeyRebinding(action: .rerun, keys: [.character("s")], source: source)])
        #expect(
            problems.map(\.description) == [
                "c.toml:3: rerun = \"s\" conflicts with stop (its default key), which has the same key where both apply; "
                    + "bind one of them to another key"
            ])
        let (_, both) = Keymap.standard.rebinding([
            KeyRebinding(action: .rerun, keys: [.character("X")], source: source),
            KeyRebinding(action: .stop, keys: [.character("X")], source: .file(.project, path: "p.toml", line: 9)),
        ])
        #expect(both.count == 1, "\(both)")
        #expect(both.first?.description.hasPrefix("p.toml:9: stop = \"X\" conflicts with rerun (c.toml:3)") == true, "\(both)")
        // o sorts the crate table (dashboard); m marks a run (history): the same key in two views is no conflict.
        let (_, apart) = Keymap.standard.rebinding([KeyRebinding(action: .cycleSort, keys: [.character("m")], source: source)])
        #expect(apart.isEmpty)
    }

    @Test("Ctrl-C always quits: quit keeps it whatever it is bound to, and no other action may take it")
    func controlC() {
        let (keymap, problems) = Keymap.standard.rebinding([KeyRebinding(action: .quit, keys: [.character("Q")], source: source)])
        #expect(problems.isEmpty && keymap.keys(of: .quit) == [.character("Q"), .control("c")])
        #expect(keymap.action(for: .character("q")) == nil)
        let (_, taken) = Keymap.standard.rebinding([KeyRebinding(action: .chown, keys: [.control("c")], source: source)])
        #expect(taken.first?.message.contains("ctrl-c always quits") == true)
    }

    @Test("An action with no key: texts name the action")
    func unbound() {
        let (keymap, problems) = Keymap.standard.rebinding([KeyRebinding(action: .chown, keys: [], source: source)])
        #expect(problems.isEmpty && keymap.key(.chown) == "chown" && keymap.action(for: .character("c")) == nil)
    }

    @Test("The hints drop others first and keep help and quit, wherever they are bound")
    func hintsKeepHelpAndQuit() {
        var s = AppState(session: SessionInfo(engine: .native, project: "~/p", command: "c"), cacheLimit: nil)
        s.keymap =
            Keymap.standard.rebinding([
                KeyRebinding(action: .quit, keys: [.character("Q")], source: source),
                KeyRebinding(action: .toggleHelp, keys: [.function(1)], source: source),
            ]).keymap
        _ = s.update(.resize(width: 60, height: 20))
        var screen = Screen(width: 60, height: 20)
        DashboardView.render(s, into: &screen)
        let bar = screen.textDump.split(separator: "\n").last.map(String.init) ?? ""
        #expect(bar.contains("F1 help") && bar.contains("Q quit") && !bar.contains("W watch"), "\(bar)")
        #expect(!bar.contains("q quit"))
    }
}

@Suite("[colors]: colour specs")
struct ColorSpecTests {
    @Test(
        "Specs as written",
        arguments: [
            ("green", ColorSpec(foreground: 2)), ("bold bright-cyan", ColorSpec(foreground: 14, bold: true)),
            ("white on 236", ColorSpec(foreground: 7, background: 236)), ("default", ColorSpec()),
            ("on blue", ColorSpec(background: 4)), ("dim underline grey", ColorSpec(foreground: 8, dim: true, underline: true)),
            ("REVERSE Red", ColorSpec(foreground: 1, reverse: true)),
        ])
    func parses(text: String, spec: ColorSpec) {
        #expect(ColorSpec(parsing: text) == spec)
        #expect(ColorSpec(parsing: spec.text) == spec, "\(spec.text)")
    }

    @Test("Not specs", arguments: ["purple", "", "bold purple", "green on", "256", "red blue", "on red green"])
    func refuses(text: String) {
        #expect(ColorSpec(parsing: text) == nil)
    }
}
