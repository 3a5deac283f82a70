import Testing

@testable import CacheWatchCore

@Suite("Watch mode: changes debounced into one re-run, restart or wait, W, the status bar")
struct WatchTests {
    private func state(_ settings: WatchSettings? = WatchSettings(enabled: true)) -> AppState {
        var s = AppState(
            session: SessionInfo(engine: .native, project: "~/p", command: "cargo build", watch: settings), cacheLimit: nil)
        _ = s.update(.resize(width: 120, height: 30))
        return s
    }

    private func finishedBuild(_ s: inout AppState, at t: Double) {
        _ = s.update(.buildStarted(now: t, run: RunStart(id: RunID("r\(t)"), wallClock: t)))
        _ = s.update(.buildEnded(.exited(0), now: t + 1, stopped: false))
    }

    @Test("--watch starts the watcher; changes within the debounce make one re-run that names what changed")
    func debounced() {
        var s = state()
        #expect(s.update(.appStarted(wallClock: 0, now: 0)).contains(.watch(true)))
        finishedBuild(&s, at: 0)
        #expect(s.update(.filesChanged(["src/lib.rs"], now: 10)) == [.schedule(after: 0.3)])
        #expect(s.update(.filesChanged(["src/main.rs", "src/lib.rs"], now: 10.2)) == [.schedule(after: 0.3)])
        // Not yet: the last change was 0.2 s ago.
        #expect(!s.update(.tick(now: 10.4)).contains { $0.start != nil })
        #expect(s.watch?.due == 10.5)
        let effects = s.update(.tick(now: 10.5))
        #expect(effects.filter { $0.start != nil }.count == 1)
        #expect(s.watch?.trigger == "src/lib.rs and 1 more changed")
        #expect(s.watch?.due == nil && s.watch?.pendingCount == 0)
        // Nothing more to do after it.
        #expect(!s.update(.tick(now: 11)).contains { $0.start != nil })
        let bar = render(s)
        #expect(bar.contains(" watch  re-run: src/lib.rs and 1 more changed "), "\(bar)")
    }

    @Test("While a build runs: restart stops it and starts again; wait holds the re-run until it ends")
    func strategies() {
        var restart = state()
        _ = restart.update(.buildStarted(now: 0, run: RunStart(id: RunID("a"), wallClock: 0)))
        _ = restart.update(.filesChanged(["Cargo.toml"], now: 1))
        #expect(restart.update(.tick(now: 1.3)).contains { $0.start != nil })
        #expect(restart.phase == .stopping(startedAt: 0))
        #expect((0..<restart.log.buffer.count).contains { restart.log.buffer[$0].text.contains("restarting the build") })

        var wait = state(WatchSettings(enabled: true, debounce: 0.5, strategy: .wait))
        _ = wait.update(.buildStarted(now: 0, run: RunStart(id: RunID("a"), wallClock: 0)))
        _ = wait.update(.filesChanged(["src/a.rs"], now: 1))
        #expect(!wait.update(.tick(now: 1.5)).contains { $0.start != nil }, "the running build goes on")
        #expect(wait.watch?.held == "src/a.rs changed" && wait.notice?.text.contains("when this one ends") == true)
        #expect(wait.update(.buildEnded(.exited(0), now: 5, stopped: false)).contains { $0.start != nil })
        #expect(wait.watch?.held == nil && wait.watch?.trigger == "src/a.rs changed")
    }

    @Test(
        "A build that writes into the project re-runs itself at most 3 times, then watch pauses naming the file",
        arguments: [WatchSettings.Strategy.restart, .wait])
    func selfTriggered(strategy: WatchSettings.Strategy) {
        var s = state(WatchSettings(enabled: true, debounce: 0.3, strategy: strategy))
        _ = s.update(.appStarted(wallClock: 0, now: 0))
        var starts = 0
        var paused: [Effect] = []
        var t = 0.0
        for run in 0..<10 {
            _ = s.update(.buildStarted(now: t, run: RunStart(id: RunID("r\(run)"), wallClock: t)))
            // The build script appends to a source file while it runs.
            _ = s.update(.filesChanged(["src/generated.rs"], now: t + 0.5))
            var effects = s.update(.tick(now: t + 0.9))
            effects += s.update(.buildEnded(.exited(0), now: t + 2, stopped: false))
            starts += effects.filter { $0.start != nil }.count
            if effects.contains(.watch(false)) {
                paused = effects
                break
            }
            t += 3
        }
        #expect(starts == WatchState.selfTriggerLimit, "\(strategy)")
        #expect(paused.contains(.watch(false)) && s.watch?.enabled == false)
        let notice = s.notice?.text ?? ""
        #expect(notice.hasPrefix("Watch paused: the build itself keeps changing src/generated.rs"), "\(notice)")
        #expect(notice.contains(".gitignore") && notice.contains("W watches again"))
    }

    @Test("Edits made while no build runs never count toward the pause, nor do other files each time")
    func personEdits() {
        var s = state()
        _ = s.update(.appStarted(wallClock: 0, now: 0))
        var t = 0.0
        var starts = 0
        for run in 0..<8 {
            _ = s.update(.buildStarted(now: t, run: RunStart(id: RunID("p\(run)"), wallClock: t)))
            _ = s.update(.buildEnded(.exited(0), now: t + 1, stopped: false))
            // A person saves after the build (even the same file), or during it a different file each time.
            let during = run % 2 == 1
            if during { _ = s.update(.buildStarted(now: t + 1.5, run: RunStart(id: RunID("q\(run)"), wallClock: t))) }
            _ = s.update(.filesChanged(["src/file\(during ? run : 0).rs"], now: t + 2))
            starts += s.update(.tick(now: t + 2.4)).filter { $0.start != nil }.count
            if during { _ = s.update(.buildEnded(.exited(0), now: t + 2.5, stopped: false)) }
            t += 3
        }
        #expect(starts == 8 && s.watch?.enabled == true)
    }

    @Test("W turns watch on and off; off drops pending changes; r clears what the last re-run said")
    func toggle() {
        var s = state(WatchSettings())
        #expect(!s.update(.appStarted(wallClock: 0, now: 0)).contains(.watch(true)))
        #expect(s.update(.filesChanged(["src/lib.rs"], now: 1)).isEmpty, "off: changes are not gathered")
        #expect(s.update(.key(.character("W"))).contains(.watch(true)))
        #expect(s.notice?.text.hasPrefix("Watch on") == true)
        _ = s.update(.filesChanged(["src/lib.rs"], now: 2))
        #expect(s.update(.key(.character("W"))).contains(.watch(false)))
        #expect(s.watch?.due == nil && !s.update(.tick(now: 3)).contains { $0.start != nil })
        #expect(!render(s).contains(" watch  "), "the indicator is gone")

        _ = s.update(.key(.character("W")))
        _ = s.update(.filesChanged(["src/lib.rs"], now: 4))
        _ = s.update(.tick(now: 4.3))
        #expect(s.watch?.trigger == "src/lib.rs changed")
        _ = s.update(.key(.character("r")))
        #expect(s.watch?.trigger == nil, "a re-run the user asked for is not the watch's")
    }

    @Test("Where watch is not available (--fresh, --compare, a replay) W says so and does nothing")
    func unavailable() {
        var s = state(nil)
        #expect(!s.update(.key(.character("W"))).contains(.watch(true)))
        #expect(s.notice?.text.contains("not available with --fresh") == true)
        var replay = state()
        #expect(!replay.update(.viewerKey(.character("W"))).contains(.watch(true)))
        #expect(replay.notice?.text == "W is not available in a replay")
    }

    @Test("The watcher's method goes to the log; polling is also a warning")
    func method() {
        var s = state()
        _ = s.update(.watching("watching 12 directories with inotify", polling: false))
        #expect(s.notice == nil && s.watch?.method == "watching 12 directories with inotify")
        _ = s.update(.watching("polling the project's files every second (the inotify watch limit is reached)", polling: true))
        #expect(s.notice?.level == .warning)
    }

    @Test("Many files: the first few are kept, the rest counted")
    func many() {
        var s = state()
        _ = s.update(.filesChanged((0..<50).map { "src/f\($0).rs" }, now: 1))
        #expect(s.watch?.pending.count == WatchState.shownPaths && s.watch?.pendingCount == 50)
        _ = s.update(.tick(now: 2))
        #expect(s.watch?.trigger == "src/f0.rs and 49 more changed")
    }

    private func render(_ s: AppState) -> String {
        var screen = Screen(width: s.width, height: s.height)
        DashboardView.render(s, into: &screen, glyphs: .unicode)
        return screen.row(s.height - 1)
    }
}

@Suite("Which files watch mode ignores: git's rules")
struct IgnoreRulesTests {
    @Test("The defaults: target/ at the root, .git/ anywhere, editors' scratch files")
    func defaults() {
        let rules = IgnoreRules(ignoringPaths: [".muslrust"])
        #expect(rules.isIgnored("target", isDirectory: true))
        #expect(!rules.isIgnored("crates/target", isDirectory: true), "only the root's target/ is cargo's")
        #expect(rules.isIgnored("targetD83BEu", isDirectory: true), "cargo makes target/ as a temporary directory first")
        #expect(!rules.isIgnored("targets", isDirectory: true) && !rules.isIgnored("target.rs", isDirectory: false))
        #expect(rules.isIgnored(".git", isDirectory: true) && rules.isIgnored("sub/.git", isDirectory: true))
        #expect(rules.isIgnored("src/.lib.rs.swp", isDirectory: false) && rules.isIgnored("src/lib.rs~", isDirectory: false))
        #expect(rules.isIgnored("src/4913", isDirectory: false) && rules.isIgnored(".#lib.rs", isDirectory: false))
        #expect(rules.isIgnored(".muslrust", isDirectory: true))
        #expect(!rules.isIgnored("src/lib.rs", isDirectory: false) && !rules.isIgnored("Cargo.toml", isDirectory: false))
    }

    @Test("A .gitignore: names anywhere, anchored paths, directory-only, negation, **, classes, nested files")
    func gitignore() {
        var rules = IgnoreRules()
        rules.add(gitignore: "# generated\n*.log\n!keep.log\n/out\nbuild/\ndocs/**/*.html\ntmp[0-9]\n\\#notes\n", in: "")
        #expect(rules.isIgnored("a.log", isDirectory: false) && rules.isIgnored("deep/x/a.log", isDirectory: false))
        #expect(!rules.isIgnored("keep.log", isDirectory: false), "! re-includes")
        #expect(rules.isIgnored("out", isDirectory: false) && !rules.isIgnored("src/out", isDirectory: false))
        #expect(rules.isIgnored("src/build", isDirectory: true) && !rules.isIgnored("src/build", isDirectory: false))
        #expect(rules.isIgnored("docs/a/b/c.html", isDirectory: false) && rules.isIgnored("docs/c.html", isDirectory: false))
        #expect(!rules.isIgnored("site/c.html", isDirectory: false))
        #expect(rules.isIgnored("tmp7", isDirectory: false) && !rules.isIgnored("tmpx", isDirectory: false))
        #expect(rules.isIgnored("#notes", isDirectory: false))
        // A nested .gitignore applies below its directory and decides over the root's.
        rules.add(gitignore: "!special.log\n/local.rs\n", in: "crates/a")
        #expect(!rules.isIgnored("crates/a/special.log", isDirectory: false))
        #expect(rules.isIgnored("crates/b/special.log", isDirectory: false))
        #expect(rules.isIgnored("crates/a/local.rs", isDirectory: false) && !rules.isIgnored("local.rs", isDirectory: false))
        // Read again (the file changed): its old lines are gone, the root's still decide below it.
        rules.add(gitignore: "/other.rs\n", in: "crates/a")
        #expect(!rules.isIgnored("crates/a/local.rs", isDirectory: false))
        #expect(rules.isIgnored("crates/a/special.log", isDirectory: false))
        rules.add(gitignore: "", in: "")
        #expect(!rules.isIgnored("a.log", isDirectory: false) && rules.isIgnored("target", isDirectory: true))
    }

    @Test("Wildcards stay within a component; ? is one character; ranges and negated classes")
    func wildcards() {
        #expect(Glob.matchComponent("*.rs", "lib.rs") && !Glob.matchComponent("*.rs", "lib.rsx"))
        #expect(Glob.matchComponent("a*b*c", "aXbYbZc") && !Glob.matchComponent("a*b*c", "aXbY"))
        #expect(Glob.matchComponent("?.md", "a.md") && !Glob.matchComponent("?.md", "ab.md"))
        #expect(Glob.matchComponent("[!a-c]x", "dx") && !Glob.matchComponent("[!a-c]x", "bx"))
        #expect(!Glob.match(["src", "*.rs"][...], ["src", "a", "b.rs"][...]))
        #expect(Glob.match(["**", "b.rs"][...], ["src", "a", "b.rs"][...]))
        // Matched on bytes, a character at a time: `?` and a class take all of a non-ASCII character's bytes.
        #expect(Glob.matchComponent("?.md", "é.md") && Glob.matchComponent("???", "日本語") && !Glob.matchComponent("??", "日本語"))
        #expect(Glob.matchComponent("[é]x", "éx") && Glob.matchComponent("[à-ë]", "é") && !Glob.matchComponent("[!à-ë]", "é"))
        #expect(Glob.matchComponent("*?語", "日本語") && Glob.matchComponent("\\*", "*") && !Glob.matchComponent("\\*", "a"))
        #expect(Glob.matchComponent("[a", "[a") && !Glob.matchComponent("*.rs", "é"))
    }
}
