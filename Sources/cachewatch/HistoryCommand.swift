import ArgumentParser
import CacheWatchCore
import CacheWatchRunner
import CacheWatchStore
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

        var projectPath: String? { project.map { Launcher.absolute($0) } }

        /// The mount root as a run would have it: the flag, $MOUNT_ROOT, the config files, the default.
        var root: String {
            let flags: [String: ConfigValue] = mountRoot.map { ["mount-root": .string($0)] } ?? [:]
            let project = projectPath ?? FileManager.default.currentDirectoryPath
            return Launcher.mountRoot(Configuration.loadOrExit(flags: flags, project: project).settings.mountRoot)
        }

        /// The history, or a clear error; an absent history is not created just to be read.
        func open(creating: Bool = false) throws -> HistoryStore? {
            let path = MountLayout.historyFile(mountRoot: root)
            guard creating || access(path, F_OK) == 0 else { return nil }
            do {
                let store = try HistoryStore(path: path)
                for note in store.takeNotes() { warn(note) }
                return store
            } catch {
                throw ValidationError("cannot open the history at \(path): \(HistoryError.describe(error))")
            }
        }

        /// The history, which must exist: reading a run from none is an error that says so.
        func openExisting() throws -> HistoryStore {
            guard let store = try open() else {
                throw ValidationError("no history yet: no run has ended under this mount root")
            }
            return store
        }

        func resolve(_ text: String, in store: HistoryStore) throws -> RunID {
            guard let selector = RunSelector(text) else {
                throw ValidationError("\(text) does not name a run: give an id, a unique prefix of one, last, or last~N")
            }
            do { return try store.resolve(selector, project: projectPath) } catch {
                throw ValidationError("\(text): \(HistoryError.describe(error))")
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

        func run() throws { try HistoryCommand.described(perform) }

        func perform() throws {
            guard let store = try place.open() else {
                Output.out(
                    json
                        ? "[]"
                        : "No runs in the history yet (\(MountLayout.historyFile(mountRoot: place.root)) does not exist)."
                )
                return
            }
            do { try store.markInterrupted() } catch { warn(HistoryError.describe(error)) }
            let entries = try store.entries(project: place.projectPath, limit: limit)
            if json {
                Output.out(HistoryJSON.list(entries), terminator: "")
                return
            }
            let totals = try store.totals(project: place.projectPath)
            guard !entries.isEmpty else {
                Output.out("No runs in the history yet.")
                return
            }
            let offset = TimeZone.current.secondsFromGMT()
            // The id first (a unique prefix of it names the run), then the dashboard's columns that fit.
            let idWidth = entries.map { $0.id.value.count }.max() ?? 2
            let columns = HistoryColumns.fit(width: Self.terminalWidth - idWidth - 1)
            func row(_ id: String, _ cells: [String]) -> String {
                id.padding(toLength: idWidth, withPad: " ", startingAt: 0) + " " + HistoryColumns.line(cells, columns: columns)
            }
            var lines = [row("Id", HistoryColumns.all.map(\.title))]
            for entry in entries {
                lines.append(row(entry.id.value, HistoryColumns.cells(entry, utcOffset: offset)))
            }
            lines.append("")
            lines.append(
                totals.sentence + (entries.count < totals.runs ? " (the newest \(entries.count) shown; --limit shows more)" : ""))
            Output.out(
                lines.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }.joined(separator: "\n"))
        }

        static var terminalWidth: Int {
            var size = winsize()
            if isatty(STDOUT_FILENO) != 0, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 60 {
                return Int(size.ws_col)
            }
            return 160
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

        func run() throws { try HistoryCommand.described(perform) }

        func perform() throws {
            let store = try place.openExisting()
            let id = try place.resolve(selector, in: store)
            guard let runs = try store.runs(id), case .run(let record, _) = runs else {
                throw ValidationError(
                    "run \(id) has not ended (it is running, or was interrupted): there is nothing more to show")
            }
            if let trace {
                let path: String
                do {
                    path = try SessionSetup.outputFile(trace, option: "--trace")
                } catch let fatal as LaunchFailure {
                    throw ValidationError(fatal.message)
                }
                try AtomicFile.write(TraceExport.json(record), to: path)
                let timed = record.compiles.filter { $0.started != nil }.count
                Output.out("trace of \(timed) compiles written to \(path) (open it in https://ui.perfetto.dev)\n", terminator: "")
            } else if json {
                Output.out(RunReport.json(record), terminator: "")
            } else {
                Output.out(RunText.plain(RunText.lines(runs, utcOffset: TimeZone.current.secondsFromGMT())), terminator: "")
            }
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

        func run() throws { try HistoryCommand.described(perform) }

        func perform() throws {
            let store = try place.openExisting()
            let a = try place.resolve(runs[0], in: store)
            let b = try place.resolve(runs[1], in: store)
            guard let diff = try store.diff(a, b) else {
                throw ValidationError("both runs must have ended to be compared")
            }
            Output.out(RunText.plain(RunText.lines(diff, utcOffset: TimeZone.current.secondsFromGMT())), terminator: "")
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

        func run() throws { try HistoryCommand.described(perform) }

        func perform() throws {
            guard let store = try place.open() else {
                Output.out("No history yet: nothing to prune.")
                return
            }
            do {
                let removed = try store.prune(keep: keep)
                Output.out(
                    removed == 0
                        ? "Nothing to prune: the history has \(keep) runs or fewer."
                        : "Pruned \(removed) run\(removed == 1 ? "" : "s"); the newest \(keep) kept.")
            } catch {
                throw ValidationError("prune failed: \(HistoryError.describe(error))")
            }
        }
    }
}

extension HistoryCommand {
    /// Runs a history command; what the store throws (a full disk, a busy or damaged file) is said in a sentence,
    /// never as SQLite's raw error.
    static func described(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ValidationError {
            throw error
        } catch let error as ExitCode {
            throw error
        } catch {
            Output.err("cachewatch: error: \(HistoryError.describe(error))\n")
            throw ExitCode(1)
        }
    }
}

private func warn(_ text: String) {
    Output.err("cachewatch: \(text)\n")
}
