/// One run as the history lists it: what ran, when, how it ended, and its headline numbers. `RunRecord` is the
/// whole run; this is its row.
public struct HistoryEntry: Hashable, Codable, Sendable {
    /// Where a run stands in the history.
    public enum State: String, Hashable, Codable, Sendable {
        /// Under way (its dashboard is alive).
        case running
        /// Its dashboard ended before the run did (killed, or the machine went down).
        case interrupted
        case ended
    }

    public var id: RunID
    public var startedAt: Double
    public var engine: EngineKind
    public var project: String
    public var command: [String]
    public var image: String?
    public var state: State
    /// How it ended; nil unless `ended`.
    public var outcome: RunOutcome?
    public var duration: Double?
    public var requests: Int?
    public var hits: Int?
    public var misses: Int?
    /// The cache's size when the run ended (sccache's figure, else the sccache directory on disk).
    public var cacheBytes: Int64?
    public var savedSeconds: Double?

    public init(
        id: RunID, startedAt: Double, engine: EngineKind, project: String, command: [String], image: String? = nil,
        state: State, outcome: RunOutcome? = nil, duration: Double? = nil, requests: Int? = nil, hits: Int? = nil,
        misses: Int? = nil, cacheBytes: Int64? = nil, savedSeconds: Double? = nil
    ) {
        self.id = id
        self.startedAt = startedAt
        self.engine = engine
        self.project = project
        self.command = command
        self.image = image
        self.state = state
        self.outcome = outcome
        self.duration = duration
        self.requests = requests
        self.hits = hits
        self.misses = misses
        self.cacheBytes = cacheBytes
        self.savedSeconds = savedSeconds
    }

    /// The row of a finished run.
    public init(record: RunRecord) {
        let stats = record.stats
        self.init(
            id: record.id, startedAt: record.startedAt, engine: record.engine, project: record.project,
            command: record.command, image: record.image, state: .ended, outcome: record.outcome,
            duration: record.duration, requests: stats?.compileRequests, hits: stats?.hits.total,
            misses: stats?.misses.total, cacheBytes: record.cacheBytes, savedSeconds: record.savedSeconds)
    }

    /// Hits over hits and misses, as sccache counts its hit rate; nil before any.
    public var hitRate: Double? {
        let h = hits ?? 0
        let m = misses ?? 0
        return h + m > 0 ? Double(h) / Double(h + m) : nil
    }

    /// "succeeded", "failed", "stopped", "interrupted", "running", …
    public var word: String {
        if state == .ended, let outcome { return outcome.word }
        return state.rawValue
    }

    /// The exit status, when the run ended with one (127 when it could not start).
    public var exitStatus: Int32? {
        guard state == .ended, let outcome else { return nil }
        return outcome.exitCode
    }

    /// Same project, engine, image and command as `RunRecord.comparisonKey`.
    public var comparisonKey: String {
        RunRecord.comparisonKey(project: project, engine: engine, image: image, command: command)
    }
}
