import Testing

@testable import CacheWatchCore

@Suite("A project's file applies only once its user trusts it, and even then stays inside its project")
struct ProjectTrustTests {
    private let user = ConfigFile(
        kind: .user, path: "~/.config/cachewatch/config.toml", directory: "/home/u/.config/cachewatch",
        entries: [ConfigEntry(path: ["engine"], value: .string("docker"), line: 1)])

    private func project(_ entries: [([String], ConfigValue)]) -> ConfigFile {
        ConfigFile(
            kind: .project, path: "~/clone/.cachewatch.toml", directory: "/home/u/clone",
            entries: entries.enumerated().map { ConfigEntry(path: $1.0, value: $1.1, line: $0 + 1) })
    }

    /// The reproduction from the issue: the user's docker engine, a cloned repository's native engine and command.
    private var hostile: ConfigFile {
        project([
            (["engine"], .string("native")), (["command"], .array([.string("sh"), .string("-c"), .string("touch x")])),
            (["scrollback"], .integer(500)),
        ])
    }

    @Test("Untrusted or changed: nothing of it applies, and the notice says what it would change and how to trust it")
    func untrusted() throws {
        for trust in [ProjectTrust.untrusted, .changed] {
            let settings = try ConfigResolver.resolve(project: hostile, trust: trust, user: user)
            #expect(settings.engine == "docker" && settings.command == ["cargo", "build", "--release", "--locked"])
            #expect(settings.scrollback == 100_000 && settings.source(.engine).rank == 1)
            let status = try #require(settings.projectFile)
            #expect(status.trust == trust)
            #expect(
                status.changes == [
                    "engine = \"native\" (instead of \"docker\")", "scrollback = 500 (instead of 100000)",
                    "command = [\"sh\", \"-c\", \"touch x\"] (instead of [\"cargo\", \"build\", \"--release\", \"--locked\"])",
                ])
            let notice = try #require(status.notice)
            #expect(
                notice.hasPrefix(
                    trust == .changed
                        ? "cachewatch: ~/clone/.cachewatch.toml changed since you trusted it, so none of it applies"
                        : "cachewatch: ~/clone/.cachewatch.toml is not trusted, so none of it applies"))
            #expect(notice.contains("`cachewatch trust`") && notice.contains("--trust-project"))
        }
    }

    @Test("An untrusted file's problems stop nothing: they are counted in the notice")
    func untrustedProblems() throws {
        let bad = project([(["report"], .string("/home/u/.bashrc")), (["keys", "quit"], .array([]))])
        let settings = try ConfigResolver.resolve(project: bad, trust: .untrusted, user: user)
        #expect(settings.report == nil && settings.keymap.keys(of: .quit) == Keymap.standard.keys(of: .quit))
        #expect(settings.projectFile?.problems.count == 2)
        #expect(settings.projectFile?.notice?.contains("it has 2 problems") == true)
        #expect(throws: ConfigError.self) { try ConfigResolver.resolve(project: bad, trust: .trusted, user: user) }
    }

    @Test("A file that cannot be parsed stops nothing untrusted (the notice has its problems); trusted, it stops the run")
    func unreadable() throws {
        let problem = ConfigProblem(.file(.project, path: "~/p/.cachewatch.toml", line: 3), "expected a value")
        let unreadable = ConfigResolver.UnreadableProject(path: "~/p/.cachewatch.toml", problems: [problem])
        let settings = try ConfigResolver.resolve(unreadableProject: unreadable, trust: .untrusted)
        #expect(settings.projectFile?.problems == [problem] && settings.projectFile?.changes == [])
        #expect(settings.projectFile?.path == "~/p/.cachewatch.toml")
        #expect(throws: ConfigError([problem])) {
            try ConfigResolver.resolve(unreadableProject: unreadable, trust: .forThisRun)
        }
    }

    @Test("Trusted (for good or for this run): it applies over the user's file, and says what it changes")
    func trusted() throws {
        for trust in [ProjectTrust.trusted, .forThisRun] {
            let settings = try ConfigResolver.resolve(project: hostile, trust: trust, user: user)
            #expect(settings.engine == "native" && settings.command == ["sh", "-c", "touch x"])
            #expect(settings.projectFile?.changes.count == 3 && settings.projectFile?.notice == nil)
        }
        let quiet = try ConfigResolver.resolve(project: project([]), trust: .untrusted, user: user)
        #expect(quiet.projectFile?.notice == nil)  // a file that would change nothing is not worth a notice
    }

    @Test(
        "Paths a trusted project's file names stay inside the project: no absolute path, no .., no ~",
        arguments: [
            ("report", "/home/u/.bashrc"), ("trace", "../outside.json"), ("summary", "~/.bashrc"),
            ("record", "a/../../b.cwrec"), ("mount-root", "/tmp/muslrust"), ("summary", ""),
        ])
    func confined(name: String, path: String) {
        #expect(throws: ConfigError.self) {
            try ConfigResolver.resolve(project: project([([name], .string(path))]), trust: .trusted, user: user)
        }
        #expect(ConfigResolver.confinement(ConfigOption.named(name)!, .string(path)) != nil)
    }

    @Test("Relative paths inside the project are fine, and report = \"-\" is stdout")
    func insideIsFine() throws {
        let settings = try ConfigResolver.resolve(
            project: project([(["report"], .string("-")), (["mount-root"], .string(".cache/muslrust"))]), trust: .trusted)
        #expect(settings.report == "-" && settings.mountRoot == "/home/u/clone/.cache/muslrust")
    }

    @Test("The trusted list: digest and canonical path per line, escaped, damaged lines trust nothing")
    func list() {
        var list = TrustList()
        let digest = SHA256.hex(Array("engine = \"native\"\n".utf8))
        list.trust(path: "/home/u/odd\nname/.cachewatch.toml", digest: digest)
        list.trust(path: "/home/u/a\\b/.cachewatch.toml", digest: digest)
        let read = TrustList(parsing: list.text)
        #expect(read == list)
        #expect(read.status(path: "/home/u/odd\nname/.cachewatch.toml", digest: digest) == .trusted)
        #expect(read.status(path: "/home/u/a\\b/.cachewatch.toml", digest: SHA256.hex([1])) == .changed)
        #expect(read.status(path: "/elsewhere/.cachewatch.toml", digest: digest) == .untrusted)
        let damaged = TrustList(parsing: "xyz /p/.cachewatch.toml\n\(digest) relative/.cachewatch.toml\n\(digest)\n")
        #expect(damaged.digests.isEmpty)
        var revoked = read
        #expect(revoked.revoke(path: "/home/u/a\\b/.cachewatch.toml") && !revoked.revoke(path: "/nope"))
        #expect(revoked.digests.count == 1)
    }

    @Test("SHA-256: the FIPS 180-4 test vectors")
    func sha256() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            SHA256.hex(Array(repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
