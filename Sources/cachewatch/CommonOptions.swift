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
        name: .long,
        help: "chown the outputs to --owner (or you) after every build, like the seed's POST_BUILD_CMD (docker engine).")
    var chownAfter = false

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

    @Flag(name: .long, help: "Stream the log to stdout and print a summary instead of the dashboard.")
    var headless = false

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

    @Option(name: .long, help: ArgumentHelp("Lines of log kept in the dashboard.", valueName: "n"))
    var scrollback = 100_000

    @Flag(name: .long, help: "Delete target/ before every run, so each run compiles everything (cold, then from the cache).")
    var fresh = false

    @Flag(
        name: .long,
        help:
            "Measure: a clean build without sccache, then with a warm cache (warmed first when cold), and the ratio.")
    var compare = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Record the session here (default: <mount root>/cachewatch/sessions/<start>.cwrec; replay with `cachewatch replay`).",
            valueName: "file"))
    var record: String?

    @Flag(name: .customLong("no-record"), help: "Do not record the session.")
    var noRecord = false

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

    @Flag(name: .customLong("no-probe"), help: "Do not check that a Redis or memcached cache answers before each build.")
    var noProbe = false

    @Flag(
        name: .long,
        help: "Re-run the build when a source file of the project changes (W turns it on and off; not with --fresh).")
    var watch = false

    @Option(
        name: .customLong("on-change"),
        help: ArgumentHelp(
            "Watch: a change while a build runs stops it and starts again (restart), or waits for it to end (wait).",
            valueName: "restart|wait"))
    var onChange: WatchSettings.Strategy = .restart

    @Option(
        name: .long,
        help: ArgumentHelp("Watch: changes closer together than this make one re-run (milliseconds).", valueName: "ms"))
    var debounce = Int(WatchSettings.defaultDebounce * 1000)

    @Option(
        name: .customLong("notify-after"),
        help: ArgumentHelp(
            "Ring the bell and set the terminal's title when a build that ran this long ends (also any build that ends "
                + "while the terminal is not focused).", valueName: "seconds"))
    var notifyAfter = NotifySettings.defaultAfter

    @Flag(name: .customLong("no-notify"), help: "No bell and no title when a build ends.")
    var noNotify = false

    @Argument(
        parsing: .postTerminator,
        help: ArgumentHelp("The build command, after `--` (default: cargo build --release --locked).", valueName: "command"))
    var command: [String] = []

    func validate() throws {
        if let owner, Owner.parse(owner) == nil {
            throw ValidationError(
                "--owner must be UID:GID with numbers from 0 to 4294967294, e.g. 1000:1000 (got \"\(owner)\")")
        }
        if scrollback < 100 {
            throw ValidationError("--scrollback must be at least 100")
        }
        if record != nil && noRecord { throw ValidationError("--record and --no-record contradict each other") }
        if watch && fresh {
            throw ValidationError(
                "--watch and --fresh do not go together: a watch re-run builds on what the last run left in target/ "
                    + "(--fresh deletes it before every run)")
        }
        if watch && compare {
            throw ValidationError("--watch and --compare do not go together: a comparison is two clean builds")
        }
        if watch && headless { throw ValidationError("--watch needs the dashboard (it re-runs until you quit); drop --headless") }
        if !(notifyAfter >= 0 && notifyAfter.isFinite) { throw ValidationError("--notify-after must be 0 or more seconds") }
        if !(0...60_000).contains(debounce) { throw ValidationError("--debounce must be from 0 to 60000 milliseconds") }
        if let keep = keepSessions, (try? CacheSize.parse(keep)) == nil {
            throw ValidationError("--keep-sessions must be a size such as 1G or 500M")
        }
        for name in cacheEnvironment
        where name.isEmpty || name.contains("=") || !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
        {
            throw ValidationError(
                "--cache-env takes a variable's name (letters, digits, _), not \"\(name)\"; its value comes from your environment"
            )
        }
        if let size = cacheSize {
            do {
                _ = try CacheSize.parse(size)
            } catch {
                throw ValidationError("--cache-size: \(error)")
            }
        }
    }
}
