import CacheWatchCore
import CacheWatchStore
import Foundation

/// What `cachewatch history` and `cachewatch why` ask of the history under a mount root: the runs listed, one run
/// whole, two compared, old ones pruned, a run's misses explained. Each answer is the text to print; nothing here
/// prints but the store's notes (`warn`).
public struct HistoryQuery {
    /// Why a question has no answer.
    public enum Failure: Error, Equatable {
        /// The question cannot be answered as asked (no such run, a run still running): said with the usage.
        case refused(String)
        /// The store failed (a full disk, a busy or damaged file): said in a sentence, never SQLite's raw error.
        case store(String)
    }

    /// How `show` gives the run.
    public enum ShowFormat: Equatable, Sendable {
        case text
        case json
        /// A Chrome trace (Perfetto, chrome://tracing) written to this file.
        case trace(String)
    }

    public let mountRoot: String
    /// Only this project's runs (absolute), or every run.
    public let project: String?
    public let utcOffset: Int
    /// Where the store's notes go (a repaired or newer file).
    public var warn: (String) -> Void = { Output.err("cachewatch: \($0)\n") }

    public init(mountRoot: String, project: String?, utcOffset: Int = TimeZone.current.secondsFromGMT()) {
        self.mountRoot = mountRoot
        self.project = project
        self.utcOffset = utcOffset
    }

    public var file: String { MountLayout.historyFile(mountRoot: mountRoot) }

    /// The newest `limit` runs as a table fitted to `width`, or a JSON array.
    public func list(limit: Int, json: Bool, width: Int) throws(Failure) -> String {
        try described {
            guard let store = try open() else {
                return json ? "[]\n" : "No runs in the history yet (\(file) does not exist).\n"
            }
            do { _ = try store.markInterrupted() } catch { warn(HistoryError.describe(error)) }
            let entries = try store.entries(project: project, limit: limit)
            if json { return HistoryJSON.list(entries) }
            let totals = try store.totals(project: project)
            return HistoryTable.lines(entries, totals: totals, width: width, utcOffset: utcOffset).joined(separator: "\n")
                + "\n"
        }
    }

    /// One run whole: its summary, the comparison with the run before and its compiles; or its JSON report; or its
    /// trace written to a file (the answer then says where).
    public func show(_ selector: String, format: ShowFormat) throws(Failure) -> String {
        try described {
            let store = try openExisting()
            let id = try resolve(selector, in: store)
            guard let runs = try store.runs(id), case .run(let record, _, _) = runs else {
                throw Failure.refused(
                    "run \(id) has not ended (it is running, or was interrupted): there is nothing more to show")
            }
            switch format {
            case .text: return RunText.plain(RunText.lines(runs, utcOffset: utcOffset))
            case .json: return RunReport.json(record)
            case .trace(let given):
                let path: String
                do { path = try SessionSetup.outputFile(given, option: "--trace") } catch {
                    throw Failure.refused("\(error)")
                }
                try AtomicFile.write(TraceExport.json(record), to: path)
                let timed = record.compiles.filter { $0.started != nil }.count
                return "trace of \(timed) compiles written to \(path) (open it in https://ui.perfetto.dev)\n"
            }
        }
    }

    /// Two runs compared crate by crate.
    public func diff(_ first: String, _ second: String) throws(Failure) -> String {
        try described {
            let store = try openExisting()
            let a = try resolve(first, in: store)
            let b = try resolve(second, in: store)
            guard let diff = try store.diff(a, b) else { throw Failure.refused("both runs must have ended to be compared") }
            return RunText.plain(RunText.lines(diff, utcOffset: utcOffset))
        }
    }

    /// Keeps the newest `keep` runs of the whole history and deletes the others.
    public func prune(keep: Int) throws(Failure) -> String {
        try described {
            guard let store = try open() else { return "No history yet: nothing to prune.\n" }
            let removed: Int
            do { removed = try store.prune(keep: keep) } catch {
                throw Failure.store("prune failed: \(HistoryError.describe(error))")
            }
            return removed == 0
                ? "Nothing to prune: the history has \(keep) runs or fewer.\n"
                : "Pruned \(removed) run\(removed == 1 ? "" : "s"); the newest \(keep) kept.\n"
        }
    }

    /// Why a run's compiles missed, grouped by cause (only `crate`'s when given), as text or JSON.
    public func why(_ selector: String, crate: String?, json: Bool) throws(Failure) -> String {
        try described {
            let store = try openExisting()
            let id = try resolve(selector, in: store)
            guard let record = try store.record(id) else {
                throw Failure.refused(
                    "run \(id) has not ended (it is running, or was interrupted): there is nothing to explain")
            }
            if let crate, !record.compiles.contains(where: { $0.name == crate }) {
                throw Failure.refused("run \(id) has no compile named \(crate)")
            }
            if json { return WhyText.json(record, crate: crate) }
            var shown = record
            if let crate { shown.compiles = record.compiles.filter { $0.name == crate } }
            return RunText.plain(WhyText.lines(shown, utcOffset: utcOffset))
        }
    }

    /// The history, or nil when there is none: an absent history is not created just to be read.
    private func open() throws(Failure) -> HistoryStore? {
        guard access(file, F_OK) == 0 else { return nil }
        do {
            let store = try HistoryStore(path: file)
            store.takeNotes().forEach(warn)
            return store
        } catch {
            throw .refused("cannot open the history at \(file): \(HistoryError.describe(error))")
        }
    }

    /// The history, which must exist: reading a run from none is an error that says so.
    private func openExisting() throws(Failure) -> HistoryStore {
        guard let store = try open() else { throw .refused("no history yet: no run has ended under this mount root") }
        return store
    }

    private func resolve(_ text: String, in store: HistoryStore) throws(Failure) -> RunID {
        guard let selector = RunSelector(text) else {
            throw .refused("\(text) does not name a run: give an id, a unique prefix of one, last, or last~N")
        }
        do { return try store.resolve(selector, project: project) } catch {
            throw .refused("\(text): \(HistoryError.describe(error))")
        }
    }

    /// `body`'s answer; whatever the store throws is said in a sentence.
    private func described(_ body: () throws -> String) throws(Failure) -> String {
        do { return try body() } catch let failure as Failure { throw failure } catch {
            throw .store(HistoryError.describe(error))
        }
    }
}
