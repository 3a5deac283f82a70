import ArgumentParser
import CacheWatchCore
import Foundation

/// The options `cachewatch` and `cachewatch demo` share.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Where the build runs: docker or native.", valueName: "engine"))
    var engine: EngineChoice?

    @Option(
        name: .long, help: ArgumentHelp("The muslrust image (docker engine; default: clux/muslrust:stable).", valueName: "image"))
    var image: String?

    @Option(
        name: .customLong("docker-arg"), parsing: .unconditionalSingleValue,
        help: ArgumentHelp("One more `docker run` argument, before the image (repeatable; may start with -).", valueName: "arg"))
    var dockerArguments: [String] = []

    @Flag(
        name: .long, inversion: .prefixedNo,
        help: "chown the outputs to --owner (or you) after every build, like the seed's POST_BUILD_CMD (docker engine).")
    var chownAfter: Bool?

    @Option(
        name: .long, help: ArgumentHelp("Root of the cache directories (default: $MOUNT_ROOT or ~/.muslrust).", valueName: "dir"))
    var mountRoot: String?

    @Option(name: .long, help: ArgumentHelp("sccache's size limit (default: $SCCACHE_CACHE_SIZE or 5G).", valueName: "size"))
    var cacheSize: String?

    @Option(name: .long, help: ArgumentHelp("The sccache binary (default: the real binary found on PATH).", valueName: "path"))
    var sccache: String?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp("Owner for `c` (chown), as UID:GID (default: you).", valueName: "uid:gid"))
    var owner: String?

    @Flag(
        name: .long, inversion: .prefixedNo, help: "Stream the log to stdout and print a summary instead of the dashboard.")
    var headless: Bool?

    @Option(name: .long, help: ArgumentHelp("Write a JSON report here each time a build ends.", valueName: "file"))
    var report: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write each run's compiles here as a Chrome trace (Perfetto, chrome://tracing) when it ends.", valueName: "file"))
    var trace: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Headless: append a Markdown summary of each run here (default: $GITHUB_STEP_SUMMARY when set).",
            valueName: "file"))
    var summary: String?

    @Option(name: .long, help: ArgumentHelp("Lines of log kept in the dashboard (default: 100000).", valueName: "n"))
    var scrollback: Int?

    @Flag(
        name: .long, inversion: .prefixedNo,
        help: "Delete target/ before every run, so each run compiles everything (cold, then from the cache).")
    var fresh: Bool?

    @Flag(
        name: .long, inversion: .prefixedNo,
        help:
            "Measure: a clean build without sccache, then with a warm cache (warmed first when cold), and the ratio.")
    var compare: Bool?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Record the session here (default: <mount root>/cachewatch/sessions/<start>.cwrec; replay with `cachewatch replay`).",
            valueName: "file"))
    var record: String?

    @Flag(name: .customLong("no-record"), help: "Do not record the session.")
    var noRecord = false

    @Option(
        name: .customLong("max-log-size"),
        help: ArgumentHelp(
            "Largest log file of a run; past it the log keeps its first and newest halves (default: 256M).", valueName: "size"))
    var maxLogSize: String?

    @Option(
        name: .customLong("keep-sessions"),
        help: ArgumentHelp("Disk space kept for recorded sessions; older ones are deleted (default: 1G).", valueName: "size"))
    var keepSessions: String?

    @Option(
        name: .customLong("cache-env"),
        help: ArgumentHelp(
            "One more variable the container's sccache needs (repeatable), passed by name: its value never appears on "
                + "docker's command line. sccache's backend variables (SCCACHE_REDIS*, SCCACHE_BUCKET, AWS_*, …) pass anyway.",
            valueName: "name"))
    var cacheEnvironment: [String] = []

    @Flag(
        name: .long, inversion: .prefixedNo,
        help: "Check that a Redis or memcached cache answers before each build (default: on).")
    var probe: Bool?

    @Flag(
        name: .long, inversion: .prefixedNo,
        help: "Re-run the build when a source file of the project changes (W turns it on and off; not with --fresh).")
    var watch: Bool?

    @Option(
        name: .customLong("on-change"),
        help: ArgumentHelp(
            "Watch: a change while a build runs stops it and starts again (restart), or waits for it to end (wait).",
            valueName: "restart|wait"))
    var onChange: WatchSettings.Strategy?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Watch: changes closer together than this make one re-run (milliseconds; default: 300).", valueName: "ms"))
    var debounce: Int?

    @Option(
        name: .customLong("notify-after"),
        help: ArgumentHelp(
            "Ring the bell and set the terminal's title when a build that ran this long ends (also any build that ends "
                + "while the terminal is not focused; default: 10).", valueName: "seconds"))
    var notifyAfter: Double?

    @Flag(
        name: .long, inversion: .prefixedNo,
        help: "Ring the bell and set the terminal's title when a build ends (default: on; see --notify-after).")
    var notify: Bool?

    @Flag(name: .long, inversion: .prefixedNo, help: "Colours in the dashboard (default: on; NO_COLOR turns them off).")
    var color: Bool?

    @Flag(
        name: .customLong("trust-project"),
        help: "Apply the project's .cachewatch.toml for this run without trusting it for good (CI, your own repository).")
    var trustProject = false

    @Argument(
        parsing: .postTerminator,
        help: ArgumentHelp("The build command, after `--` (default: cargo build --release --locked).", valueName: "command"))
    var command: [String] = []

    func validate() throws {
        if record != nil && noRecord { throw ValidationError("--record and --no-record contradict each other") }
    }

    /// The options given on the command line, by their setting's name; checked with the config files' values.
    var given: [String: ConfigValue] {
        var flags: [String: ConfigValue] = [:]
        func put(_ name: String, _ value: ConfigValue?) { if let value { flags[name] = value } }
        func words(_ list: [String]) -> ConfigValue? { list.isEmpty ? nil : .array(list.map(ConfigValue.string)) }
        put("engine", engine.map { .string($0.rawValue) })
        put("image", image.map(ConfigValue.string))
        put("docker-arg", words(dockerArguments))
        put("chown-after", chownAfter.map(ConfigValue.bool))
        put("mount-root", mountRoot.map(ConfigValue.string))
        put("cache-size", cacheSize.map(ConfigValue.string))
        put("sccache", sccache.map(ConfigValue.string))
        put("owner", owner.map(ConfigValue.string))
        put("headless", headless.map(ConfigValue.bool))
        put("report", report.map(ConfigValue.string))
        put("trace", trace.map(ConfigValue.string))
        put("summary", summary.map(ConfigValue.string))
        put("scrollback", scrollback.map(ConfigValue.integer))
        put("fresh", fresh.map(ConfigValue.bool))
        put("compare", compare.map(ConfigValue.bool))
        put("record", noRecord ? .bool(false) : record.map(ConfigValue.string))
        put("keep-sessions", keepSessions.map(ConfigValue.string))
        put("max-log-size", maxLogSize.map(ConfigValue.string))
        put("cache-env", words(cacheEnvironment))
        put("probe", probe.map(ConfigValue.bool))
        put("watch", watch.map(ConfigValue.bool))
        put("on-change", onChange.map { .string($0.rawValue) })
        put("debounce", debounce.map(ConfigValue.integer))
        put("notify-after", notifyAfter.map(ConfigValue.number))
        put("notify", notify.map(ConfigValue.bool))
        put("color", color.map(ConfigValue.bool))
        put("command", words(command))
        return flags
    }
}
