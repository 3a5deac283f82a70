import ArgumentParser
import CacheWatchCore
import CacheWatchRunner
import CacheWatchStore
import Foundation

/// `cachewatch why [RUN]`: why a stored run's compiles missed, grouped by cause, with what to do.
struct WhyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "why",
        abstract: "Explain why a run's compiles missed sccache's cache (default: the last run).",
        discussion: """
            Each miss is compared with the last stored compile of the same unit (crate, kind, profile, target) in \
            the history, and named by the first input of sccache's key that changed: the entry is gone, a first \
            build, the sccache version, the toolchain or the image, a CARGO_* variable, the project path, the \
            flags, an env! value, the sources, or an upstream crate (followed to the crate whose own input changed).
            """)

    @OptionGroup var place: HistoryCommand.Where

    @Argument(help: ArgumentHelp("The run: an id, a unique prefix, last or last~N (default: last).", valueName: "run"))
    var selector = "last"

    @Option(help: ArgumentHelp("Only this crate (as the crate table names it).", valueName: "name"))
    var crate: String?

    @Flag(help: "Print the causes as JSON.")
    var json = false

    func run() throws { try HistoryCommand.described(perform) }

    func perform() throws {
        let store = try place.openExisting()
        let id = try place.resolve(selector, in: store)
        guard let record = try store.record(id) else {
            throw ValidationError("run \(id) has not ended (it is running, or was interrupted): there is nothing to explain")
        }
        if let crate, !record.compiles.contains(where: { $0.name == crate }) {
            throw ValidationError("run \(id) has no compile named \(crate)")
        }
        if json {
            Output.out(WhyText.json(record, crate: crate), terminator: "")
            return
        }
        var shown = record
        if let crate { shown.compiles = record.compiles.filter { $0.name == crate } }
        let lines = WhyText.lines(shown, utcOffset: TimeZone.current.secondsFromGMT())
        Output.out(RunText.plain(lines), terminator: "")
    }
}
