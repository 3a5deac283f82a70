import Testing

@testable import CacheWatchCore

/// The launch decisions `run`, `demo` and `doctor` share, made without a process: paths, the engine (or the demo's
/// choice), the owner, the notes and the problems.
@Suite struct LaunchPlanTests {
    private static let host = LaunchPlan.Host(
        environment: [:], home: "/home/me", workingDirectory: "/home/me/src/demo", uid: 1000, gid: 1000)

    private static func plan(
        _ flags: [SettingKey: ConfigValue] = [:], environment: [String: String] = [:], project: String = ".", demo: Bool = false
    ) throws -> LaunchPlan {
        var host = Self.host
        host.environment = environment
        return LaunchPlan(
            try ConfigResolver.resolve(flags: flags, environment: environment), project: project, host: host, demo: demo)
    }

    @Test("Paths: ~ is $HOME, relative to the working directory, . and .. and doubled slashes gone, links untouched")
    func paths() {
        #expect(LaunchPlan.absolute("~", host: Self.host) == "/home/me")
        #expect(LaunchPlan.absolute("~/x/../y//z/.", host: Self.host) == "/home/me/y/z")
        #expect(LaunchPlan.absolute("../other", host: Self.host) == "/home/me/src/other")
        #expect(LaunchPlan.absolute("/../..", host: Self.host) == "/")
        #expect(LaunchPlan.absolute("~user/x", host: Self.host) == "/home/me/src/demo/~user/x", "only ~ and ~/ expand")
        #expect(LaunchPlan.abbreviate("/home/me/.muslrust", home: "/home/me") == "~/.muslrust")
        #expect(LaunchPlan.abbreviate("/home/meow/x", home: "/home/me") == "/home/meow/x")
    }

    @Test("Defaults: docker with muslrust, ~/.muslrust, sccache's standard size, the invoking user as owner")
    func defaults() throws {
        let plan = try Self.plan()
        #expect(plan.engine == .docker(image: DockerPlan.defaultImage))
        #expect(plan.projectPath == "/home/me/src/demo" && plan.mountRoot == "/home/me/.muslrust")
        #expect(plan.cacheSize == .standard && plan.ownerUID == 1000 && plan.ownerName == "you")
        #expect(plan.warnings.isEmpty && plan.banner.isEmpty && plan.problem == nil && plan.buildProblem == nil)
        #expect(!plan.fresh && !plan.watch)
    }

    @Test("The demo without --engine tries docker with muslrust, then the stand-in; --engine or --image decide")
    func demoChoice() throws {
        #expect(
            try Self.plan(demo: true).engine == .demoChoice(images: [DockerPlan.defaultImage, LaunchPlan.standinImage]))
        #expect(try Self.plan([.image: .string("mine:1")], demo: true).engine == .demoChoice(images: ["mine:1"]))
        #expect(try Self.plan([.engine: .string("native")], demo: true).engine == .native)
        #expect(try Self.plan([.engine: .string("docker"), .image: .string("mine:1")]).engine == .docker(image: "mine:1"))
    }

    @Test("sudo: the owner is the user who ran sudo; --owner names another, said as a uid")
    func owners() throws {
        let host = LaunchPlan.Host(
            environment: ["SUDO_UID": "1001", "SUDO_GID": "1002"], home: "/root", workingDirectory: "/", uid: 0, gid: 0)
        #expect(host.uid == 1001 && host.gid == 1002)
        let other = try Self.plan([.owner: .string("2000:2000")])
        #expect(other.ownerUID == 2000 && other.ownerGID == 2000 && other.ownerName == "uid 2000")
    }

    @Test("Warnings and problems: a mount root inside the project, CARGO_INCREMENTAL=1, a password in a Redis URL")
    func notes() throws {
        let inside = try Self.plan([.mountRoot: .string("target/mr")])
        #expect(inside.warnings.count == 1 && inside.warnings[0].contains("~/src/demo/target/mr is inside the project"))
        #expect(
            try Self.plan(environment: ["CARGO_INCREMENTAL": "1"]).buildProblem?.hasPrefix("CARGO_INCREMENTAL=1 is set") == true)
        let redis = try Self.plan(environment: ["SCCACHE_REDIS_ENDPOINT": "redis://:hunter2@127.0.0.1:6379"])
        #expect(redis.banner.count == 2 && redis.banner[1].contains("carries its credentials in the URL"))
        #expect(!redis.banner.joined().contains("hunter2"), "the password is masked")
    }

    @Test("A native dev build without CARGO_INCREMENTAL is told sccache will not cache it; a release build is not")
    func nativeNotes() throws {
        let build = ConfigValue.array([.string("cargo"), .string("build")])
        let dev = try Self.plan([.command: build]).nativeNotes(sccache: "/home/me/.local/bin/sccache", demo: true)
        try #require(dev.count == 2)
        #expect(dev[0].hasSuffix("wrapped by ~/.local/bin/sccache"))
        #expect(dev[1].contains("CARGO_INCREMENTAL is not set"))
        #expect(try Self.plan().nativeNotes(sccache: "/s", demo: false).isEmpty, "the default command is a release build")
        let off = try Self.plan([.command: build], environment: ["CARGO_INCREMENTAL": "0"])
        #expect(off.nativeNotes(sccache: "/s", demo: false).isEmpty)
    }

    @Test(
        "Watch and fresh, decided once: --watch headless is refused, a file's watch is not for a headless run, the demo is fresh unless it watches"
    )
    func watchAndFresh() throws {
        let settings = try ConfigResolver.resolve(flags: [.watch: .bool(true)])
        let flagged = LaunchPlan(settings, project: ".", host: Self.host, headless: true)
        #expect(flagged.problem == "--watch needs the dashboard in a terminal (it re-runs until you quit)")
        #expect(LaunchPlan(settings, project: ".", host: Self.host).watch)
        let file = ConfigFile(
            kind: .user, path: "~/.config/cachewatch/config.toml", directory: "/home/me/.config/cachewatch",
            entries: [ConfigEntry(path: ["watch"], value: .bool(true), line: 1)])
        let fromFile = try ConfigResolver.resolve(user: file)
        let headless = LaunchPlan(fromFile, project: ".", host: Self.host, headless: true)
        #expect(headless.problem == nil && !headless.watch)
        #expect(try Self.plan(demo: true).fresh, "the demo starts each run from an empty target/")
        #expect(!LaunchPlan(settings, project: ".", host: Self.host, demo: true).fresh, "unless it watches")
        #expect(try Self.plan([.compare: .bool(true)]).fresh)
    }
}
