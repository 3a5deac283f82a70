import Testing

@testable import CacheWatchCore

@Suite("Texts that name a key follow the keymap")
struct KeyTextTests {
    /// The standard keymap with these actions on other keys.
    private func remapped(_ keys: [Action: Key]) -> Keymap {
        Keymap(
            bindings: Keymap.standard.bindings.map { binding in
                guard let key = keys[binding.action] else { return binding }
                return KeyBinding([key], binding.action, binding.help, hint: binding.hint, scope: binding.scope)
            })
    }

    @Test("Rebound keys show in the crate pane's title, the explanations, the notices and the too-small screen")
    func rebound() {
        var s = AppState(session: SessionInfo(engine: .native, project: "~/p", command: "c"), cacheLimit: nil)
        s.keymap = remapped([
            .cycleSort: .character("S"), .toggleTimeline: .character("T"), .quit: .character("Q"),
            .showWhy: .character("Y"), .toggleExplain: .character("X"), .toggleWatch: .character("w"),
        ])
        _ = s.update(.resize(width: 120, height: 35))
        var screen = Screen(width: 120, height: 35)
        DashboardView.render(s, into: &screen)
        #expect(screen.textDump.contains("sort: order (S)"), "\(screen.textDump)")
        _ = s.update(.key(.character("T")))
        DashboardView.render(s, into: &screen)
        #expect(screen.textDump.contains("timeline (T)"))
        _ = s.update(.key(.character("Y")))
        #expect(s.notice?.text == "No run has ended yet: Y explains a run's misses once it ends")
        var stats = SccacheStats()
        stats.hits = LanguageCounts(total: 0, byLanguage: [])
        _ = s.update(.stats(stats, final: true))
        _ = s.update(.key(.character("X")))
        DashboardView.render(s, into: &screen)
        #expect(screen.textDump.contains("Fixable reasons plus cache errors. X "), "\(screen.textDump)")
        _ = s.update(.resize(width: 40, height: 10))
        var small = Screen(width: 40, height: 10)
        DashboardView.render(s, into: &small)
        #expect(small.textDump.contains("Enlarge the window; Q quits"))
    }
}
