import Testing

@testable import CacheWatchCore

@Suite("Settings: flags > environment > project file > user file > defaults")
struct ConfigResolverTests {
    private func file(_ kind: ConfigFileKind, _ entries: [([String], ConfigValue)]) -> ConfigFile {
        ConfigFile(
            kind: kind, path: kind == .user ? "~/.config/cachewatch/config.toml" : "/p/.cachewatch.toml",
            directory: kind == .user ? "/home/u/.config/cachewatch" : "/p",
            entries: entries.enumerated().map { ConfigEntry(path: $1.0, value: $1.1, line: $0 + 1) })
    }

    private func problems(
        flags: [SettingKey: ConfigValue] = [:], environment: [String: String] = [:], project: ConfigFile? = nil,
        user: ConfigFile? = nil
    ) -> [String] {
        do {
            _ = try ConfigResolver.resolve(
                flags: flags, environment: environment, project: project, trust: .trusted, user: user)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test(
        "Each layer wins over the ones below it",
        arguments: [
            // (user file, project file, environment, flag) → the value and the source that wins.
            (nil, nil, nil, nil, "/default", "default"),
            ("/user", nil, nil, nil, "/user", "~/.config/cachewatch/config.toml:1"),
            ("/user", "project", nil, nil, "/p/project", "/p/.cachewatch.toml:1"),
            ("/user", "project", "/env", nil, "/env", "$MOUNT_ROOT"),
            ("/user", "project", "/env", "/flag", "/flag", "--mount-root"),
            (nil, nil, "/env", "/flag", "/flag", "--mount-root"),
            ("/user", nil, "/env", nil, "/env", "$MOUNT_ROOT"),
            (nil, "project", nil, "/flag", "/flag", "--mount-root"),
        ] as [(String?, String?, String?, String?, String, String)])
    func precedence(user: String?, project: String?, variable: String?, flag: String?, value: String, source: String)
        throws
    {
        let settings = try ConfigResolver.resolve(
            flags: flag.map { [.mountRoot: .string($0)] } ?? [:],
            environment: variable.map { ["MOUNT_ROOT": $0] } ?? [:],
            project: project.map { file(.project, [(["mount-root"], .string($0))]) }, trust: .trusted,
            user: user.map { file(.user, [(["mount-root"], .string($0))]) })
        #expect((settings.mountRoot ?? "/default") == value)
        #expect(settings.source(.mountRoot).description == source)
    }

    @Test("Defaults: every typed setting reads its table default, and nothing is marked given")
    func defaults() throws {
        let settings = try ConfigResolver.resolve()
        #expect(settings.scrollback == 100_000 && settings.debounce == 300 && settings.notifyAfter == 10)
        #expect(settings.probe && settings.notify && settings.color && !settings.watch && !settings.fresh)
        #expect(settings.command == ["cargo", "build", "--release", "--locked"])
        #expect(settings.image == nil && settings.engine == nil && settings.record == .standard)
        #expect(settings.keepSessions == "1G" && settings.onChange == .restart)
        #expect(ConfigOption.all.allSatisfy { !settings.given($0.key) })
    }

    @Test("The environment: SCCACHE_CACHE_SIZE, NO_COLOR (set and not empty), GITHUB_STEP_SUMMARY; empty ones are unset")
    func environment() throws {
        let settings = try ConfigResolver.resolve(
            environment: ["SCCACHE_CACHE_SIZE": "2G", "NO_COLOR": "1", "GITHUB_STEP_SUMMARY": "/s.md", "MOUNT_ROOT": ""],
            user: file(.user, [(["color"], .bool(true)), (["cache-size"], .string("9G"))]))
        #expect(settings.cacheSize == "2G" && !settings.color && settings.summary == "/s.md" && settings.mountRoot == nil)
        let empty = try ConfigResolver.resolve(environment: ["NO_COLOR": ""])
        #expect(empty.color)
        let flagged = try ConfigResolver.resolve(flags: [.color: .bool(true)], environment: ["NO_COLOR": "1"])
        #expect(flagged.color && flagged.source(.color) == .flag("--color"))
    }

    @Test("CACHEWATCH_WHY=off and CACHEWATCH_WATCH=poll are the explain and watch-method settings, below the flags")
    func switches() throws {
        let standard = try ConfigResolver.resolve()
        #expect(standard.explain && !standard.watchPolls)
        let set = try ConfigResolver.resolve(environment: ["CACHEWATCH_WHY": "off", "CACHEWATCH_WATCH": "poll"])
        #expect(!set.explain && set.watchPolls && set.source(.explain) == .environment("CACHEWATCH_WHY"))
        #expect(try ConfigResolver.resolve(environment: ["CACHEWATCH_WHY": "on"]).explain)
        let flagged = try ConfigResolver.resolve(flags: [.explain: .bool(true)], environment: ["CACHEWATCH_WHY": "off"])
        #expect(flagged.explain && flagged.source(.explain) == .flag("--explain"))
        #expect(
            problems(environment: ["CACHEWATCH_WATCH": "fanotify"]) == [
                "$CACHEWATCH_WATCH must be one of \"inotify\", \"poll\" (got \"fanotify\")"
            ])
    }

    @Test("A relative path in a file is relative to the file's directory; ~, absolute and - stay as written")
    func paths() throws {
        let settings = try ConfigResolver.resolve(
            project: file(.project, [(["report"], .string("out/r.json")), (["record"], .string("s/x.cwrec"))]),
            trust: .trusted, user: file(.user, [(["mount-root"], .string("~/cache")), (["summary"], .string("s.md"))]))
        #expect(settings.report == "/p/out/r.json" && settings.record == .file("/p/s/x.cwrec"))
        #expect(settings.mountRoot == "~/cache" && settings.summary == "/home/u/.config/cachewatch/s.md")
        let flagged = try ConfigResolver.resolve(flags: [.report: .string("rel.json")])
        #expect(flagged.report == "rel.json")  // a flag's path is the shell's, made absolute by the launcher
    }

    @Test("record: a path, false for none, or the default place; --no-record is spelled as the user wrote it")
    func record() throws {
        #expect(try ConfigResolver.resolve(user: file(.user, [(["record"], .bool(false))])).record == .off)
        #expect(try ConfigResolver.resolve(user: file(.user, [(["record"], .string("/r.cwrec"))])).record == .file("/r.cwrec"))
        let off = try ConfigResolver.resolve(flags: [.record: .bool(false)])
        #expect(off.record == .off && off.source(.record).description == "--no-record")
        #expect(problems(user: file(.user, [(["record"], .bool(true))])).count == 1)
    }

    @Test(
        "Every kind of wrong value is named with its file, line and what was expected",
        arguments: [
            (
                ["scrollback"], ConfigValue.integer(5),
                "config.toml:1: scrollback must be an integer from 100 to 100000000 (got 5)"
            ),
            (["scrollback"], .string("9"), "scrollback must be an integer from 100 to 100000000 (got \"9\")"),
            (["watch"], .string("yes"), "watch must be true or false (got \"yes\")"),
            (["engine"], .string("podman"), "engine must be one of \"docker\", \"native\" (got \"podman\")"),
            // An image that `docker pull` would read as an option.
            (
                ["image"], .string("--privileged"),
                "image must be an image name such as \"clux/muslrust:stable\" (not starting with -, no spaces) (got \"--privileged\")"
            ),
            (["on-change"], .string("later"), "on-change must be one of \"restart\", \"wait\" (got \"later\")"),
            (["debounce"], .integer(-1), "debounce must be an integer from 0 to 60000 (got -1)"),
            (["notify-after"], .number(-2.5), "notify-after must be a number from 0 to 31536000 (got -2.5)"),
            (["cache-size"], .string("lots"), "cache-size: \"lots\" is not a size"),
            (["keep-sessions"], .integer(5), "keep-sessions must be a size such as \"5G\" or \"500M\" (got 5)"),
            (["owner"], .string("me"), "owner must be UID:GID with numbers from 0 to 4294967294"),
            (["owner"], .string("0:4294967295"), "owner must be UID:GID"),
            (
                ["command"], .array([]),
                "command must be a non-empty array of strings, e.g. [\"cargo\", \"build\", \"--release\"] (got [])"
            ),
            (
                ["docker-arg"], .array([.string("--cpus"), .integer(2)]),
                "docker-arg must be an array of strings, e.g. [\"--cpus\", \"2\"] (got an array holding an integer)"
            ),
            (["cache-env"], .array([.string("A=B")]), "cache-env must be an array of variable names"),
            (
                ["image"], .bool(true),
                "image must be an image name such as \"clux/muslrust:stable\" (not starting with -, no spaces) (got true or false)"
            ),
            (["record"], .integer(1), "record must be a path (a string), or false for none (got 1)"),
            (["mount-root"], .other("a date"), "mount-root must be a path (a string) (got a date)"),
            (["colour"], .bool(false), "config.toml:1: unknown setting colour; did you mean color?"),
            (["zzzzzzzz"], .bool(false), "unknown setting zzzzzzzz; the settings are: engine, image,"),
            (["keys"], .string("r"), "keys is a table: write [keys] on its own line"),
            (["keys", "zero-stat"], .string("Z"), "unknown action zero-stat; did you mean zero-stats?"),
            (["keys", "search"], .string("hyper-x"), "keys.search must be a key or an array of keys, written as \"r\""),
            (["keys", "search"], .integer(1), "keys.search must be a key or an array of keys"),
            (["keys", "rerun", "x"], .string("R"), "[keys] takes name = value lines, not a table keys.rerun.x"),
            (["colors", "hit"], .string("purple"), "colors.hit must be attributes (bold, dim, underline, reverse)"),
            (["colors", "nope"], .string("red"), "unknown colour role nope; the colour roles are: text, muted"),
            (["other", "x"], .integer(1), "unknown table other; the tables are: [keys], [colors]"),
        ] as [([String], ConfigValue, String)])
    func wrongValue(path: [String], value: ConfigValue, message: String) {
        let found = problems(user: file(.user, [(path, value)]))
        #expect(found.count == 1 && found[0].contains(message), "\(found)")
        #expect(found.first?.hasPrefix("~/.config/cachewatch/config.toml:1: ") == true)
    }

    @Test("An integer where seconds are taken counts as seconds, from a file and from a flag")
    func integerSeconds() throws {
        #expect(try ConfigResolver.resolve(user: file(.user, [(["notify-after"], .integer(30))])).notifyAfter == 30)
        let flagged = try ConfigResolver.resolve(flags: [.notifyAfter: .integer(0)])
        #expect(flagged.notifyAfter == 0 && flagged.values[.notifyAfter] == .number(0))
    }

    @Test("Flags and variables are checked the same way, named as the user wrote them")
    func flagsAndVariables() {
        #expect(
            problems(flags: [.owner: .string("me")]) == [
                "--owner must be UID:GID with numbers from 0 to 4294967294, e.g. \"1000:1000\" (got \"me\")"
            ])
        #expect(problems(flags: [.scrollback: .integer(5)]).first?.hasPrefix("--scrollback must be an integer") == true)
        #expect(problems(environment: ["SCCACHE_CACHE_SIZE": "lots"]).first?.hasPrefix("$SCCACHE_CACHE_SIZE: \"lots\"") == true)
    }

    @Test("Every problem of every layer is reported at once, each file in line order")
    func allAtOnce() {
        let user = ConfigFile(
            kind: .user, path: "u.toml", directory: "/",
            entries: [
                ConfigEntry(path: ["watch"], value: .integer(1), line: 7),
                ConfigEntry(path: ["scrollback"], value: .integer(1), line: 2),
            ])
        let found = problems(
            flags: [.debounce: .integer(-5)], environment: ["SCCACHE_CACHE_SIZE": "x"],
            project: file(.project, [(["engine"], .string("x"))]), user: user)
        #expect(found.count == 5, "\(found)")
        #expect(found.first?.hasPrefix("u.toml:2:") == true && found[1].hasPrefix("u.toml:7:"))
        #expect(found[2].hasPrefix("/p/.cachewatch.toml:1:") && found[3].hasPrefix("$SCCACHE_CACHE_SIZE"))
        #expect(found[4].hasPrefix("--debounce"))
    }

    @Test("A project's file cannot set what widens a build's reach: docker-arg, sccache, cache-env, owner, keep-sessions")
    func projectLimits() throws {
        for name in ["docker-arg", "sccache", "cache-env", "owner", "keep-sessions"] {
            let value: ConfigValue =
                name == "owner"
                ? .string("0:0") : name == "sccache" ? .string("/x") : name == "keep-sessions" ? .string("1K") : .array([])
            let found = problems(project: file(.project, [([name], value)]))
            #expect(
                found == [
                    "/p/.cachewatch.toml:1: \(name) is read only from your own config file or the command line: "
                        + "a project's file comes with its code, and cannot widen what its build may reach"
                ])
            #expect(problems(user: file(.user, [([name], value)])).isEmpty)
        }
    }

    @Test("watch with fresh, compare or headless: from one layer an error; from two, the higher wins and a note says so")
    func watchConflicts() throws {
        for key in [SettingKey.fresh, .compare, .headless] {
            let other = key.rawValue
            let both = problems(flags: [.watch: .bool(true), key: .bool(true)])
            #expect(both.count == 1 && both[0].hasPrefix("--watch and --\(other) do not go together"), "\(both)")
            let files = problems(user: file(.user, [(["watch"], .bool(true)), ([other], .bool(true))]))
            #expect(files.first?.contains("watch (~/.config/cachewatch/config.toml:1) and \(other)") == true, "\(files)")
            let flagWins = try ConfigResolver.resolve(
                flags: [key: .bool(true)], user: file(.user, [(["watch"], .bool(true))]))
            #expect(!flagWins.watch && flagWins.bool(key))
            #expect(flagWins.notes == ["watch (~/.config/cachewatch/config.toml:1) is off for this run: --\(other) wins over it"])
            let watchWins = try ConfigResolver.resolve(
                flags: [.watch: .bool(true)], project: file(.project, [([other], .bool(true))]), trust: .trusted)
            #expect(watchWins.watch && !watchWins.bool(key))
        }
    }

    @Test("[keys] and [colors] come from the user's file alone: a project's file setting them is refused, even trusted")
    func keysAndColors() throws {
        let settings = try ConfigResolver.resolve(
            user: file(
                .user,
                [
                    (["keys", "rerun"], .string("R")), (["keys", "stop"], .array([.string("S"), .string("ctrl-s")])),
                    (["colors", "hit"], .string("bold green")), (["colors", "miss"], .string("208 on default")),
                ]))
        #expect(settings.keymap.keys(of: .rerun) == [.character("R")])
        #expect(settings.keymap.keys(of: .stop) == [.character("S"), .control("s")])
        #expect(settings.colors[.miss] == ColorSpec(foreground: 208, background: -1))
        #expect(settings.colorSources[.miss]?.description == "~/.config/cachewatch/config.toml:4")
        let found = problems(
            project: file(.project, [(["keys", "quit"], .array([])), (["colors", "error"], .string("black on black"))]))
        #expect(
            found == [
                "/p/.cachewatch.toml:1: [keys] is read only from your own config file: keys and colours are a person's "
                    + "habits, not a project's",
                "/p/.cachewatch.toml:2: [colors] is read only from your own config file: keys and colours are a "
                    + "person's habits, not a project's",
            ], "\(found)")
    }

    @Test("Closest names: an edit distance, suggested only when close")
    func closest() {
        #expect(ConfigResolver.distance("colour", "color") == 1)
        #expect(ConfigResolver.distance("", "abc") == 3 && ConfigResolver.distance("abc", "") == 3)
        #expect(ConfigResolver.unknown("scrolback", among: ["scrollback", "watch"]).hasSuffix("did you mean scrollback?"))
        #expect(
            ConfigResolver.unknown("qqqqqqq", among: ["scrollback", "watch"]).contains("the settings are: scrollback, watch"))
    }
}
