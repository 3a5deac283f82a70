import ArgumentParser
import CacheWatchCore
import CacheWatchRunner
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

    func run() throws {
        try place.answer { query throws(HistoryQuery.Failure) in try query.why(selector, crate: crate, json: json) }
    }
}
