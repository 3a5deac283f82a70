import CacheWatchCore
import CacheWatchStore
import Foundation

/// The history's job: one serial queue that owns the store, opened on first use, so the dashboard never waits on
/// SQLite. Answers come back as events; problems as notices (the build never fails because of history).
public final class HistoryJob: @unchecked Sendable {
    private let queue = DispatchQueue(label: "cachewatch.history", qos: .utility)
    private let path: String
    private let events: EventQueue
    /// Touched only on `queue`.
    private var store: HistoryStore?
    private var unavailable: String?
    /// The runs this process kept (for the headless summary, which must not claim one that was not).
    private let kept = LockedValue<Set<RunID>>([])

    private let engine: BuildEngine
    private let project: String
    /// false: runs are kept without reading their inputs or explaining them (`CACHEWATCH_WHY=off`, the benchmark's
    /// baseline for what "why it missed" costs).
    private let explains: Bool

    public init(mountRoot: String, events: EventQueue, engine: BuildEngine, project: String, explains: Bool = true) {
        path = MountLayout.historyFile(mountRoot: mountRoot)
        self.events = events
        self.engine = engine
        self.project = project
        self.explains = explains
    }

    /// Notes a run that began (it reads "interrupted" if this process dies before it ends).
    public func begin(_ start: RunStart, session: SessionInfo) {
        // What every key of the run shares (`rustc -vV` among it) is read while the build runs, not after its end.
        if explains {
            queue.async { [self] in
                if live?.run != start.id { live = LiveRun(run: start.id, context: engine.keyContext()) }
            }
        }
        submit(display: false) { store in
            try store.begin(start, session: session)
            return nil
        } failed: {
            "This run is not noted in the history: \($0)"
        }
    }

    /// A run that ended: what went into its compiles' keys (dep-info, source digests, the run's context), why
    /// each miss missed (against the history), then kept. Answers `.runKept` with the explained record, whatever
    /// the history could do (the report waits for it).
    public func persist(_ record: RunRecord) {
        queue.async { [self] in
            var record = record
            // What the live explanations already read (inputs, stored compiles) is not read again.
            let current = live?.run == record.id ? live : nil
            if current != nil { live = nil }
            if explains {
                let known = current?.inputs ?? [:]
                let unread = record.compiles.filter { $0.inputs == nil && known[$0.sequence] == nil }
                var read: [Int: CompileInputs] = known
                for compile in CompileInputReader.read(unread, project: project, containerRoot: engine.containerRoot) {
                    read[compile.sequence] = compile.inputs
                }
                record.compiles = record.compiles.map { compile in
                    var compile = compile
                    compile.inputs = compile.inputs ?? read[compile.sequence]
                    return compile
                }
                var context = current?.context ?? engine.keyContext()
                context.sccacheVersion = record.stats?.version
                context.cacheLocation = record.stats?.cacheLocation
                record.context = context
            }
            do {
                if let store = try open() {
                    if explains {
                        // The units the live explanations asked about are not asked again.
                        var (candidates, storedKeys) = try store.baselines(for: Self.unasked(record, current?.asked ?? []))
                        candidates.merge(current?.candidates ?? [:]) { new, _ in new }
                        storedKeys.formUnion(current?.storedKeys ?? [])
                        for (index, cause) in MissExplainer.explain(record, candidates: candidates, storedKeys: storedKeys) {
                            record.compiles[index].cause = cause
                        }
                    }
                    if !store.readOnly {
                        try store.save(record)
                        kept.update { $0.insert(record.id) }
                    }
                    notes(store)
                }
            } catch {
                if let store { notes(store) }
                post(
                    .notice(
                        Notice("This run is not kept in the history: \(HistoryError.describe(error))", level: .warning, ttl: 8)))
            }
            post(.runKept(record))
        }
    }

    /// What the running build's live explanations keep between two: its context, the inputs read, and the stored
    /// compiles of each unit asked about (earlier runs do not change while it runs), so each explanation reads only
    /// what is new.
    private struct LiveRun {
        var run: RunID
        var context: RunContext
        var inputs: [Int: CompileInputs] = [:]
        var asked: Set<String> = []
        var candidates: [String: [MissExplainer.Baseline]] = [:]
        var baselines: [String: MissExplainer.Baseline] = [:]
        var storedKeys: Set<String> = []
        /// The compiles explained (by sequence): a cause, once found, does not change while the run goes on.
        var explained: Set<Int> = []
    }

    /// Touched only on `queue`.
    private var live: LiveRun?
    /// The newest compiles to explain live: one explanation waits at a time, and takes the newest when it runs.
    private let pendingLive = LockedValue<(id: RunID, compiles: [CrateResult])?>(nil)
    /// Set by `finish()`: what only the screen would show (live causes, the history's pages) is not read any more.
    private let closing = LockedValue(false)

    /// Explains the running build's misses that finished since the last time (its compiles so far give the
    /// cascade); answers `.causesFound`. The whole run is explained again when it ends.
    public func explainLive(_ id: RunID, compiles: [CrateResult]) {
        guard explains else { return }
        var queued = false
        pendingLive.update { pending in
            queued = pending != nil
            pending = (id, compiles)
        }
        guard !queued else { return }
        queue.async { [self] in
            var taken: (id: RunID, compiles: [CrateResult])?
            pendingLive.update { pending in swap(&taken, &pending) }
            guard let (id, compiles) = taken, !closing.get(), let store = try? open() else { return }
            if live?.run != id { live = LiveRun(run: id, context: engine.keyContext()) }
            guard var state = live else { return }
            let wanted = compiles.filter { ($0.outcome == .miss || $0.outcome == .error) && state.inputs[$0.sequence] == nil }
            for compile in CompileInputReader.read(wanted, project: project, containerRoot: engine.containerRoot) {
                if let inputs = compile.inputs { state.inputs[compile.sequence] = inputs }
            }
            var record = RunRecord(
                id: id, engine: engine.name, project: project, command: engine.command, startedAt: .greatestFiniteMagnitude,
                duration: 0, outcome: .ended(.exited(0), stopped: false),
                compiles: compiles.map { compile in
                    var compile = compile
                    compile.inputs = compile.inputs ?? state.inputs[compile.sequence]
                    return compile
                })
            record.context = state.context
            // The history is asked only about units it was not asked about before.
            let unasked = Self.unasked(record, state.asked)
            guard let (candidates, storedKeys) = try? store.baselines(for: unasked) else { return }
            state.asked.formUnion(unasked.compiles.compactMap { $0.inputs?.unit })
            state.candidates.merge(candidates) { old, _ in old }
            state.baselines.merge(MissExplainer.closest(unasked, candidates: candidates)) { old, _ in old }
            state.storedKeys.formUnion(storedKeys)
            let unexplained = record.compiles.indices.filter { index in
                let compile = record.compiles[index]
                return (compile.outcome == .miss || compile.outcome == .error) && !state.explained.contains(compile.sequence)
            }
            let causes = MissExplainer.explain(
                record, baselines: state.baselines, storedKeys: state.storedKeys, only: unexplained)
            var found: [Int: MissCause] = [:]
            for (index, cause) in causes where !state.explained.contains(record.compiles[index].sequence) {
                found[record.compiles[index].sequence] = cause
            }
            state.explained.formUnion(found.keys)
            live = state
            if !found.isEmpty { post(.causesFound(id, found)) }
        }
    }

    /// `record` with only the compiles of units not in `asked` (whose stored compiles were read already).
    private static func unasked(_ record: RunRecord, _ asked: Set<String>) -> RunRecord {
        var unasked = record
        unasked.compiles = record.compiles.filter { $0.inputs.map { !asked.contains($0.unit) } ?? false }
        return unasked
    }

    /// The last finished run like the session's runs, for "vs last run" from the first build on.
    public func loadPrevious(comparisonKey: String) {
        submit(display: false) { store in  // the headless summary's "vs last run" too
            .previousRun(
                try store.previous(comparisonKey: comparisonKey),
                averageCompile: try store.averageCompile(comparisonKey: comparisonKey))
        } failed: {
            "The history could not be read: \($0)"
        }
    }

    /// The history view's page for `project`.
    public func loadPage(project: String) {
        let offset = TimeZone.current.secondsFromGMT()
        queue.async { [self] in
            if closing.get() { return }
            do {
                guard let store = try open() else {
                    post(
                        .historyLoaded(
                            HistoryPage(
                                project: project, entries: [], totals: HistoryTotals(), note: unavailable, utcOffset: offset)))
                    return
                }
                let page = try store.page(project: project, utcOffset: offset)
                notes(store)
                post(.historyLoaded(page))
            } catch {
                post(
                    .historyLoaded(
                        HistoryPage(
                            project: project, entries: [], totals: HistoryTotals(),
                            note: "The history could not be read: \(HistoryError.describe(error))", utcOffset: offset)))
            }
        }
    }

    public func loadRun(_ id: RunID) {
        submit { store in
            guard let runs = try store.runs(id) else { throw HistoryError("run \(id) has not ended yet, or is not kept") }
            return .historyRuns(runs)
        } failed: {
            "The run could not be opened: \($0)"
        }
    }

    public func loadWhy(_ id: RunID) {
        submit { store in
            guard let record = try store.record(id) else { throw HistoryError("run \(id) has not ended yet, or is not kept") }
            return .historyRuns(.why(record))
        } failed: {
            "The run could not be opened: \($0)"
        }
    }

    public func loadDiff(_ a: RunID, _ b: RunID) {
        submit { store in
            guard let runs = try store.diff(a, b) else { throw HistoryError("both runs must have ended to be compared") }
            return .historyRuns(runs)
        } failed: {
            "The runs could not be compared: \($0)"
        }
    }

    /// Whether `id` was kept (after `finish()`).
    public func didKeep(_ id: RunID) -> Bool { kept.get().contains(id) }

    /// Waits for what must be kept (a run persisted before the process exits); what only the screen would show is
    /// dropped.
    public func finish() {
        closing.set(true)
        settle()
    }

    /// Waits for everything submitted so far.
    func settle() {
        queue.sync {}
    }

    /// - Parameter display: only the screen shows its answer (it is dropped once the dashboard closes).
    private func submit(
        display: Bool = true, _ work: @escaping @Sendable (HistoryStore) throws -> Event?,
        failed: @escaping @Sendable (String) -> String
    ) {
        queue.async { [self] in
            if display, closing.get() { return }
            do {
                guard let store = try open() else { return }
                let event = try work(store)
                notes(store)
                if let event { post(event) }
            } catch {
                if let store { notes(store) }
                post(.notice(Notice(failed(HistoryError.describe(error)), level: .warning, ttl: 8)))
            }
        }
    }

    /// The store, opened on first use; nil (said once) when no history can be kept here.
    private func open() throws -> HistoryStore? {
        if let store { return store }
        if unavailable != nil { return nil }
        do {
            let store = try HistoryStore(path: path)
            _ = try? store.markInterrupted()
            self.store = store
            return store
        } catch {
            unavailable = "The history is unavailable (\(HistoryError.describe(error))): runs are not remembered"
            post(.notice(Notice(unavailable!, level: .warning, ttl: 8)))
            return nil
        }
    }

    private func notes(_ store: HistoryStore) {
        for note in store.takeNotes() { post(.notice(Notice(note, level: .warning, ttl: 10))) }
    }

    private func post(_ event: Event) { events.post(event) }
}
