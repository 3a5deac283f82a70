import ArgumentParser
import CacheWatchCore
import CacheWatchRunner
import Foundation

/// `cachewatch history`: the runs kept under the mount root, one run whole, two compared, or the old ones pruned.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List the runs kept in the history, show one, compare two, or prune old ones.",
        discussion: """
            Every run (dashboard and headless, both engines) is kept in <mount root>/cachewatch/history.sqlite \
            when it ends. RUN is a run's id, a unique prefix of one, last, or last~N (N runs before the last).
            """,
        subcommands: [List.self, Show.self, Diff.self, Prune.self],
        defaultSubcommand: List.self)

    struct Where: ParsableArguments {
        @Option(
            help: ArgumentHelp(
                "The mount root whose history to read (default: $MOUNT_ROOT, a config file's mount-root, else ~/.muslrust).",
                valueName: "dir")
        )
        var mountRoot: String?

        @Option(help: ArgumentHelp("Only the runs of this project directory.", valueName: "dir"))
        var project: String?

        /// The mount root as a run would have it (the flag, $MOUNT_ROOT, the config files, the default), asked
        /// `question`; its answer printed, or its failure said.
        func answer(_ question: (HistoryQuery) throws(HistoryQuery.Failure) -> String) throws {
            let loader = SettingsLoader()
            let flags = ConfigValue.given([.mountRoot: mountRoot])
            let projectPath = project.map(loader.absolute)
            let settings = Configuration.loadOrExit(
                flags: flags, project: projectPath ?? loader.host.workingDirectory, loader: loader)
            let query = HistoryQuery(mountRoot: loader.mountRoot(settings.settings.mountRoot), project: projectPath)
            do {
                Output.out(try question(query), terminator: "")
            } catch .refused(let message) {
                throw ValidationError(message)
            } catch .store(let message) {
                Output.err("cachewatch: error: \(message)\n")
                throw ExitCode(1)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the runs, newest first (the default).")

        @OptionGroup var place: Where

        @Option(help: ArgumentHelp("At most this many runs (default: 50).", valueName: "n"))
        var limit = 50

        @Flag(help: "Print a JSON array of the runs, newest first.")
        var json = false

        func validate() throws {
            if limit < 1 { throw ValidationError("--limit must be 1 or more") }
        }

        func run() throws {
            try place.answer { query throws(HistoryQuery.Failure) in
                try query.list(limit: limit, json: json, width: Output.width())
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "One run whole: summary, comparison with the run before, compiles.")

        @OptionGroup var place: Where

        @Argument(help: ArgumentHelp("The run.", valueName: "run"))
        var selector: String

        @Flag(help: "Print the run as JSON (as --report writes it).")
        var json = false

        @Option(
            help: ArgumentHelp(
                "Write the run's compiles as a Chrome trace (Perfetto, chrome://tracing) to this file instead.",
                valueName: "file"))
        var trace: String?

        func run() throws {
            let format: HistoryQuery.ShowFormat = trace.map { .trace($0) } ?? (json ? .json : .text)
            try place.answer { query throws(HistoryQuery.Failure) in try query.show(selector, format: format) }
        }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "diff", abstract: "Compare two runs crate by crate.")

        @OptionGroup var place: Where

        @Argument(help: ArgumentHelp("The two runs.", valueName: "run"))
        var runs: [String]

        func validate() throws {
            if runs.count != 2 { throw ValidationError("give two runs, e.g. cachewatch history diff last~1 last") }
        }

        func run() throws {
            try place.answer { query throws(HistoryQuery.Failure) in try query.diff(runs[0], runs[1]) }
        }
    }

    struct Prune: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "prune", abstract: "Keep the newest N runs and delete the others.")

        @OptionGroup var place: Where

        @Option(help: ArgumentHelp("How many of the newest runs to keep.", valueName: "n"))
        var keep: Int

        func validate() throws {
            if keep < 0 { throw ValidationError("--keep must be 0 or more") }
            if place.project != nil { throw ValidationError("prune works on the whole history; --project is not used here") }
        }

        func run() throws { try place.answer { query throws(HistoryQuery.Failure) in try query.prune(keep: keep) } }
    }
}
